from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS "users" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "name" VARCHAR(255) NOT NULL,
    "email" VARCHAR(255) NOT NULL,
    "birth_date" DATE,
    "sex" VARCHAR(16) NOT NULL,
    "height_cm" DOUBLE PRECISION,
    "medical_conditions" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL
);
COMMENT ON COLUMN "users"."sex" IS 'FEMALE: female\nMALE: male\nOTHER: other\nUNKNOWN: unknown';
COMMENT ON TABLE "users" IS 'A person whose health and commerce data PulseTrack stores (a \"patient\" in seed 004).';
        CREATE TABLE IF NOT EXISTS "appointments" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "scheduled_at" TIMESTAMPTZ NOT NULL,
    "clinician" VARCHAR(255) NOT NULL,
    "reason" VARCHAR(500) NOT NULL,
    "status" VARCHAR(16) NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "user_id" INT NOT NULL REFERENCES "users" ("id") ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS "idx_appointment_schedul_b8cc0a" ON "appointments" ("scheduled_at");
CREATE INDEX IF NOT EXISTS "idx_appointment_user_id_6c7baa" ON "appointments" ("user_id");
COMMENT ON COLUMN "appointments"."status" IS 'SCHEDULED: scheduled\nCOMPLETED: completed\nCANCELLED: cancelled\nNO_SHOW: no-show';
        CREATE TABLE IF NOT EXISTS "blood_tests" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "taken_at" TIMESTAMPTZ NOT NULL,
    "fasting_glucose_mg_dl" DOUBLE PRECISION,
    "hba1c_percent" DOUBLE PRECISION,
    "total_cholesterol_mg_dl" DOUBLE PRECISION,
    "ldl_mg_dl" DOUBLE PRECISION,
    "hdl_mg_dl" DOUBLE PRECISION,
    "triglycerides_mg_dl" DOUBLE PRECISION,
    "created_at" TIMESTAMPTZ NOT NULL,
    "user_id" INT NOT NULL REFERENCES "users" ("id") ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS "idx_blood_tests_taken_a_806c34" ON "blood_tests" ("taken_at");
CREATE INDEX IF NOT EXISTS "idx_blood_tests_user_id_bd630a" ON "blood_tests" ("user_id");
        CREATE TABLE IF NOT EXISTS "health_metrics" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "kind" VARCHAR(32) NOT NULL,
    "value" DOUBLE PRECISION NOT NULL,
    "unit" VARCHAR(16) NOT NULL,
    "measured_at" TIMESTAMPTZ NOT NULL,
    "source" VARCHAR(64) NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "user_id" INT NOT NULL REFERENCES "users" ("id") ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS "idx_health_metr_measure_9a0f83" ON "health_metrics" ("measured_at");
CREATE INDEX IF NOT EXISTS "idx_health_metr_user_id_fc7f58" ON "health_metrics" ("user_id");
CREATE INDEX IF NOT EXISTS "idx_health_metr_user_id_d12eb0" ON "health_metrics" ("user_id", "kind", "measured_at");
COMMENT ON COLUMN "health_metrics"."kind" IS 'HEART_RATE: heart_rate\nTEMPERATURE: temperature\nBLOOD_PRESSURE_SYSTOLIC: blood_pressure_systolic\nBLOOD_PRESSURE_DIASTOLIC: blood_pressure_diastolic\nWEIGHT: weight\nSPO2: spo2\nGLUCOSE: glucose\nRESPIRATORY_RATE: respiratory_rate';
COMMENT ON TABLE "health_metrics" IS 'One measurement of one kind (a \"measurement\" in seed 004), stored in its canonical unit.';
        CREATE TABLE IF NOT EXISTS "meals" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "eaten_at" TIMESTAMPTZ NOT NULL,
    "description" VARCHAR(500) NOT NULL,
    "calories" DOUBLE PRECISION NOT NULL,
    "protein_g" DOUBLE PRECISION,
    "carbohydrate_g" DOUBLE PRECISION,
    "fat_g" DOUBLE PRECISION,
    "created_at" TIMESTAMPTZ NOT NULL,
    "user_id" INT NOT NULL REFERENCES "users" ("id") ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS "idx_meals_eaten_a_12a04e" ON "meals" ("eaten_at");
