from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True

# The population's health score reads millions of rows a night (docs/health-score.md, "How a
# run works"). These let its aggregates read indexes alone, never the tables, and make a report
# cheaper to store. No model changes: aerich writes none of these.


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
-- Every aggregate over one kind of metric (heart rate, each blood pressure, weight) reads its
-- own slice of this index, in user order, with the value: no visit to the table and its seven
-- other columns. It also serves one user's window of each kind.
CREATE INDEX "idx_health_metrics_kind_user_time" ON "health_metrics" ("kind", "user_id", "measured_at")
    INCLUDE ("value");
-- The same for sleep: one user's window as before, and now the durations without the table.
DROP INDEX IF EXISTS "idx_sleep_sessions_user_start";
CREATE INDEX "idx_sleep_sessions_user_start" ON "sleep_sessions" ("user_id", "start")
    INCLUDE ("duration_minutes");
-- A run's planning step hands its parts their users' inputs: one row per part instead of a row
-- per user, written and read without a value-by-value conversion: ids and inputs as packed
-- little-endian arrays (int64; float64 with NaN where missing, one run of values per input in
-- the order of `domain/health/repository.py` INPUT_COLUMNS), sexes and age bands as JSON arrays.
-- Emptied when a run finishes; a run in progress while this migrates fails its parts.
DROP TABLE IF EXISTS "health_score_inputs";
CREATE UNLOGGED TABLE "health_score_inputs" (
    "job_id" UUID NOT NULL REFERENCES "jobs" ("id") ON DELETE CASCADE,
    "first_user_id" INT NOT NULL,
    "user_ids" BYTEA NOT NULL,
    "sexes" TEXT NOT NULL,
    "age_bands" TEXT NOT NULL,
    "inputs" BYTEA NOT NULL,
    PRIMARY KEY ("job_id", "first_user_id")
);
-- Packed floats hardly compress: storing them without trying is cheaper.
ALTER TABLE "health_score_inputs" ALTER COLUMN "inputs" SET STORAGE EXTERNAL;
-- A health score report is about 2.6 kB of JSONB: compressing it with pglz costs more than
-- parsing it; lz4 keeps it as small for a fraction of the time. Only where the server was built
-- with lz4 (Debian's and the managed services' are; the embedded one is not): else pglz stays.
DO $$
BEGIN
    ALTER TABLE "reports" ALTER COLUMN "content" SET COMPRESSION lz4;
EXCEPTION WHEN feature_not_supported THEN
    RAISE NOTICE 'this PostgreSQL has no lz4: reports stay compressed with pglz';
