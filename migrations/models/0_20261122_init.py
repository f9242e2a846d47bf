from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS "api_keys" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "name" VARCHAR(100) NOT NULL,
    "key_hash" VARCHAR(64) NOT NULL UNIQUE,
    "prefix" VARCHAR(16) NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "revoked_at" TIMESTAMPTZ
);
COMMENT ON TABLE "api_keys" IS 'An API key; only its SHA-256 is stored, the key itself is shown once at creation.';
CREATE TABLE IF NOT EXISTS "jobs" (
    "id" UUID NOT NULL PRIMARY KEY,
    "kind" VARCHAR(64) NOT NULL,
    "status" VARCHAR(16) NOT NULL,
    "params" JSONB NOT NULL,
    "result" JSONB,
    "error_code" VARCHAR(64),
    "error_message" TEXT,
    "progress" DOUBLE PRECISION NOT NULL,
    "progress_message" VARCHAR(255),
    "attempts" INT NOT NULL,
    "cancel_requested" BOOL NOT NULL,
    "webhook_url" VARCHAR(2048),
    "idempotency_key" VARCHAR(255),
    "request_hash" VARCHAR(64),
    "message_id" UUID NOT NULL,
    "published_at" TIMESTAMPTZ,
    "created_at" TIMESTAMPTZ NOT NULL,
    "started_at" TIMESTAMPTZ,
    "finished_at" TIMESTAMPTZ,
    "updated_at" TIMESTAMPTZ NOT NULL,
    "api_key_id" INT REFERENCES "api_keys" ("id") ON DELETE SET NULL,
    CONSTRAINT "uid_jobs_api_key_027c79" UNIQUE ("api_key_id", "idempotency_key")
);
CREATE INDEX IF NOT EXISTS "idx_jobs_kind_d0563f" ON "jobs" ("kind");
CREATE INDEX IF NOT EXISTS "idx_jobs_created_7005f4" ON "jobs" ("created_at");
CREATE INDEX IF NOT EXISTS "idx_jobs_status_30646d" ON "jobs" ("status", "published_at");
COMMENT ON COLUMN "jobs"."status" IS 'QUEUED: queued\nRUNNING: running\nSUCCEEDED: succeeded\nFAILED: failed\nCANCELLED: cancelled';
COMMENT ON TABLE "jobs" IS 'One unit of heavy work: the database row is the source of truth, the broker only a signal.';
CREATE TABLE IF NOT EXISTS "webhook_events" (
    "id" VARCHAR(40) NOT NULL PRIMARY KEY,
    "type" VARCHAR(32) NOT NULL,
    "url" VARCHAR(2048) NOT NULL,
    "payload" JSONB NOT NULL,
    "status" VARCHAR(16) NOT NULL,
    "attempts" INT NOT NULL,
    "next_attempt_at" TIMESTAMPTZ,
    "lease_until" TIMESTAMPTZ,
    "created_at" TIMESTAMPTZ NOT NULL,
    "job_id" UUID NOT NULL REFERENCES "jobs" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_webhook_eve_job_id_babde5" UNIQUE ("job_id", "type")
);
CREATE INDEX IF NOT EXISTS "idx_webhook_eve_next_at_510263" ON "webhook_events" ("next_attempt_at");
COMMENT ON COLUMN "webhook_events"."status" IS 'PENDING: pending\nDELIVERED: delivered\nFAILED: failed\nGONE: gone';
COMMENT ON TABLE "webhook_events" IS 'One event to deliver to a job''s webhook URL; its id is the `webhook-id` of every attempt.';
CREATE TABLE IF NOT EXISTS "webhook_attempts" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "attempt" INT NOT NULL,
    "attempted_at" TIMESTAMPTZ NOT NULL,
    "status_code" INT,
    "error" TEXT,
    "duration_ms" DOUBLE PRECISION NOT NULL,
    "next_attempt_at" TIMESTAMPTZ,
    "event_id" VARCHAR(40) NOT NULL REFERENCES "webhook_events" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_webhook_att_event_i_66a4a0" UNIQUE ("event_id", "attempt")
);
COMMENT ON TABLE "webhook_attempts" IS 'The log of one HTTP attempt to deliver an event.';
-- aerich does not emit CHECK constraints: these are written by hand.
ALTER TABLE "jobs" ADD CONSTRAINT "ck_jobs_status"
    CHECK ("status" IN ('queued', 'running', 'succeeded', 'failed', 'cancelled'));
