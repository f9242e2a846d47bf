from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS "delivery_models" (
    "version" SERIAL NOT NULL PRIMARY KEY,
    "kind" VARCHAR(16) NOT NULL,
    "artifact" JSONB NOT NULL,
    "features" JSONB NOT NULL,
    "metrics" JSONB NOT NULL,
    "training" JSONB NOT NULL,
    "source" VARCHAR(32) NOT NULL,
    "is_active" BOOL NOT NULL,
    "activated_at" TIMESTAMPTZ,
    "created_at" TIMESTAMPTZ NOT NULL,
    "job_id" UUID
);
COMMENT ON TABLE "delivery_models" IS 'A versioned model artifact in the registry, with what it was trained on and scored.';
        CREATE TABLE IF NOT EXISTS "delivery_monitor_reports" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "model_version" INT NOT NULL,
    "computed_at" TIMESTAMPTZ NOT NULL,
    "window_from" TIMESTAMPTZ NOT NULL,
    "window_to" TIMESTAMPTZ NOT NULL,
    "live" JSONB NOT NULL,
    "drift" JSONB NOT NULL,
    "alerts" JSONB NOT NULL
);
COMMENT ON TABLE "delivery_monitor_reports" IS 'Live quality of the active model against outcomes, and feature drift (PSI).';
        CREATE TABLE IF NOT EXISTS "delivery_notifications" (
    "id" BIGSERIAL NOT NULL PRIMARY KEY,
    "channel" VARCHAR(8) NOT NULL,
    "provider" VARCHAR(16) NOT NULL,
    "recipient_country" VARCHAR(2) NOT NULL,
    "template_type" VARCHAR(16) NOT NULL,
    "payload_size" INT NOT NULL,
    "business_priority" VARCHAR(8) NOT NULL,
    "send_time" TIMESTAMPTZ NOT NULL,
    "status" VARCHAR(16) NOT NULL,
    "attempts" INT NOT NULL,
    "last_status" VARCHAR(16) NOT NULL,
    "last_response_code" INT NOT NULL,
    "last_latency_ms" INT NOT NULL,
    "priority_class" VARCHAR(8),
    "policy_version" VARCHAR(16),
    "next_attempt_at" TIMESTAMPTZ,
    "released_at" TIMESTAMPTZ,
    "expires_at" TIMESTAMPTZ,
    "fallback_of_id" BIGINT,
    "created_at" TIMESTAMPTZ NOT NULL
);
CREATE INDEX IF NOT EXISTS "idx_delivery_no_send_ti_35a161" ON "delivery_notifications" ("send_time");
COMMENT ON COLUMN "delivery_notifications"."status" IS 'PENDING: pending\nSCHEDULED: scheduled\nRELEASED: released\nDELIVERED: delivered\nFAILED: failed\nEXPIRED: expired';
COMMENT ON TABLE "delivery_notifications" IS 'One notification to deliver, and where its delivery stands.';
        CREATE TABLE IF NOT EXISTS "delivery_attempts" (
    "id" BIGSERIAL NOT NULL PRIMARY KEY,
    "attempt" INT NOT NULL,
    "due_at" TIMESTAMPTZ,
    "attempted_at" TIMESTAMPTZ NOT NULL,
    "provider" VARCHAR(16) NOT NULL,
    "status" VARCHAR(16) NOT NULL,
    "response_code" INT NOT NULL,
    "latency_ms" INT NOT NULL,
    "delivered" BOOL NOT NULL,
    "probability" DOUBLE PRECISION,
    "model_version" INT,
    "notification_id" BIGINT NOT NULL REFERENCES "delivery_notifications" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_delivery_at_notific_60e88f" UNIQUE ("notification_id", "attempt")
);
COMMENT ON TABLE "delivery_attempts" IS 'One attempt to deliver a notification, with the provider''s answer.';
        CREATE TABLE IF NOT EXISTS "delivery_predictions" (
    "id" BIGSERIAL NOT NULL PRIMARY KEY,
    "model_version" INT NOT NULL,
    "probability" DOUBLE PRECISION NOT NULL,
    "priority_class" VARCHAR(8) NOT NULL,
    "next_attempt" INT NOT NULL,
    "job_id" UUID,
    "predicted_at" TIMESTAMPTZ NOT NULL,
    "notification_id" BIGINT NOT NULL REFERENCES "delivery_notifications" ("id") ON DELETE CASCADE
);
COMMENT ON TABLE "delivery_predictions" IS 'A probability of delivery on the next attempt, and the model version that made it.';
-- Written by hand (aerich writes no partial indexes or CHECK constraints):
-- the sweep reads the due attempts, and the released ones whose worker may have died;
CREATE INDEX "idx_delivery_notifications_due" ON "delivery_notifications" ("next_attempt_at")
    WHERE "status" = 'scheduled';