END
$$;"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
DROP TABLE IF EXISTS "health_score_inputs";
CREATE UNLOGGED TABLE "health_score_inputs" (
    "job_id" UUID NOT NULL REFERENCES "jobs" ("id") ON DELETE CASCADE,
    "user_id" INT NOT NULL,
    "sex" VARCHAR(16) NOT NULL,
    "age_band" VARCHAR(16) NOT NULL,
    "activity_days" DOUBLE PRECISION,
    "daily_steps" DOUBLE PRECISION,
    "weekly_active_minutes" DOUBLE PRECISION,
    "sleep_nights" DOUBLE PRECISION,
    "sleep_hours" DOUBLE PRECISION,
    "sleep_onset_sd_minutes" DOUBLE PRECISION,
    "fasting_glucose_mg_dl" DOUBLE PRECISION,
    "hba1c_percent" DOUBLE PRECISION,
    "blood_pressure_readings" DOUBLE PRECISION,
    "systolic_mmhg" DOUBLE PRECISION,
    "diastolic_mmhg" DOUBLE PRECISION,
    "heart_rate_readings" DOUBLE PRECISION,
    "resting_heart_rate" DOUBLE PRECISION,
    "bmi" DOUBLE PRECISION,
    PRIMARY KEY ("job_id", "user_id")
);
ALTER TABLE "reports" ALTER COLUMN "content" SET COMPRESSION default;
DROP INDEX IF EXISTS "idx_sleep_sessions_user_start";
CREATE INDEX "idx_sleep_sessions_user_start" ON "sleep_sessions" ("user_id", "start");
DROP INDEX IF EXISTS "idx_health_metrics_kind_user_time";"""


MODELS_STATE = (
    "eJztXdty2zi2/RWUXjqpclKO41yO+9RUybY61kS2PJY8mZmoi4ZIWGKbAtS82FHN6X8/Gy"
    "ApUiRIk7qZZPCQ2AawQXIBBPdlYeO/rRkziOW8bc/Nr2TROkH/bVE8I/BLouYAtfB8HpXz"
    "AhePLdEUz03tgSxEIR47ro11F8rvseUQKDKIo9vm3DUZ5a3bFLWvuwgEfkWMWgtkug4aXL"
    "TfHH34iEwHOS6ziXGA3CnhjXg1se5FzZQ9UZDRCcIu0m2CeZ9v+WUNpsN1TTrZ2RU8av7p"
    "Ec1lEwJyNlzn++9QbFKD/CBO+Of8Qbs3iWWsQGkavANRrrmLuSjrUvc30ZDf/FjTmeXNaN"
    "R4vnCnjC5bm9TlpRNCiY1dwrt3bY+DSz3LCsYhxNu/06iJf4sxGYPcY8/iQ8Sl/RuIylqa"
    "dtUfaoPOUNNaqeELJWJ4B0U6o3zo4VYd8fQTfgtvjt4dfzr+/P7j8WdoIm5zWfLpL//SET"
    "C+oIDnatj6S9RjF/stBMYRqOJnCtazKbbluIbtE8jCLSeRDXHMgzYsiLCNZvs+wJ3hH5pF"
    "6MSdwp/vDg9zoPxn++bson3zClq95pdk8Hr67+1VUHXk13G8I3zhxdCm2JmWwTgusx2cX3"
    "YKr6D88bgAyB+PMzHmVasQz21yb/4oA3Ak0cRp/LHILP6YPYk/JgEWCzgxNOymQT6HGtec"
    "ETnQq5IJsI1A9G34Sx2hhwc0+vBxDN6pHOiH3cvOYNi+vOaXmznOn5bArz3s8JojUbpIlL"
    "5KDtOyE/StO7xA/E/0n/5VR8DLHHdiiytG7Yb/afF7wp7LNMqeNGzEXv+wNERtZdRt8sge"
    "1hr1VcktjHpwu1UZ9JoMcohJapS5hnX/EFMHeMEY6w9P2Da0lZpoOvzBxk56IpwGUr99vS"
    "GW0PIkQx7owH9n49qOdVQavugcM3bEslBMV82OZskSTPFEPBK/Nr9SDCmJEREAmG1BhGP0"
    "vPXQpwQBxC5i92hK8OMCPTH74UTo8lxXHGOHIJs9cW2elznMs0Gbh9bw8O7UV/rHNrzmtm"
    "8bYOSYE4qttBmx20tJ7InvoSXF602DzObMJVRfiKLfE9bGd/jmY9cTsM29sWU6U3/l+r2U"
    "HXJ72z0vYYh4nmm85TK7UeZa/3vvUZ2PNRJX4v8d/621/+VQ6Brv/fUtvnKJR883TB7g+U"
    "opzUH7XWl0TdKYoymfRrdDvZlAuAu3hMGETyEde2H2pj23oKlHjJJTuPWP285t5/wE+dIj"
    "enN7ddW9+nKCbI9SGIERHdyenXU657yR4+k6IQZv91u72+NF99i0+N9n7auzTk8U6RwTyw"
    "ru5cV18zm28UwylH8f9K8yjJ+lRFIzM3UX/R+CJTDlJamBJp4DLMdiRR8LAX112f5XEuuz"
    "Xv80uVzxDk4TwEMVv/8SwEcSGwFfTQVpb7gT22Y2oGqUclutSq21blUM911/I3zEZsRxQE"
    "dNQz0kPzI8rynBJqCdZ/J1/jXMn+VLi6/Xv/oSNk9O/aRPi/GXQLKw/2YxnIF8XCgB+j2X"
    "2tWqfvj2cP+wn/dvT3sddH3TOesOusFCszStRSUvggLTFRDcdNq9DJSzp3meDzEt24SZvr"
    "quHH34UGBhgVaZK4uoW4Uduy4YZa5kcmeGc+Iizwd1tjaxd4XxVoI6MQet0Ek1m8CjOS6R"
    "2E2njFkE0wwvrUQ8AfIY5HeF8rJkvwvIab/fW1m3T7vJhfn28rQD+vjr1YUkjT+o1K6juc"
    "zFVok5nZBS01oOq8GoZGF+BtVQSIEqB9U3bEvDGokpYJPAPpHxlLEHzbMli0C2HpEQa6AK"
    "cXj8uYgOAc2ylQhRuYp30rNbAnOJaANx34XqFugIpSkNSbnmwb19CzwwLLRy8YZVqW3GHa"
    "prgj8bZoh9/uIxnhSs+XHtpKyKbFctsl1f1spew0vNJa04Luipaw36qqR6tav8at+bdN01"
    "PCGqxrnK4+zNjTWX8FVJRTys8LAHdx9zD/vsHanem+0gXhFayztRsRd5G/6JFNMvhbIkwM"
    "RsYk7oV7JI0UDkvL5ob0u9AM6i9kGxjZ+WxK/E1ILnh6cmvisYbgFd3fZ6rb+KUCiFD03i"
    "my/HobyGXmq4YGUSKWU+NPJI6KZQffP76vCumorXlGDLnWqODu+sZnt0Q8guRHcD3tuNR5"
    "sKmk3mbOMX8UZ00pxFb9WKItjWp5pJHXMy3RSpgeis6/fVIMB2TAAXy7ycBB5+AXKJ4Nry"
    "a1OMDe5Yps+6xtCKvmGei6AX9AojferRB15jGs4BVHOt+fUBp1Cisb8plO/2DBjagftRTg"
    "PfwTWk/O8/fKK8mDGK8V0tV2w249sfruIq/7L9/mKRFVf3FcdbcbwVx1txvOuOu+J4K453"
    "pWb5Tjjeiga7ZZVHESYUYaI6GFc87FJ3woSKtj0/7Ioxod5txZj4mcZZMSaatoYXYUxwd3"
    "85pTeSUApvPk8iiCVsyJEolvuoooA+y5CIZtMKO+KsPThrn3fyyBG7DKIFBIC2bzO3JLG0"
    "RIuDvJBaSE2Im+DPR9aGU4IsNuGRLUYJuhgOr1HQA3IZgquYj8RGmCJBeUiHzdbpQBoTIy"
    "EPIpBOxcVKRb9U3tUN867iaM6V8/2ogFeG9yfAZy3lJynbQPWnvuqO1GZ1PScjQJD5AiWk"
    "FEc0/Q4Jv37pQIAKABysFQAwPFtwpzRZcDcnz0tCbp+pXl4G/W3keqEwh0PlbY0vhERceU"
    "Kq/I0Q+q7UKs6JIMdkGpgZ/LhIfvvj7PT2xyK7fY6tvLQxNrSWG0rdPkiYzfHpVkHD2Yc/"
    "22xeDs/zRnPE5y9GRhXt4/Yt/Io5V/QXBwV9otub3q+CGWoaYergu6DujWnccYsZurEXob"
    "ksp6Tu7Ep5xFQx3Teyv/NyW2xv9arQsRHbWbsOcixygVUJoMP2DfxQvD8qAPb7o0ywedWq"
    "9lUyKc4myXCqDe2usuHM8QL0fslKkUcSXYoolugGbMUaMq3nhBocwnIj0LruXJ0LanUgP6"
    "LnnV73n50bTpoOPqAyavUX0PFP0CTIyfbyhGrFvNuy36imxvU+1Zkm2dYWwQ7RPOqakq96"
    "/lAnRJUPpcrjrBiB2StoPdkkRRiBik2i2CT1ZJOkNDzNYpM03mtkkYhRRBqC+k73r986wu"
    "OV8hyK8oM8j6EHLYqegAxmiO0wip6mzCHIz4WBMDWQzmYzwg8R484edO2B+BD6evCPLHb4"
    "hvMRmL+uSag7aiGTIocQAx0eHr+WHIO8s8uos5CrxclRZyHvNnkwmWGZwZATjwsFFMLFEB"
    "6btjvVuFotV9jlMK9K5SnrjTLHuK6ddOXJElAU9ONJc1Hs0onn0QdQ4WlZJ95vnct2rwM9"
    "wttlkRH1//J/7w8vOjcniPHP0YjeXn296n+7OkHxK724825KeCIhTZ9JFOlszsyK1JqMmR"
    "pN7S0QZmbEMHVscc3RMPm9lcpAIZfef5whlhhn7JmWa1LnLb/eS+TG2Un0Qfloslei5vpo"
    "1D6vpo161j6vlDOpkPtjPmeAx4yzbjZM39eOuqrhZMj0fqxozRZjAA5xNgbrlPc0JHUOmx"
    "dKODoj0Je+KVp+utFL0VdTAZvBM26K0yXBOzt876XxmU8XjlAUMShpj6ApSg89LYPWddBj"
    "2++wSGLqWiIXpLHdVx7bWmLkWITMNQfmFLdANk1kyzsb+H01FTBmG4H/fX2c+ryPJgG0y0"
    "hJXL2SBEwS2ld23CSu8RUKn2TDosIS1QpLOPqUGJ61Xo6ehGzzDrOqr3kn4dtYJjV1E9My"
    "QZIVIRUoKXqOJXZYKZgjiQZi/OGwyPYKaJWJsairPS96uVyWDaoMzi4657eC9LzsY0TP+p"
    "fXvc5QpJRmszlnsmQkmh7Rq742uOh/g/Fib5wpLBBrDOP2gy3Ku5wNfT39jIW8yw6xyx2/"
    "FZPYFTu+bipdDgvQC2hQG9IAQzZVvbAtSgOMTakqbY6NXLwSc23F/5ttrMUczspWq92LfZ"
    "Bjq7n4gdA1vpZxOWWjVdlGu8eOC8+qTSxPZw7RZhPNkJDacqgomT0oWkoBWsp0jN/p2pzz"
    "bqW5JnIoQElJhXcBvF3mchrPlFnwuSI2s9aY8Tl9qDEoMAaWsQ7qK1IK5yJry1o4TxXOZd"
    "cU25xYC53YJtzfOuuJXF5hXwB75dHJRF55dJRHR3l0fjqPzgoNTeLUSdLUsv06q+y4Qq4d"
    "kYRsRrDj2YQH78NE3w8wlP4GwlhlYhPhgb/R0OCFPD2ZjimjnPqEYGJk5Dvb3aWed0V9j8"
    "8AflWxTPrXXOMEXuWs2tBZFQ7BOuG5ULbKwdDWRad9M9Ru4Pt7wvft2q7Gb2pEh53L6w4U"
    "395ABd/YzW8WJuGInvb6/XMNFKzBACq1wb8Hw36ve3aCfJftHL7IfLZqzgLeB8vUUxLn3X"
    "aGiGHiUOZbp/vlYniCnsSmpBEdXPePTpAzZ0cj+qV3e9Yf8HRJvntoRKHr6y7cbf/m38Gz"
    "QJdzE26Z2QvxROvECref4+0RW55k32GOHr+UUCmMi6jufKmVv68ZKlzQvsrv6JqEhe1Huu"
    "PfoZKGUUJU+e+r7L93mGfrpbb5RxJ7ZKKAtur5rP/dv0zbP1hYORmyoVdOBuVkUE6Gn9PJ"
    "MNBhsM5N/qhjL0Agw9+QbnpQwPXgcCkwNSKxEgeVOYyf54pEH07oHeDERfhJXfSK2SL3OX"
    "uEaWNZfrvX3CPgt5uCOJfCyPYoGDdT7CKcckLs6kIj6sAVLIL4BPjFQUGc14QS00F80UV4"
    "AvPGyUnPDt21xMybBnuilvekTkt7UU9FNCKFWfFLiQZaP9u33aOJXgrjmJCCuQDM/oqXxr"
    "ht23iRtYMnFEkg3Lzs7Nzl8f335E4Nj5bTKSMBdUzi8zpl8MnbUKWMqSw3XpM2xya1y2hy"
    "VVS55PDn65TBABVUJeGBSwSyuAzAzJUzrsA9ccYXmrO55+8ZPhGxo7h2eoDGCzTmyTT5P/"
    "jd/26/RaAmSuNXW73CiIKW+IYrjNylDhPKQdgm6C7YWi9O9hHRsbs4Jndohg3Cu+J34ADQ"
    "/LwgldGzgnojdjR2L3dByYFdCmyYBbGi65s0MpFOg/gEd8meNAMvyhyRkZBSX1/JQRnwnN"
    "p66EokFcIShGew8jJDeyR2mKejqDmTlmygTbP9wNkyY3cJn6+avlnTV2gYZVSBSEDhKcGT"
    "a36lEpcuBdSZaJtkJRVKdingYyIK+g2gfzLBUAksmDT+pwwMJkyzNLhV0cQ4jEG2WQNw2u"
    "/3VgbgtJs8t/328rQDX0QxGhE7J73Q1CvkvVcjr7kR72VWj3WGPSGrjkKrMm1IHYr13JDW"
    "9FCsF/V/FXU7b+NIrBQpIKEYlE7cK2Uo1HM+7zfno8jnK3HSh3l+s13zIptwIXd8NgLKR1"
    "0tHzVX/tZJGRKXa57S2CTdIQ5BapCz/ZEJsQY6I3eSdlDHFrNNGcsiZydKXEhtRimyGWVu"
    "M5eYVJOcr5mD84qU2q9fZL8+tsdsujA4ICXBTosqxAsgfo/dkkAvJRS+KgOFcpVJlSC1OU"
    "RtDnlxP0pFN4ekjqyROAdkx9pkOwokx+oUchu02uH+iUBwge6ZLfZdGHghOxz7uebSjRbh"
    "ZBVsKrW14iXdD2UPC97SMcFV+/KWI8g5LpmX4bws2yuOhiR0KtYOos1M6rkyuz0T1rSgwl"
    "eCL/f886++9lDuzOSEnPKLFLPXlftpHzArI1IZkcqIVEbk1lesuhqRwUmeEtMxOuMz22CM"
    "sf6KGInLkUW+IMJj5sH/whwUG/fh9zmxTWYciI1XfKvUH2wMP7GL5jYzPJ1nE5RkKdx25y"
    "reXS2DMzvroBzXOmQaXDP+uf3ES/5bocECLUuXkG3VJ+V+aus+AIPI5umzEBLpbP25AARh"
    "V5pLIo/9vxRR7P9NNl7Uyi5SNPStmEUvRE6uT9j6GW6yMjGViVkvEzPx9m8B0GL0+Wq+8u"
    "vy5+Hy6Oq213spk31gETIfEMfJyAS4Un+QZ747vKXm+E0VQ7x+K+ZBjsWcY81lq3OFTLl6"
    "anI10dwKccMzjcwc4v/zFmZNIxdNGljDs8Uuquywdl7kVSKs4oJF4oJ/etgK2FEFv0Ixib"
    "XU94qpRNsmD9TLoaACrdvxKCgrWFnBL261VTTQ2rcNYRSlzDW/4iDPTmO8SdEoK0WiOSI/"
    "oJ21QNgJD2Q7QjAoJiUOMt1fEXzBqMu5t39DhzzZOXTHEEZnF52zrzxrOg+PcuNijB0iib"
    "fu7DLKjqyWHelHxl1N/J2CNzsCm5RrYCT26MOHAqFYaJUZixV1KV1UvDDllNGliOKyStRR"
    "sVRp2aT1bHV0VVJ5RapsPCv1U6mflVU/b2B633TPhi8WNSDY1qdnlqk/yLTQeHWuLuqIhp"
    "rOWxZUSUWvjuDcmTNxsikPN4Qn+Pgdgp5I7AUUhNvA0KtQnfzFQXcrV717ndZHd3CNER3R"
    "diAzg8ZT/Mh7EscLIZs9OWLXGvY7smAiCz0WYds2H0H5BYV4Bq+GaPn6V6HnmtThR7dCnW"
    "GMKJTMkDd/i+7EJTV3ajNvMhVns95xVZnnevM4oXG8QNf+Wjn4Rw/d22wmunOfGLTxYILy"
    "g5iXr9OI+gscP36ZIQptLJMfkKRj6p/HLB5fsB4N08HQK9wtT+LIO53tVQcPIFeqeDFVPI"
    "BLTMkyqnhSTqnixVTxaJErOJ8jgf2p4YeVnsyxhSFalstY6atSCtaUpz317SgVM5KLF4ka"
    "pRfjisU0dhwzChbVsjuhE2I/N+NXRYl+kihRyqp8SSOo66vhrUwzKGxQxBAKdfpiplDfNz"
    "zA3BAL75tg4Y0sA5lFElbegUbvzcG+DGwCPr3TltBuLqG88tUyBYIBK/35Scpt+/tThcTI"
    "Bb8+mFvyE6Lprsyrla0yJeRU9rYCytKMYOrbn6XhTosqxAtRmog8oUROFIlkZJNQQSRe4j"
    "IXW1qWT+DUnGQim5RsErz/c3T0/v2no8P3Hz9/OP706cPnwyXO6ao8wE+7XzjmK1pp1iDk"
    "+hKeH4kXcyo0cDjmWuZKk71vMyGm9m5usHfTAuNrTux7Zs9E2qU1hiOnCzU0GwyN4EGZ4u"
    "iMdY6WzBBvoPd+++dLhrGzNY9Y8hrtXKqJM6kQ6UPtYn5mROtxwlI18azrFtE2fL/1aUvi"
    "4AxqDvI8mzhqo7aD7ll/35nDcA39o9k6x04YA/ylKoFw0LyB6L4rdEjPu5xDet5JDulRGY"
    "L2acq8aNDur/8H7msQQA=="
)