ALTER TABLE "jobs" ADD CONSTRAINT "ck_jobs_progress" CHECK ("progress" BETWEEN 0 AND 1);
ALTER TABLE "jobs" ADD CONSTRAINT "ck_jobs_attempts" CHECK ("attempts" >= 0);
ALTER TABLE "jobs" ADD CONSTRAINT "ck_jobs_finished_when_terminal"
    CHECK (("status" IN ('succeeded', 'failed', 'cancelled')) = ("finished_at" IS NOT NULL));
ALTER TABLE "webhook_events" ADD CONSTRAINT "ck_webhook_events_status"
    CHECK ("status" IN ('pending', 'delivered', 'failed', 'gone'));
ALTER TABLE "webhook_attempts" ADD CONSTRAINT "ck_webhook_attempts_attempt" CHECK ("attempt" >= 1);
CREATE TABLE IF NOT EXISTS "aerich" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "version" VARCHAR(255) NOT NULL,
    "app" VARCHAR(100) NOT NULL,
    "content" JSONB NOT NULL
);"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        """


MODELS_STATE = (
    "eJztXG1z2jgQ/isaf7l2Js2khKad9OZmDDgtLYEcgbbTl3EFFuDGSNSWkzC9/PeTZBu/G0"
    "yAGA9f2rDaleRnpfXuauU/0pRoyLCO5Zn+Ec2lc/BHwnCK2B+RliMgwdnMp3MChQNDsMKZ"
    "rt6guSDCgUVNOKSMPoKGhRhJQ9bQ1GdUJ5hzyxjIV03ABN4Cgo050KkFrt/LLyqvzoBuAY"
    "sSE2lHgE4QZ+LNyBiJlgm5w0xmiACkYGgiyPs85sNqZMjG1fF4ayPYWP9tI5WSMWJyJhvn"
    "2w9G1rGG7pHl/ZzdqCMdGVoISl3jHQi6SuczQWtieiEY+eQH6pAY9hT7zLM5nRC84NYx5d"
    "QxwsiEFPHuqWlzcLFtGK4ePLydmfoszhQDMhoaQdvgKuLSzgR8mqSq7U5PvVZ6qirF1OdJ"
    "BPB2SUOCuerZVC3x9GM+hReVl9XX1TenZ9U3jEVMc0F5/eAM7QPjCAp42j3pQbRDCh0Ogb"
    "EPqvg/Bmt9As1kXD3+CLJsylFkPRyzoPUIPrb+at8FuFN4rxoIj+mE/Xx5cpIB5Se5W38v"
    "d58xrud8SMK2p7Nv225TxWnjePv4so2hTqA1yYNxUGYzOD/tEg6hfFZdAeSzairGvCkM8c"
    "xEI/0+D8C+RBmX8dkqq/gsfRGfRQEWBhxpKqRxkBushepTlAx0WDICtuaKHnt/7CP07AG1"
    "Dns5unsqA/pe81K57smXV3y4qWX9NgR+ck/hLRVBnUeoz6JqWnQCPjd77wH/Cb522oqAl1"
    "h0bIoRfb7eV4nPCdqUqJjcqVALbH+P6qEW0rqJbsnNWloPS25A6+50i6L0PVGyh0lMy9zD"
    "Gt0E3AFOGMDhzR00NTXU4i+HX2RgxRdCzZW6+NhFhvDyElTu+sAfyGBvde1TvY3OMSMVko"
    "ZivGlamUYpEMOxeCQ+Nh8pgFRCEOECmB5BeDpaHj10MAIMYgrICEwQvJ2DO2LenAtfnvuK"
    "A2ghYJI77s1zmkVsk3nzjJs9PJ04Tv/AZNvcdGIDCCx9jKERDyO2O1RCPPHNi6R4u66h6Y"
    "xQhIdzQfoRiTa+sXc+pLaAbWYPDN2aOJbrR644pN9vNnIEIrata8dcZjvOnPT3yMZDrmsg"
    "RuL/VP+Rdm8Oha9x6ti3oOUSj54dmNyw58vlNLv82/LoyuQx+0s+jq6C7alAuMmmBFkIH0"
    "M6sGF25j1LjNVGWs4lLP3bV/pK4xw40t9xt99uN9vvzoFpY8w08B1f9+t1RWlwJsseDhHS"
    "ON+F3Gxx0gjqBv9dl9t1pSVIQ46JYbhzeXLffAZNOE1Q5YfrTjsl+FlIRD0zfUjBf4CZwF"
    "iWZA888QxgORYhf8wD9Nml/CWKdb3VqUXNFe+gFgGeNfH55wDel3gU8MV0kHaGOzJNYjJU"
    "tVxpq7DUWnarYLhv+x3hIDZFlsV81DjUPXSfknmNCZYB7ayQT/nSy17li4iv1Wm/89ijSz"
    "+a0yJ8EyQY9guDwBTkg0IR0EdcaltW/eT4ZPewNzr9WksBV12l3rxuuoZmEVqLRk5iBJ0K"
    "CLqK3EpBOX2ZZ+UQ47JlWOlhu1J59WoFw8K4Ui2LaAvDDillQRlNWNypxzlBkeWHOhtb2N"
    "vCeCOHOoEErfBJVROxR7MoSoibaoQYCOKULG2CeATkAZPfFsoLym4NSK3TaYXsdq0ZNcz9"
    "y5rC/PHnYUMSx/8ODSaE3Ki2aeQxIRGxElqPk+qbVcwHY0u3H6IxjHc0qZMD8wTREuK+Da"
    "vtmofcp5lRufLBvXnn2/Up1HypxrDUJlOOxfW+l2YYA95eML0bgzX7SCsqezjUKtqh1v4e"
    "WO80s1ze82qLQnM9pYclD1u7yFt7pON1bXhE9KDnIuvZnmlrmvCw5KHmqMBqd2cfyAw5B/"
    "eJfm96bigktFZ2qGAbeRP5oViRTwzlhNwyMZE+xh/RPHYCnFzS45e17xfAaVU9jGzCu0XN"
    "R2RpsednT42cLBCbAmj3Wy3pYZXqKS/Vg24RTkp85qmj+uz0pfCu9tB8PUlFlYuZ7KSRpY"
    "TiqgjHUVadlafNYFZ6ec1Vb4KAQca8solgBN73elfA7QFQAtgo+i0yAcRArJJ4JdU6HSTW"
    "RyFv6bjSsaqowx2MXd7BgP6ay3ccstvTkMIjHEN0Lf8xKltCD3J/PcbEsJ/aVkpBSOoGik"
    "gdnMb4HhJ1HHFIlxR+lCXDv+uCD802hdunJhXzZdR8ROR2WfbxNOhvou4DszXsOW9rvCES"
    "xA/JpCK/I4S/m5hUyKgYDMiU8JZgdZW7rtX0q65VcdM1I8mwiDEemWIoabR7FMk0BJdbKM"
    "9Ql6/rckPJSjPsIHB24E8PmxfqWR40+ymQ1a4pCf5gfMv+hOAXGfxlAbdP0O+23orPE+ia"
    "d43op9v2Qtd+8oiZdWPOvXA5+ZbS1kZKDMJ/Obe5xHJ/VPydVeyyOetVoCvkm7FdRxkRuc"
    "AqB9AefwlfFKeVFcA+raSCzZvC3lfOKrnHVMcVG9ptlcfN4Jz5/QmWIutS0ELkcCvoEbdT"
    "9vBm3QxhjUOYTwPSldJuiKt0rvx33FBazU9Kl1+Sc1+gSVfp3jEf/xyMCUbRd/AqW2bzF+"
    "gOxegbzhvtaXC9S3emTLG1gaCFVBtTPeGtnq3qiOghh1JkPe9XTeWhIGe52lcpqmRBas4i"
    "dF/iUICenSFzEwCPzI+t9lWdggK6NC3mr6a8SbGYh6caZBzHe43Cm0CJSElQ32rpjYxMfT"
    "iRkj6K6rQcZX4U1edZli1Mh+Hw0dFiFbyw0NByd9qqWaCASBkzQVu5Zs02VQ6EXfYSoruV"
    "D7uyEWniCVd6ki0gckiy5UyyxfyoXR6HPfwP88V2Sw=="
)