CREATE INDEX "idx_delivery_notifications_released" ON "delivery_notifications" ("released_at")
    WHERE "status" = 'released';
-- predictions are joined to outcomes by notification, and read back by job;
CREATE INDEX "idx_delivery_predictions_notification" ON "delivery_predictions" ("notification_id");
CREATE INDEX "idx_delivery_predictions_job" ON "delivery_predictions" ("job_id");
CREATE INDEX "idx_delivery_attempts_time" ON "delivery_attempts" ("attempted_at");
-- one active model at most;
CREATE UNIQUE INDEX "uid_delivery_models_one_active" ON "delivery_models" ("is_active") WHERE "is_active";
-- and rows no client can make inconsistent.
ALTER TABLE "delivery_notifications"
    ADD CONSTRAINT "delivery_notifications_status" CHECK ("status" IN ('pending', 'scheduled', 'released', 'delivered', 'failed', 'expired')),
    ADD CONSTRAINT "delivery_notifications_channel" CHECK ("channel" IN ('email', 'sms', 'push')),
    ADD CONSTRAINT "delivery_notifications_payload_size" CHECK ("payload_size" >= 0),
    ADD CONSTRAINT "delivery_notifications_attempts" CHECK ("attempts" >= 0),
    ADD CONSTRAINT "delivery_notifications_scheduled_has_due_time" CHECK ("status" <> 'scheduled' OR "next_attempt_at" IS NOT NULL);
