from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS "job_parts" (
    "id" UUID NOT NULL PRIMARY KEY,
    "index" INT NOT NULL,
    "status" VARCHAR(16) NOT NULL,
    "params" JSONB NOT NULL,
    "result" JSONB,
    "error_code" VARCHAR(64),
    "error_message" TEXT,
    "attempts" INT NOT NULL,
    "message_id" UUID NOT NULL,
    "published_at" TIMESTAMPTZ,
    "created_at" TIMESTAMPTZ NOT NULL,
    "started_at" TIMESTAMPTZ,
    "finished_at" TIMESTAMPTZ,
    "updated_at" TIMESTAMPTZ NOT NULL,
    "job_id" UUID NOT NULL REFERENCES "jobs" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_job_parts_job_id_dee17b" UNIQUE ("job_id", "index")
);
CREATE INDEX IF NOT EXISTS "idx_job_parts_status_78b3c8" ON "job_parts" ("status", "published_at");
COMMENT ON COLUMN "job_parts"."status" IS 'QUEUED: queued\nRUNNING: running\nSUCCEEDED: succeeded\nFAILED: failed\nCANCELLED: cancelled';
COMMENT ON TABLE "job_parts" IS 'One slice of a fan-out job (a chunk of ids, a date), run by its own broker message.';
        ALTER TABLE "jobs" ADD "parts_failed" INT NOT NULL DEFAULT 0;
        ALTER TABLE "jobs" ADD "parts_done" INT NOT NULL DEFAULT 0;
        ALTER TABLE "jobs" ADD "parts_total" INT NOT NULL DEFAULT 0;
-- aerich does not emit CHECK constraints: these are written by hand.
ALTER TABLE "jobs" ADD CONSTRAINT "ck_jobs_parts_counts"
    CHECK ("parts_done" >= 0 AND "parts_failed" >= 0 AND "parts_done" <= "parts_total");
ALTER TABLE "job_parts" ADD CONSTRAINT "ck_job_parts_status"
    CHECK ("status" IN ('queued', 'running', 'succeeded', 'failed', 'cancelled'));