CREATE INDEX IF NOT EXISTS "idx_meals_user_id_df6ecf" ON "meals" ("user_id");
        CREATE TABLE IF NOT EXISTS "physical_activities" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "date" DATE NOT NULL,
    "steps" INT NOT NULL,
    "active_minutes" INT NOT NULL,
    "distance_km" DOUBLE PRECISION NOT NULL,
    "calories" DOUBLE PRECISION NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "user_id" INT NOT NULL REFERENCES "users" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_physical_ac_user_id_dcec46" UNIQUE ("user_id", "date")
);
CREATE INDEX IF NOT EXISTS "idx_physical_ac_user_id_34a64a" ON "physical_activities" ("user_id");
COMMENT ON TABLE "physical_activities" IS 'A user''s activity for one day.';
        CREATE TABLE IF NOT EXISTS "reports" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "kind" VARCHAR(64) NOT NULL,
    "period_start" DATE NOT NULL,
    "period_end" DATE NOT NULL,
    "content" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "job_id" UUID REFERENCES "jobs" ("id") ON DELETE SET NULL,
    "user_id" INT NOT NULL REFERENCES "users" ("id") ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS "idx_reports_created_9f0ca0" ON "reports" ("created_at");
CREATE INDEX IF NOT EXISTS "idx_reports_user_id_b52cd9" ON "reports" ("user_id");
COMMENT ON TABLE "reports" IS 'A generated report about a user over a period, and the job that produced it.';
        CREATE TABLE IF NOT EXISTS "sleep_sessions" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "start" TIMESTAMPTZ NOT NULL,
    "end" TIMESTAMPTZ NOT NULL,
    "duration_minutes" DOUBLE PRECISION NOT NULL,
    "quality" INT,
    "created_at" TIMESTAMPTZ NOT NULL,
    "user_id" INT NOT NULL REFERENCES "users" ("id") ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS "idx_sleep_sessi_start_0abdbe" ON "sleep_sessions" ("start");