ALTER TABLE "delivery_attempts" ADD CONSTRAINT "delivery_attempts_attempt" CHECK ("attempt" >= 1);
ALTER TABLE "delivery_predictions"
    ADD CONSTRAINT "delivery_predictions_probability" CHECK ("probability" BETWEEN 0 AND 1);"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        DROP TABLE IF EXISTS "delivery_attempts";
        DROP TABLE IF EXISTS "delivery_predictions";
        DROP TABLE IF EXISTS "delivery_notifications";
        DROP TABLE IF EXISTS "delivery_models";
        DROP TABLE IF EXISTS "delivery_monitor_reports";"""


MODELS_STATE = (
    "eJztXWtz2za6/isYfWkyo2Rcx06z7pmdkW0l1ka2vJbcdrfqMBAJWVxTgEqQcXT29L8fAC"
    "QlXkCKpG4kgw+7jUk8IPW8IPDe8OK/rTkxkEXfdhbmZ7RsXYD/tjCcI/aP2J02aMHFYn2d"
    "X3DgxBJN4cLUntFSXIQT6thQd9j1KbQoYpcMRHXbXDgmwbx1B4POfQ8wwM+AYGsJTIeC4U"
    "3nzen5e2BSQB1iI6MNnBnijfhtZE3FnRl5wQyjIwAdoNsI8j7f8scaRGfPNfHT3p7gYvNP"
    "F2kOeUIMZ7Pn/P4Hu2xiA31DNPhz8axNTWQZESpNg3cgrmvOciGu9bDzUTTkLz/RdGK5c7"
    "xuvFg6M4JXrU3s8KtPCCMbOoh379guJxe7luXLIeDbe9N1E+8VQxgDTaFrcRFxtPcC62st"
    "TbsbjLRhd6RprYT4AkSIb/+STjAXPXtVKn79E3+FN6c/nv109uHd+7MPrIl4zdWVn/7yHr"
    "0mxgMKeu5Grb/EfehAr4XgeE2q+G+C1qsZtOW8Bu1jzLJXjjMb8JhFbXBhze16tB+C3Dn8"
    "plkIPzkz9uePJycZVP7Sebi66Ty8Yq1e80cS9nl63+2df+vUu8f5XvPLPgxtBumsCMdhzG"
    "54Pu4QjrD8/iwHye/PUjnmt6IUL2w0Nb8VIXiNaOIwfp9nFL9PH8Tv4wSLCRwZGnSSJF+z"
    "O445R3Kio8gY2YYPfRv8o47Usx9oDNji6H9TGdSPerfd4ahze88fN6f0T0vw1xl1+Z1TcX"
    "UZu/oqLqZVJ+DX3ugG8D/Bvwd3XUEvoc6TLZ64bjf6d4u/E3QdomHyokEj9PkHVwPWIlK3"
    "0VfyXErqUeQOpO6/blWEXhMhB5wkpMw1rOlzSB3gFyZQf36BtqFF7qyHw3/IhCYHwqWP+v"
    "j5AVlCy5OI3NeB/0EmtZX1+mrwoXPOyClJYzF5a346j1+BGD6Jn8SfzZ8UYkpiRPgEplsQ"
    "gYw2Ww8DjACj2AFkCmYIfl2CF2I/XwhdnuuKE0gRsMkL1+b5NUpcm2nzrDX78c7MU/onNv"
    "vMbc82gICaTxhaSTNiv4+S2BO/B5YUv28aaL4gDsL6Ulz6I2Zt/M7WfOi4graFO7FMOvNm"
    "rj8K2SGPj73rAoaI65rGW47ZjzLX+p+pi3UuayCexP/v7O+tw0+HQtd4581v4ZlL/PRsw+"
    "SZ/b5CSrPffl8aXZM05vWQT7Lbxe5cMNxjrwSZCZ9gOvTBHEx7brGmLjIKDuHWPx+7j93r"
    "C+Chx/jh8e6ud/fpAtguxkwCYzx8vLrqdq95I+rqOkIGb/ex0+vzS1NoWvzvq87dVbcvLu"
    "mcE8vy3+XouvkC2nAuEeU/hoO7FONnhYhrZqbugP8DbApMeElqoIlnEMu5iOhjAaGvbju/"
    "xbm+6g8u49MV7+AyRjy7xd+/APFrxFbEV1NBOhjvyLaJzVg1CrmtoqhS81bFeN/3GuExNk"
    "eUMh01SfUIfUvxvCaATWA7y+Tr/jbKHuUri68/uPsUNI8P/bhPi/CPQDKxf7QITGE+DIqR"
    "PuWofc3qJ29PDk/79eDxst8F9w/dq96w5080K9Na3OSX2AXTERQ8dDv9FJbTh3mWDzGJbc"
    "JIj84rp+fnOSYW1ip1ZhH3orRDx2FGmSMZ3KnhnDBkc1BnZwN7XxzvJKgTctAKnVSzEftp"
    "1EESu+mSEAtBnOKllcBjJE8Yfl8sr64cdgK5HAz6kXn7shefmB9vL7tMH38dnUiS/DOV2q"
    "GaQxxoFRjTMZQa1nJaDYIlE/MGVgOQIlVOqmfYFqZ1DVPExol9QZMZIc+aa0smgXQ9IgZr"
    "oApxcvYhjw7BmqUrEeJmlO+4Z7cA5xJoA3nfh+rm6wiFUxriuObRvXsL3DcstGLxhihql3"
    "GH6prgG8MMoeUvHONJ0Jod145jVWS7apHt+matHDS81NykFeowPbWU0KNI9WlX+dOemrjs"
    "HB6DKjlXWc7uwig5hUeRKvGwwmL33z7kHvayd6R6b7qDOAIq5Z2o2Ie8C/9EItMvwbIkwE"
    "RsZD7hz2iZSAOR5/Wt97bUi+C01D522YYvq8Sv2NBiv5/9auS5gtkrgLvHfr/1V54USuFD"
    "k/jmi+VQ3rNeajhhpSZSynxo6CvC21L1q9dXl3fVVL5mCFrOTKM6+2Y128VbUnYjuhvy3h"
    "5c3FTSbLQgW3+ID6KT5kx6USsKQVufaSam5tNsW6aGorOe11eDCNtzAriY5uVJ4MEKkJkI"
    "rq1Wm3zZ4NQyvaxryFrhN8R1AOsFvIJAn7n4md8xDdpmt7nW/LrNUyjBxNsUynd7+hnavv"
    "tRnga+h2dI87//4yXKixGjMr6r5YpNz/j2xJVf5V+1P1wssuLqvsrxVjneKsdb5XjXnXeV"
    "461yvCs1yveS463SYHes8qiECZUwUR2OKx52qXvChIq2bRa7yphQ37bKmPie5KwyJpo2h+"
    "fJmODu/mJK7xqhFN7sPAk/lrBljkS+2kcVJXRjhsR6NEWyI646w6vOdTcrOWKfQTQ/AaDj"
    "2cwtSSwt1qKdFVILUhPCJvjmyNpohoBFnnhki2AEbkaje+D3ABwC2FPMr8gGEAOR8pAMm5"
    "XpQBoTQ0EehI9OxMUKRb9U3dUt667C9Zgr5vtRAa8U74/PTynlJ45toPpTX3VHarM6Lk0J"
    "EKR+QDGUyhFNfkPCr184EKACAO1SAQDDtUXulCYL7mbUeYnhDlnq5Tjs76LWC2ZjOFDeSq"
    "wQErjyhFR5jRD6rtQqzogghzANrAx+lqe+/Vl6efszUd0+w1Ze2RhbWssNTd1ux8zm8HCr"
    "oOHs0Z9uNq/Es9loXufz50tGFe3D9i37J+S5oj9Q4PcJHh/6P4vMUNMISgd/8e+9MY0v3G"
    "Jm3djLwFyWp6Tu7UlZialiuG9lf2fVttjd7FWhYyN2M3e1MyxywVUBooP2DVwo3p3mIPvd"
    "aSrZ/FZU+ypYFGebYjjVpnZf1XAWcMn0fslMkZUkuoKoLNEtshVrmGm9QNjgFBaTQOu+e3"
    "ctUqt9/Bhfd/u9X7oPPGnaX0BlqdWfmI5/AZ78mmzHT6hWmXc79hvV1Lg+pDrTJNvaQpAi"
    "zcWOKVnVs0UdgyofSpXlrDIC02fQemaT5MkIVNkkKpukntkkCQ1Ps8hTku8SVSRCKSINYX"
    "2v+9cfqfB4JTyH4no7y2PoshZ5T0BmZohNCQYvM0IR8GphAIgNoJP5HPFDxLizB9y7DD5i"
    "fT17RxZTvuF8zMxfx0TYGbeAiQFFyAAnJ2evJccg7+0x6izkauXkqLOQ91s8GM2hzGDIiM"
    "cFAMVwPoYnpu3MNK5WyxV2Oc1RVJay3ihzjOvacVeerABFTj+etBbFPp14Ln5mKjwu6sT7"
    "2L3t9LusR/Z1WWiMvb+8fw9GN92HC0D4cjTGj3ef7wa/3l2A8JOO7rybIV5ISNPnEkU6PW"
    "cmgiqZMVOjob2DhJk5MkwdWlxzNEz+boUqUMjRh48zhArjTFzTckxM3/LnHaM2zl6iD8pH"
    "kz4TNddHo/Z5NU3qafu8Es6kXO6PxYIwPuY862bL8n2ddVc1HAyp3o+I1mwRwshBdGuyLn"
    "lPI1TnsHmugqNzxPrSt2XLKzd6K/pqKmFz9hu35ekWwb0dvndsfhazJRWKImRK2lemKUoP"
    "PS3C1r3fY8frME9h6loy55exPVQd21pyRC2EFhplY4pbINsWsuWdDb2+mkoYsQ3f/16epw"
    "Hvo0kE7TNSElavJAGTmPaVHjcJa3y5wifptKiwRLXCElSfIcO1ytXoiWGbd5hVfc07Sb6N"
    "ZWJTNyEuEiSJgFSgJO85lpCSQjSvEQ3k+Pwkz/YK1iqVY3Gv9nnRq+myaFBleHXTvX4USc"
    "+rPsb4anB73++ORElpMl/wTJaUQtNjfDfQhjeDX5m8yBs6YxNECTHuPtiivMvp1NfTz5jL"
    "u0yRXez4rRBiX9nxdVPpMrIAXT8Nass0wCCbql7c5k0DDA2pKm2OXbt4JeZaxP+bbqyFHM"
    "7KVqvdh93OsNUc+IxwidUyjFM2WpVttCmkDvut2pPl6oQibf6kGZKktoxUlNQeVFpKjrSU"
    "2QT+qGsLnncrrTWRkQIURyq+c/DtEIen8cyIxZYrZBOrxIjP6EPJIIcMLKMM6xGU4jnP3F"
    "KK55niueicYptP1lJHtsner8x8Iscr7nNwrzw6qcwrj47y6CiPznfn0YmkoUmcOvE0tXS/"
    "TjQ7LpdrRxQhmyNIXRvx4H1Q6PuZidLbQBi6GdtE2PY2Ghr8Ii9PpkNMME99AmxgpNQ729"
    "+jNruifg+PAP5UMU16zyxxAq9yVm3prApEUCY8F2CrHAxt3XQ7DyPtga2/F3zfru1o/KXG"
    "eNS9ve+yy48P7Abf2M1flg3CMb7sDwbXGlOwhkN2Uxv+azga9HtXF8Bz2S7YisxHq0aX7H"
    "uwTD2BuO51UiCGCQPMr93ep5vRBXgRm5LGeHg/OL0AdEFOx/hT//FqMOTlkjz30Bizru97"
    "7G0HD//yfwvrcmGyVyb2UvyiMrHC3dd4+wotV7LvMEOPXyFUCeM8qjufauXfa4oK57ev8j"
    "daMmFh95Hu8DpU0DCKQZX/vsr+e0pcWy+0zX+NOGAmCtNWXS/rf/8f0+4PFlZOhnTqlZNB"
    "ORmUk+H7dDIMdSasa5P/1InrM5Dib0g2bedwPVCOYqbGGlbgoDJK+HmuQPRBA+8AT1xk/8"
    "UOeEVsUfucfGXDxrK8dq+5R8BrN2NwjoLAdjEzbmbQATDhhNjXg8aYsidYCPAB8AMFfpzX"
    "ZFdMCvikC+ATGzc0ozw7664lRt7M3xO1eid1WtpRPRVrieTOil8hGmj97N52Xw/0QhyHQI"
    "rmHDR7M16S445tw2XaDp4AEmO4edXZucvj9z/iOzVcXEynXAPUMYmbdUp/ydtSpQypLA9u"
    "kzbHxrXL9eCqqHLJ6c/WKX0B5VQl2Q8uEMjiGEYzV864AvfCM77Agixcb8/whYgdhbXTNp"
    "gswYQX0+T/Y//21u23gKmJ0vjVTp8wxkxLfMMVRu5SZwOKAmgj8MXfWi9O9hHRsS9hTr6A"
    "OTQQ74q/AWVE8/OCVEXPCuqNkGpkKndByYldAbasgljR+U0amUiWQXxhb0leNAMuixyREU"
    "Op1VdyUAb7nVo5diVIxbCE4TmbeYmhfUV2UKcjrzmTRDbQptl94GxVsbuAz1cN37ThKzSM"
    "IqrAGqD4lPDJNb9ChUtXAHUm2jZVSYWSXYj4EERRvwX1LyYzVHwLJsn/JWEGE8RpGlwUGp"
    "PDhGGbJYDLwaAfEcBlL35u++PtZZetiEIa6+yc5ERTr5D3QY285ka8V1U9yog9hlVHoVU5"
    "bUgdirVJpDU9FOuo/q+8buddHImVSAqIKQaFC/dKMxTqOZ4PW/NR1POVOOmDOr/prnlRTT"
    "iXOz6dAeWjrpaPmit/ZUqGhHHNUxqbpDuEKUgIOd0fGYM10Bm5l7KDOrSIbcqyLDJ2ooRB"
    "ajNKns0oC5s4yMSa5HzNDJ4jKLVfP89+fWhPyGxpcEIKkp2EKsZzMD6FTkGiVwjFr6pAoV"
    "xlUiVIbQ5Rm0OO7kep6OaQxJE1EueA7FibdEeB5FidXG6DVifYP+EDl2BKbLHvwoBL2eHY"
    "m5pLN1oEg1VkU6mtFcd0PxQ9LHhHxwRXbeUtliBHHbQokvOyaq9yNCShUzF3IG1uYteR2e"
    "2ptCaBil8Jv9zzz1d97bnYmckxnPKL5LPXlfvpEDQrI1IZkcqIVEbkzmesuhqR/kmeEtNx"
    "fcZnusEYyvrLYySuJAs8IIAT4rL/F+ag2LjP/r1AtkmMtth4xbdK/YdM2H+hAxY2MVydVx"
    "OUVCncdecq3l0tgzO96qCc1zpUGiwZ/9x94SXvq9DYBC0rl5Bu1cdx37V175OBZON0I4VI"
    "Olq/LwIZ2JHWksjK/l9BVPb/NhsvamUXqTT0nZhFR0pOrk/YekNusjIxlYlZLxMz9vXvgN"
    "B86fPV/OTL5s+zx4O7x37/WCb70EJoMUSUplQCjNxvZ5nvlLfUqNdUZYjXb8ZsZ1jMGdZc"
    "ujqXy5SrpyZXE80tV254qpGZkfi/2cKsaeSiSYI1XFvsokoPa2dFXiVgFRfMExf804WWnx"
    "2VcxUKIUqp7xVTiXadPFAvh4IKtO7Go6CsYGUFH91qq2igdWAbwihKmGvejXaWnUZ4k7xR"
    "VgxEc4C+sXbWEkAaHMh2CphQTIwoMJ2fAVvBsMNzb/8OTnixc9YdARBc3XSvPvOq6Tw8yo"
    "2LCaRIEm/d22OUHVktO9KLjDua+DtBb3oENo5rYCT29Pw8RyiWtUqNxYp7CV1UfDDFlNEV"
    "ROWyStRRMVVp6Unr6epoFKm8IlU2npX6qdTPyqqfD2x4P/SuRkeLGiBo67Mry9SfZVpo+H"
    "amLkpFQ03nLXOqpKJXKnLuzLk42ZSHG4ITfLwOmZ6I7CW7EGwDA68CdfIHCr5EnvrldVIf"
    "3cMzxniMOz5mzhrP4FfekzheCNjkhYpda9DryGIDWeixANq2+ZUpv0whnrNPQ7R8/bPQc0"
    "1M+dGt7J5hjDG7Mgfu4i34Ih6pOTObuE8zcTbrF64q81pvLk9onCzBvTdXDv/ZB1ObzEV3"
    "zgthbVw2QPlBzKvPaYy9CY4fv0wAZm0skx+QpEPsnccsfr7IejRMClmv7G15EUfe6fygOr"
    "hPuVLF86niPl1iSBZRxeM4pYrnU8XXk1zO8bwGHE4NP6n0YA5NDOtpuYiVHkUpWhOe9sTa"
    "UShmJIfniRolJ+OKxTT2HDPyJ9WiO6FjsO8741dFib6TKFHCqjymEdTz1PBWqhkUNMhjCA"
    "U6fT5TaOAZHszcEBPvG3/iXVsGMoskuPmFafTugtmXvk3Ah3fSEtrPI5RXvlqmgC+wwstP"
    "HLfr9acKhZFzrj6QW/JPSNMdmVcrXWWK4VT1thzK0hxB7NmfhelOQhXjuVKakLygREYUCa"
    "VUk1BBJH7FIQ60tDSfwKX5lMpsHNkkev92evru3U+nJ+/efzg/++mn8w8nK56Tt7IIv+x9"
    "4pxHtNI0IWT6EjZL4mhOhQaKY6GlzjTp+zZjMLV3c4u9mxYzvhbInhJ7LsoulRBHRhdKNF"
    "uIRuRBmeLojDJHS6bAG+i93/35kkHsrOQRS26jnUs1cSblSvpQu5g3SLQeJyxVk8+6bhG9"
    "RpbJVoxlx3HQfCH1dMabtLN8nYbfmE2JonUBb6ePAA4Bfi8AAkwcc2rqYrdSe5V7wIswfT"
    "UNrzIwpi/Ilns3t+9SWl443IP4fT4zW1UazjJGGubrPIjpke4RheuBnNPhEUI0yQTcXQVY"
    "9okUV5/WKHU2ZZUVJ3/0l1KR41ilI1da1MEiWMT4DGOUxZnD4mR6sONK3C4ZaXkrhCI4B8"
    "Hsg1iwJyLGoCGJeaYu8wmcWuwliz1PYMb6UpsXCRlFQYpXmRLlWShIZhsQYiGI05x/IVyM"
    "2QkD1pDaLJV/MOhHVtPLXswAuHu8veyyGeN1NPKZJJwtXBM4MeX1HLIPGQzjVJA5T1ifuw"
    "rSXdup80YCp2poJAdy2B8hdXFm+RYk4CZNzwfwNWQ4RuOeoi09pHex7momkry+UsmQrFKB"
    "hsAhesv//MWfmjIcp5F27Vze0/W9PNXy/ekRGUDgALQZfwwTVE2w0ZPJeln63s4XvqHLdM"
    "ALpEDIgQEJFjviqM6GpCErmr+XZ2yRK1p8KSm0iNTEk6qq6NfRPg2+nSTB6ZkXYYxKtdgi"
    "1WKKoOPaxdJewhhF/hbkzxF7H70Q9yGIon4L6sWj+QsV4D6MUeRvQT4lrq0XKoq0RjRwSX"
    "13mmNJfXeauqTyW7E9w9Q7iljCcabzLII7oPNsdaW23jNBW8lNmXGsiv9WOSioNt+mT2vN"
    "2nyr0iX3mC55bGcVNh1ip5/iKG/YzumuEhit0CmPfYYFfnVsXn6Je5G8tThwMT0xMVAHEN"
    "fRyRxR7zBG3xYDhm1OHfDqftiTFHnacd9qT3O1vFPHjSZVbhHadaEYtSPi+1DsXhiHDMHL"
    "xBUVdAyqBF0HQTukpJg9oBJypYVsSb0fGXs55V4P5dgr4tgTmmIR1lcARfsWtEML+XZG7v"
    "jZCqGIL0h8xSzZextxmW1Iugi1aueyYRcrQO68i1AiIDcyg654ogM3ODH65gRb0Dz7kl/1"
    "7E/fBvGK686hgYDpyNIu9vGIHVuzauMav3eIjWvK7N2n2XvcdOCqsbvnfOCFbRKbMabpFq"
    "SF9sIkkQ0MkH7IER/9kBoe/RCPjvJlQiu+7TUOU9OGZNpQcZIN08WGOEl0VhA6WCnXYxyr"
    "vBWV9laoPQtqz0IdRNKQPQsRKUjM5riUchjM4V9coMxLGBYqzOJZry/MHuV2Kl1bunx8GV"
    "Re32WLvpQRXOHZqZ1hBOsziDGyipgMIYiyFTbZCqoExEEqFOjmgp+1pYljuYod0iQFN5D2"
    "PEnC6TnCiRRhbsbyMgQeRwX4TgAbyPXuh/gCLi0CDY2a/1ukBkcc1iS9fmc+h4lL+bHZVA"
    "ucYUWGsxR8uCHNNGV7Dq1WHddGijDrxZQdb53tnIgA1dnAVXZMZFVn6mJ3njB7o4I+QqWm"
    "1oKNLn+XVgHptu67d9e9u08XwMeP8fDqpnv92O9eXwCqz5DhWvyQ0Iduv9sZ8os2M2ch5d"
    "euu/3eL90HfnFVf2aMP3Z6AjyFpkB2f7vviTbo28L0K9Qcf2UKlybNuSqFIepkwWRFKOpo"
    "xauaxWAHXYIwOswCtPvRK1grW+FMDlYjWjqiSxY6SyAVvclQ+5GjvxWLnu3XoUMsk43FEs"
    "dKJJHNI3v3E3Q4al4ijimBq+2xVTYYAqW4hKxjUCXnKsvZs2FoCTFHkUrKVZYyu2LxkKtG"
    "poXTEpLYBlWrPPB5caroQLpAmlV0oMD2goQPR7PJi+xgRx/98fMDslY5DfL8FMnxNjUbD2"
    "kpKrLUupSDMEvwFd1g0RTK9pmD00G2qc9akuwb/047K+8GrttsyrNJp0EVMqhWIYMSRnmz"
    "z3c8PT/PE/U/P0+P+/N7MYc/+6gKMOw3byC7P56c5PF2nJykuzv4vXi5COwgXGgTbAiidm"
    "PWaTfmX/8PafLd8g=="
)