ALTER TABLE "job_parts" ADD CONSTRAINT "ck_job_parts_index" CHECK ("index" >= 0);
ALTER TABLE "job_parts" ADD CONSTRAINT "ck_job_parts_attempts" CHECK ("attempts" >= 0);
ALTER TABLE "job_parts" ADD CONSTRAINT "ck_job_parts_finished_when_terminal"
    CHECK (("status" IN ('succeeded', 'failed', 'cancelled')) = ("finished_at" IS NOT NULL));"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        ALTER TABLE "jobs" DROP COLUMN "parts_failed";
        ALTER TABLE "jobs" DROP COLUMN "parts_done";
        ALTER TABLE "jobs" DROP COLUMN "parts_total";
        DROP TABLE IF EXISTS "job_parts";"""


MODELS_STATE = (
    "eJztXWtzm7ga/isaf9l2Ju2kadrdyZ7ZGcehjbeOnePLdnebHVYGJWaDJRdEU8+e/vcjCb"
    "C5CAK+Bai+tLGkV8CjC+/l4dW/rTkxke2+bC+sD2jZOgP/tjCcI/ZHouYItOBisS7nBRRO"
    "bdEULiz9Hi1FIZy61IEGZeW30HYRKzKRazjWgloE89ZtDNrXXcAEfgYE20tgUReMLtsvTt"
    "68BZYLXEocZB4BOkO8Ea9G9q2omZEHzGQMBCAFhoMg7/Mlv6xJDHZdC9/t7Qoetj57SKfk"
    "DjE5h13n01+s2MIm+orc8OfiXr+1kG3GoLRM3oEo1+lyIcq6mL4TDfnNT3WD2N4crxsvln"
    "RG8Kq1hSkvvUMYOZAi3j11PA4u9mw7GIcQb/9O1038W4zImOgWejYfIi7t38C6rKXr/cFY"
    "H2ljXW+lhi+UiOAdFBkE86Fnt+qKp7/jt/Di5NXpj6c/vX57+hNrIm5zVfLjN//Sa2B8QQ"
    "FPf9z6JuohhX4LgfEaVPF/CtbODDpyXMP2CWTZLSeRDXHMgzYsWGO7nu2HAHcOv+o2wnd0"
    "xn6+Oj7OgfK39rBz2R4+Y62e80sStjz9ddsPqk78Oo73Gl+2MPQZdGdlMI7K7Abnp53CMZ"
    "TfnhYA+e1pJsa8Kg7xwkG31tcyAK8lmjiN3xaZxW+zJ/HbJMBiA0emDmka5AtWQ605kgMd"
    "l0yAbQaiL8M/6gg9e0BzwF6OwZrKgX7cvdJG4/bVNb/c3HU/2wK/9ljjNSeidJkofZYcpl"
    "Un4GN3fAn4T/DnoK8JeIlL7xxxxXW78Z8tfk/Qo0TH5EGHZmT5h6UharFRd9AXcr/RqMcl"
    "dzDqwe1WZdBrMsghJqlR5hrW7X1EHeAFU2jcP0DH1GM16+nwD5m66YlwHki9+zBEttDyJE"
    "Me6MC/kmltx3pdGi50jhk5IVkopqvmJ/NkCcTwTjwSvza/UgQpiRERAJhtQYRj9Lj1MMAI"
    "MIgpILdghuCXJXggzv2Z0OW5rjiFLgIOeeDaPC9ziecwbZ61Zg9PZ77SP3XYMnd82wAC17"
    "rD0E6bEfu9lMSe+BRaUrzeMtF8QSjCxlIU/ZWwNj6xdz6knoBt4U1ty535O9dfpeyQyaR7"
    "UcIQ8TzLfMll9qPMtf5z62GDjzUQV+L/nP7SOvx2KHSN1/7+Ft25xKPnGyb37PlKKc1B+3"
    "1pdE3SmNdTPo2uhr25QLjLbgkyEz6FdGTBHEx7brGmHjJLTuHWfyfaRLs4A770DR5O+v1u"
    "//0ZcDyM2Qjc4NGk09G0C97I9QwDIZO3e9fu9njRLbRs/rvT7ne0nigyOCa2HdzLk+vmC+"
    "jAuWQofx0N+hnGz0oiqZlZBgX/A2wLTHlJaqCJ5wDLsYjpYyGgz67avyex7vQG58ntindw"
    "ngCeVfH7LwH8WmIr4KupIB0Md+Q4xGGomqXcVnGpjfatiuG+73eEj9gcuS7TUdNQj9HXDM"
    "9rSrAJaOeZfNrv4/xZvrL4eoP++7B5cuonfVqELwLJxv7OJjAD+ahQAvRbLrWvXf345fHh"
    "Yb8YTM57Grgeap3uqBtsNCvTWlTyIlZgUQHBUGv3MlDOnuZ5PsS0bBNmenxfOXnzpsDGwl"
    "pl7iyiLg47pJQZZVQyuTPDOVGRx4M6O5vY+8J4J0GdiINW6KS6g9ijuRRJ7KZzQmwEcYaX"
    "ViKeAHnK5PeF8qrksBvI+WDQi+3b593kxjy5OteYPv48vpGk8WcqNXV1Sii0S8zphJSa1n"
    "JYTYIlG/MjqIZCClQ5qL5hWxrWtZgCNgnsA5rOCLnXPUeyCWTrEQmxBqoQx6c/FdEhWLNs"
    "JUJUxvFOenZLYC4RbSDu+1DdAh2hNKUhKdc8uHdvgQeGhV4u3hCX2mXcobom+KNhhsjrLx"
    "rjScGaH9dOyqrIdtUi2/VlrRw0vNRc0opLmZ660aDHJdXSrvLSvrXwpnt4QlSNc5XH2VuY"
    "G27hcUlFPKzwsAd3H3EP++wdqd6b7SCOCW3knajYQt6FfyLF9EuhLAkwEQdZd/gDWqZoIH"
    "Je3/rblnoBnEXtY8UOfFgRvxJTiz0/e2rku4LZLYD+pNdrfStCoRQ+NIlvvhyH8pr1UsMN"
    "K5NIKfOhoS8IbwvVR78vjXfVVLwctCBbz6mh6KQ563ff1FyxAOX03HBt5lJ09dU+UIyn69"
    "qWz4eFrBV+QTwKWC/gGQTGzMP3vMYy3SNWzfWZ50ec3Aam/ud6/Du8gDsbOIbkBN09XEPK"
    "zP3HpzCLGaO4uNVykmVzcf3hKq6MrdofLkpUcUVMsW8V+1axbxX7tu64K/atYt9WapbvhX"
    "2rCIo7VnlUKFuFsquDccUd4nUPZas4yOPDrmLZam2rWPb3NM4qlt20PbxILJu7+8spvWsJ"
    "pfDmR7CDWMKW0etiWWkqCuijsev1bIrFrTvtUad9oeWFrfcZRAtCs23fZm5JYmmJFkd5Ib"
    "UwaBw1wR+PrI1nCNjkjke2CEbgcjy+BkEPgBLArmJ9QQ6AGIhgdDpstkkH0pgYCiPUgXQq"
    "LlYq+qUyYm6ZEROu51w5348KeGV4fwJ8NlJ+krINVH/qq+5IbVbquRkBgswFlJBS7L30Gh"
    "J+/dKBABUAONooAGB6jiBN6bLgbk4GjoTcIZNwPA36u8jCgdkcDpW3Dd4QEnHlCanyO0Lo"
    "u1KrOCeCHJFpYM7m0yKZx0+zE4+firzjObbyysbY0lpuKKn2KGE2R6dbBQ1nH/5ss3k1PI"
    "8bzWumdTEyqmgftW/Zn5BzRX9wQdAnmAx7PwtmqGWGSV3/DupeWObf3GJm3TjL0FyWU1L3"
    "dqU8YqqY7lvZ33lZB3a3e1Uoof9u9q6jHItcYFUC6LB9A18Ur08KgP36JBNsXhXXvkqmK9"
    "kmTUm1od1XnpIFXDK9X7JT5JFEVyKKJboFW7GGTOsFwiaHsNwItK61/oWgVgfyN/hC63V/"
    "04acNB28QGXU6vdMxz8Dd0G2rKcnVCvm3Y79RjU1rg+pzjTJtrYRdJHuYWpJ3ur5Q50QVT"
    "6UKo+zYgRm76D1ZJMUYQQqNolik9STTZLS8HSb3KXx3uD7/ghFpCGo7/X79YkrPF4pz6Eo"
    "P8rzGHqsRdGzaZkZ4rgEg4cZcRE/9cmmMwCxCQwynyN+vBN39oBrj4mPWV/3/mGyLv/g/I"
    "aZv9RCmN60gIWBi5AJjo9Pn0sOqN3bZdQptdXi5KhTaveb1hXNocxgyInHhQIK4WIITy2H"
    "znSuVssVdjnMcak8Zb1R5hjXtZOuPFkCioJ+PGkuin068Tx8z1R4XNaJ9067avc01iNbXT"
    "a6wf4v/+/B+FIbngHCX0c3eNL/0B987J+B6JWe3Hk3Y7ryjOrGXKJIZ3NmYlIbMmZqNLV3"
    "QJiZI9MyoM01R9Pi91YqA4Vc+vBxhkhinKln2dTC7kt+vafIjbOX6IPy0WTvRM310ajvvJ"
    "o26lnfeaWcSYXcH4sFYXjMOetmy7x97XVXNZwMmd6PmNZsE8LAQe7WYJ3znsaozmHzfKh8"
    "74c+R6wvY1u0LkVnV6KvpgI2Z8+4LU5XCO7tWLSnxmcxW7pCUYRMSfvCNEXpcZRl0LoOem"
    "z7HRZJGVxL5IKsrIdKy1pLjFwboYXusjnFLZAtoRrxzkZ+X00FjDhm4H/fHKcB76NJAO0z"
    "UhJVryQBk4T2lR03iWp8hcIn2bCosES1whKuMUOmZ2+Woych27xjhupr3kn4NraFLcOCuE"
    "yQJCakAiVFTxiELikF81qigRi/OS7yeQVrlYmxqKs9L3q1XZYNqow6l9rFRJCeV33c4M7g"
    "6rqnjUVKaTJfcCZLRqLpG9wf6KPLwUc2XuSFO2MbxAbDuPtgi/IuZ0NfTz9jIe+yi5xyBy"
    "NFJPbFjq+bSpfDAvQCGtSWNMCQTVUvbIvSACNTqkofx65dvBJzLeb/zTbWIg5nZavVbmEf"
    "5dhqFN4jvMHbMiqnbLQq22i30KXsWfU72zOIi/T5nW5KSG05VJTMHhQtpQAtZTaFrwx9wX"
    "m30lwTORSgpKTCuwDelFBO45kRm72ukEPsDWZ8Th9qDAqMgW1ugnpMSuFcZG/ZCOeZwrns"
    "nuJYd/bSQI7F7m+T/UQur7AvgL3y6GQirzw6yqOjPDrfnUcnRkOTOHWSNLVsv06cHVfItS"
    "OSkM0RdD0H8eB9mOj7ng2l/wFhpDLxEeGR/6GhyQt5ejIDYoI59QmwiZGR72x/l3rcFfUp"
    "OgP4VcU26V9zgxN4lbNqS2dVOASbhOdC2SoHQ1uXWns41ofs/XvGv9t1qM5v6gaPtatrjR"
    "VPhqyCf9jNb5ZNwht83hsMLnSmYI1GrFIf/TEaD3rdzhnwXbYL9kbms1V3l2w92JaRkrjo"
    "tjNETAuGMh+17vvL8Rl4EB8l3eDR9eDkDLgLcnKD3/cmncGIp0vy3UM3mHV93WV3Oxj+ET"
    "wL63JhsVsmzlI80Saxwt3nePsCbU/y3WGOHr+SUCmMi6jufKuVr9cMFS5oX+U1uiFhYfeR"
    "7uh7qKRhlBBV/vsq++9d4jlGqc/81xIHZKIwbdXzWf/7X0y7P1hYORmyoVdOBuVkUE6G78"
    "3JIL7hkjgXwm+7sp0K4guyQr4ERROp0kI+yrG8+TtuE5pIVE6pmVVWM6MQlNA1E2INtNz2"
    "QjU3oE0cC5U7RikqpBwQRRwQC4dQZGFdklMxB+eYlIrRFonRQmdKZkuTA1IS7LSoQrwA4r"
    "eQlgR6JaHwVawD5RCQKkHKIaAcAsohIHcIpNKUSJwDslQm2Y4CSSqVQm6DVhtwjH5wQSC4"
    "BLfEEdQAEy5lCZEfay49+yycrCKPqDp8/CndD2UTxO4oNWzV3rx5Oo8kNyxFizInBq3aq9"
    "PaZae1870D6XMLe1Rmt2cfxJQSVPhK8DUt/62v35fLk5uQU36RYva6cj8dAmZlRCojUhmR"
    "yojc+Y5VVyMyyN4oMR3XeR2zDcYgg2RRI3E1ssAXBHBKPPavMAcB4YdnQ35WjkXMI3E+Dj"
    "8o+x8yZf9DChYOMT2DM8glzPRdd67i3dUyOLOZ5nJc68AurwzZzl8VOtugnQzFKCMul5D7"
    "rq37AAwkm6ePQoiks/X7ApAJU2lGhuwzQiIi6gDy7+YIkIO+15prFj3RKa31CVs/ckirMj"
    "GViVkvEzOx+ncAaLFzhKu55Dc9RphdHvQnvd5TmeyxUwQkhnvylIFs8z1+uEEhK14xxKu0"
    "Yx7lWMw51lxOtvciplw9NbmaaG6FuOGZRmYO8f9xC7OmkYsmDazpOeJslOywdl7kVSKs4o"
    "JF4oKfPWgH7KiCb6GIxEbqe8VUol2TB+rlUFCB1t14FJQVrKzgJ7faKhpo9c80k5hrq8PO"
    "su209ZlqBaKsGIjmAH1l7ewlgG6YhOsEsEGxMHKBRX8G7A2GKefe/gKOgeUC1h0BEHQutc"
    "4HnqSLh0e5cTGFLpLEW/d2GWVHVsuO9CPjVBe/U/BmR2CTcg2MxO7lYKlwwZRTRlciissq"
    "UUfFVqVnk9az1dG4pPKKVNl4VuqnUj8rq34O2fQedjvjp9I/28ixjJlMAQ1qcjVQuG6jIg"
    "R1Ws55mt0XZlSUzC4SEVH6XDF9ji+qEggHzRuI7qtCeVte5eRteSXJ26JIY4ckjaW0g0O+"
    "zL79HwxGUKw="
)