CREATE INDEX IF NOT EXISTS "idx_sleep_sessi_user_id_19681f" ON "sleep_sessions" ("user_id");
        CREATE TABLE IF NOT EXISTS "orders" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "product_name" VARCHAR(255) NOT NULL,
    "quantity" INT NOT NULL,
    "order_date" TIMESTAMPTZ NOT NULL,
    "user_id" INT NOT NULL REFERENCES "users" ("id") ON DELETE RESTRICT
);
CREATE INDEX IF NOT EXISTS "idx_orders_order_d_0c69e7" ON "orders" ("order_date");
CREATE INDEX IF NOT EXISTS "idx_orders_user_id_f00b6a" ON "orders" ("user_id");
COMMENT ON TABLE "orders" IS 'An order exactly as seed 002 defines it; quantity > 0 is also a CHECK in the database.';
-- Written by hand: aerich emits neither CHECK constraints, expression indexes nor SQL defaults.
CREATE UNIQUE INDEX "uq_users_email_lower" ON "users" (lower("email"));
ALTER TABLE "users" ADD CONSTRAINT "ck_users_sex" CHECK ("sex" IN ('female', 'male', 'other', 'unknown'));
ALTER TABLE "users" ADD CONSTRAINT "ck_users_height" CHECK ("height_cm" BETWEEN 30 AND 272);
ALTER TABLE "users" ADD CONSTRAINT "ck_users_conditions_list" CHECK (jsonb_typeof("medical_conditions") = 'array');
ALTER TABLE "health_metrics" ADD CONSTRAINT "ck_health_metrics_plausible" CHECK (
    ("kind" = 'heart_rate' AND "value" BETWEEN 20 AND 300)
    OR ("kind" = 'temperature' AND "value" BETWEEN 25 AND 45)
    OR ("kind" = 'blood_pressure_systolic' AND "value" BETWEEN 50 AND 300)
    OR ("kind" = 'blood_pressure_diastolic' AND "value" BETWEEN 20 AND 200)
    OR ("kind" = 'weight' AND "value" BETWEEN 0.5 AND 500)
    OR ("kind" = 'spo2' AND "value" BETWEEN 50 AND 100)
    OR ("kind" = 'glucose' AND "value" BETWEEN 10 AND 1000)
    OR ("kind" = 'respiratory_rate' AND "value" BETWEEN 4 AND 80)
);
ALTER TABLE "physical_activities" ADD CONSTRAINT "ck_physical_activities_ranges" CHECK (
    "steps" >= 0 AND "active_minutes" BETWEEN 0 AND 1440 AND "distance_km" >= 0 AND "calories" >= 0
);
ALTER TABLE "sleep_sessions" ADD CONSTRAINT "ck_sleep_sessions_end_after_start" CHECK ("end" > "start");
ALTER TABLE "sleep_sessions" ADD CONSTRAINT "ck_sleep_sessions_duration" CHECK ("duration_minutes" > 0);
ALTER TABLE "sleep_sessions" ADD CONSTRAINT "ck_sleep_sessions_quality" CHECK ("quality" BETWEEN 1 AND 5);
ALTER TABLE "blood_tests" ADD CONSTRAINT "ck_blood_tests_has_result" CHECK (
    num_nonnulls("fasting_glucose_mg_dl", "hba1c_percent", "total_cholesterol_mg_dl",
                 "ldl_mg_dl", "hdl_mg_dl", "triglycerides_mg_dl") > 0
);
ALTER TABLE "meals" ADD CONSTRAINT "ck_meals_non_negative" CHECK (
    "calories" >= 0 AND coalesce("protein_g", 0) >= 0 AND coalesce("carbohydrate_g", 0) >= 0
    AND coalesce("fat_g", 0) >= 0
);
ALTER TABLE "appointments" ADD CONSTRAINT "ck_appointments_status"
    CHECK ("status" IN ('scheduled', 'completed', 'cancelled', 'no-show'));
ALTER TABLE "reports" ADD CONSTRAINT "ck_reports_period" CHECK ("period_end" >= "period_start");
ALTER TABLE "orders" ADD CONSTRAINT "ck_orders_quantity" CHECK ("quantity" > 0);
ALTER TABLE "orders" ALTER COLUMN "order_date" SET DEFAULT CURRENT_TIMESTAMP;"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        DROP TABLE IF EXISTS "blood_tests";
        DROP TABLE IF EXISTS "reports";
        DROP TABLE IF EXISTS "appointments";
        DROP TABLE IF EXISTS "orders";
        DROP TABLE IF EXISTS "health_metrics";
        DROP TABLE IF EXISTS "users";
        DROP TABLE IF EXISTS "meals";
        DROP TABLE IF EXISTS "sleep_sessions";
        DROP TABLE IF EXISTS "physical_activities";"""


MODELS_STATE = (
    "eJztXWtz27YS/SsYfWk642Qcx3E77p3OyDITq5ElXz2atlGGhUhYYkwBKh92NL357xcASf"
    "EF0qQsySSDL4kFYkHy4MHds4vFv60l0ZFpv2qvjA9o3ToH/7YwXCL6R+LKEWjB1SosZwUO"
    "nJm8KlwZ6h1a80I4sx0Lag4tv4WmjWiRjmzNMlaOQTCr3cagfdMFVOAXQLC5BoZjg9FV++"
    "XJ2zNg2MB2iIX0I+AsEKvELiPzll9ZkAdMZTQEoAM0C0HW5it2W51o9L4Gnu/tDi42/nGR"
    "6pA5onIWvc+nz7TYwDr6iuzg5+pOvTWQqcegNHTWAC9XnfWKl3Wx845XZA8/UzViukscVl"
    "6tnQXBm9oGdljpHGFkQQex5h3LZeBi1zT9fgjw9p40rOI9YkRGR7fQNVkXMWnvAcKylqr2"
    "B2N1pIxVtZXqvkAigrdfpBHMup4+qs3ffs4e4eXJ69OfTn9+c3b6M63CH3NT8tM379YhMJ"
    "4gh6c/bn3j16EDvRoc4xBU/n8K1s4CWmJcg/oJZOkjJ5ENcMyDNigIsQ1H+yHAXcKvqonw"
    "3FnQn6+Pj3Og/L097Fy1hy9orR/ZLQmdnt687fuXTrxrDO8QXzox1AW0F2UwjsrsBufnHc"
    "IxlM9OC4B8dpqJMbsUh3hloVvjaxmAQ4kmDuOzIqP4LHsQnyUB5gs40lXopEG+pFccY4nE"
    "QMclE2Drvuir4I86Qk9fUB/Qj6M/p3KgH3evldG4fX3Dbre07X9Mjl97rLArJ7x0nSh9ke"
    "ymTSPgY3d8BdhP8Negr3B4ie3MLX7HsN74rxZ7Jug6RMXkQYV6ZPoHpQFqsV630D2526rX"
    "45I76HX/cavS6TXp5ACTVC8zDev2LqIOsIIZ1O4eoKWrsSvhcPhCZnZ6IFz4Uu8+DJHJtT"
    "xBl/s68G9kVtu+DkuDic4wIyckC8X0peXJMlkCMZzzV2L3ZneKICUwInwAsy2IoI8etx4G"
    "GAEKsQPILVggeL8GD8S6O+e6PNMVZ9BGwCIPTJtnZTZxLarN09r05Z2Fp/TPLDrNLc82gM"
    "A25hiaaTNiv7cS2BOfAkuKXTd0tFwRB2FtzYs+J6yNT/SbDx2Xw7ZyZ6ZhL7yV63MpO2Qy"
    "6V6WMERc19BfMZn9KHOt/9y6WGN9Dfid2D+nv7YOvxxyXeONt75FVy7+6vmGyR19v1JKs1"
    "9/XxpdkzTmcMin0VWwu+QId+kjQWrCp5COTJiDac8tWtVFeskh3PrvRJkol+fAk57i4aTf"
    "7/bfnwPLxZj2wBSPJp2OolyySraraQjprN67drfHim6hYbLfnXa/o/R4kcYwMU3/WZ5dN1"
    "9BCy4FXfnbaNDPMH42EknNzNAc8D9Al8AUS1IDTTwHWIZFTB8LAH1x3f4jiXWnN7hILles"
    "gYsE8PQSe/4SwIcSTwK+mgrSwXBHlkUsiqpeiraKS221blUM931/IzzElsi2qY6ahnqMvm"
    "YwrynBJqCdZ/Ipf4zzR/nG4usN+u+D6smhn+S0CJsEgoX9nUlgBvJRoQTot0xqX6v68avj"
    "w8N+OZhc9BRwM1Q63VHXX2g2pjW/yIpogeFwCIZKu5eBcvYwz+MQ07JNGOnxdeXk7dsCCw"
    "utlbmy8Gtx2KHjUKPMEQzuTHdOVORxp87OBva+MN6JUydC0HKdVLUQfTXbQQK76YIQE0Gc"
    "wdIKxBMgz6j8vlDelBx2AbkYDHqxdfuim1yYJ9cXCtXHf4wvJGn8H9BsQcid6lpmmSUkId"
    "bA1eP49Ociywetlr1+8ItxvJOkTgnMBaINxH0fq7a/PJT2Ziblmgf37pVvX6dQy1GNcald"
    "Uo7V1b4fZRgj2l6U3k3Bmu/SSspKp1bVnFr1dVgflFlurr/adqC1XafHJeXUrvLUvjXwtm"
    "t4QlT2c5X72V3pWy7hcUkZc1ThbvefPsIMeY57od6bzQ3FhLZihyo2kXfBD6WCfFIoC7hl"
    "YiFjjj+gdcoDLA7pCcPa6wVwVlQPLbbgwybmIzG06PvTt0YeC0QfAfQnvV7rW5HoqYDqQf"
    "cIi4jPMnFUH722FNZUDZevzIiqONmwItZTgRryRpozOvcac+aPqrZHtLcE4WeJGkd5kWjB"
    "eI/y9o9HpY0XCJhkzmK/CEbgajy+AX4LwCGA3sW4RxaAGPB5lI4126YBYQQZCiaXL52KG5"
    "O7VA65SwWGY66cw+iw/qLKI5xCdCsNOynbQB27vjq1kBhxXDsjZCZzAiWkpFqdnkM80iUN"
    "6SOhMU3xgRw6JEZ3La7vqaJwx5yomITcIQNjngf9XUTGYDqGA+Vtiy+EQFzSbVX+RnB9V0"
    "i75MRURmQauI/ytMhu4NPszcCnfC9wDg2zsTGeSMI0lA84SnAx0eEWY2I67VGnfankETEH"
    "MJw9+LPN5k33PG40hyRRsY1cvH7UvqV/QvCFzH6wgd8mmAx7v/AEDoYebLT627/20tD/Zh"
    "YzbcZaB+ayeB/X3u4kNMK/ePvd+HB/kv2dFw60u9WrQpvsd7N2HeVY5ByrEkAH9Rv4oXhz"
    "UgDsNyeZYLNLce2rZBzhU+IHqw3tvgIIV3BN9X7BSpG3bWojIvdNPWH/Tg33Hq4Q1hmE5X"
    "qgdaP0L/lmQ19+ii+VXvd3Zci2EfofUNFmw/dUxz8Hc4JR8htcZMrsfouhDNffMW9UU+P6"
    "kOpMk2xrE0EbqS52DMFXPb+rE6KSQ6lyP9cr6lSGLD3e7UXCTqmRWjJMP5SQIfr5DJlPAD"
    "yRHyuWd6iigD5Ki4WjqSwpltLwVJPM03hvEZoUCRFpCOp7Db2Z2JzxSjGHvPwojzF0aY2i"
    "+WKpGWLZBIOHBbERy8RkOgsAsQ40slwilnKJkT3gxqXiY9rWnZfg1QYvIJhS89cxEHamLW"
    "BgYCOkg+Pj0x8FSWP3dhuZObZaMTkyc+x+91uiJRQZDDn+uEBAIlwM4ZlhOQuVqdVihV0M"
    "c1wqT1lvlDnGdO0klYcysu4W4PHQgdPv0tp3VIXHZUm8d8p1u6fQFunsMtEUe7+8vwfjK2"
    "V4Dgj7HE3xpP+hP/jYPwfROz07ebeguvLCUbWlQJHOjpmJSW0ZMVOjob2DgJkl0g0Nmkxz"
    "1A32bKVysomlD+9niCSOnLmG6RjYfsXu9xy5I/fifZAcTfZK1FyORm4mbFqvCwjZjZleOr"
    "U1ta8JxWPJom6euOWoHTZVw8FQaGvWzCSEgoPsJ4N1wVoaozq7zfOh8tgPdYloW9pT0bri"
    "jV3ztpoK2JK+41NxuqZtNBWf1WJtc0URUiXtnmqKwhSRZdC68Vtsew0W2ctbS+T8DaWH2l"
    "FaS4xsE6GVatMxxSyQJ0I1Yo2NvLaaChixdJ9/3x6nAWujSQDt01MSVa8EDpOE9pV31F6o"
    "8RVyn2TDIt0S1XJL2NoC6a65XSKohGzz8n/V17wTxNuYBjY0A+IyTpKYkHSUFE39CW1SCu"
    "ZQooEYvy10UOTbnIMi36YPiqxhXPRmuSzrVBl1rpTLCQ963rQxxZ3B9U1PGfNDVshyxSJZ"
    "Mo5emeL+QB1dDT7S/iIv2Wmz1XC2SHY5G/p68oyF2GUbWeUylkUk9hUdXzeVLicK0PXDoJ"
    "4YBhhEU9UL26JhgJEhVaXNsSHFKzDXYvxvtrEWIZylrVa7iX2UY6s58A7hLb6WUTlpo1XZ"
    "RruFtkPfVZ2brkZspC7nqi4IassJRclsQYalFAhLWczga01dsbhbYa6JnBCgpKTEuwDeDn"
    "FYGM+CmOwkHYuYW4z4nDZkHxToA1PfBvWYlMS5yNqyFc4LiXPZNcUy5uZaQ5ZBn2+b9UQs"
    "L7EvgL1kdDKRl4yOZHQko/PdMTqxMDQBqZMMU8vmdeLRcYWoHZ6EbImg7VqIOe+DRN93tC"
    "u9DYSRi4lNhEfeRkOdFbL0ZBrEBLPQJ0AHRka+s/3d6nEq6lN0BLC78mXSuyf/rHyWZNUh"
    "yaqgC7ZxzwWyVXaGtq6U9nCsDun395zt27UclT3UFI+V6xuFFk+G9ALb2M0elg7CKb7oDQ"
    "aXKlWwRiN6UR39ORoPet3OOfAo2xU7H5lWVO01nQ+moaUkLrvtDBHdgIHMR6X7/mp8Dh74"
    "pqQpHt0MTs6BvSInU/y+N+kMRixdkkcPTTFt+qZLn3Yw/NN/F9rkyqCPTKw1f6NtfIW7z/"
    "F2D01XsO8wR4/fSMgUxkVUd7bUiudrhgrn16/yHN0yYGH3nu7od6ikYZQQlfx9lfl7m7iW"
    "VmqbfyhxwEgUqq26XtT//ifT7k/7lSRDNvSSZJAkgyQZvjeSge/hEpALwd6ubFKB7yArxC"
    "XIMJEqTeSjHMubfeO2CROJykk1s8pqZhSCErpmQqyBltteQs01aBLLQOWOUYoKSQKiCAGx"
    "soiDDKwKcirm4ByTkj7aIj5aaM3IYq0zQEqCnRaViBdA/BY6JYHeSEh8ZdSBJASESpAkBC"
    "QhIAkBMSGQSlMiIAdEqUyyiQJBKpVCtEGrDRhGP9jAF1yDW2Lx0AAdrkUJkR+rLjz7LBis"
    "PI+oPHz8OemHsglid5Qatmpf3jydR5Ab1kGrMicGberL09pFp7WztQOpSwO7jshuzz6IKS"
    "Uo8RXgqxveV1+9K5cnNyEneZFi9rqknw4BszQipREpjUhpRO58xaqrEelnbxSYjmFex2yD"
    "0c8gWdRI3PQs8AQBnBGX/svNQUDY4dmQnZVjEP2In4/DDsr+Qmb0f+iAlUV0V2MR5ILI9F"
    "03Lv3d1TI4syPNxbjWIbq8MsF23qxQ6QJtZShGGX65hNx3bd37YCDROH0UQiQcrd8XgFTY"
    "EWZkyD4jJCIiDyD/bo4AOeh3rblm0TOd0loft/Ujh7RKE1OamPUyMROzfweAFjtHuJpTft"
    "tjhOntQX/S6z2XyR47RUBguCdPGcg23+OHGxSy4mWEeJVWzKMciznHmsvJ9l7ElKunJlcT"
    "za1QbHimkZkT+P+4hVlTz0WTOlZ3LX42SrZbO8/zKhCWfsEifsF/XGj60VEFv0IRia3U94"
    "qpRLsOHqgXoSAdrbthFKQVLK3gZ7faKupo9c40E5hrm8POsu208Ey1Al5WDHh1gL7SeuYa"
    "QDtIwnUCaKcYGNnAcH4B9AuGHRZ7+ys4BoYNaHMEQNC5UjofWJIu5h5lxsUM2kjgb93bba"
    "QdWS070vOMOyr/nYI32wOblGugJ3YvB0sFE6acMroRkbGsAnWUL1VqdtB6tjoal5SsSJWN"
    "Z6l+SvWzsurnkA7vYbczfi79s40sQ1uIFFD/Sq4GCsM60kNQp+mcp9ndU6OiZHaRiIjU54"
    "rpc2xSlUDYr95AdF8XytvyOidvy2tB3hYZNHbIoLGUdnDIj9m3/wNjnvRn"
)
