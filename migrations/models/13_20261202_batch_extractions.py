from tortoise import BaseDBAsyncClient

# Batch extraction jobs (issue 12): one row per text of an `llm.extract_batch` job, its valid
# result or its failure, written with its part's success; the unique index makes a second copy
# of a text's result impossible.

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS "batch_extractions" (
    "id" BIGSERIAL NOT NULL PRIMARY KEY,
    "index" INT NOT NULL,
    "status" VARCHAR(16) NOT NULL,
    "provider" VARCHAR(16) NOT NULL,
    "model" VARCHAR(200),
    "prompt_version" VARCHAR(16) NOT NULL,
    "result" JSONB,
    "error_code" VARCHAR(64),
    "error_message" TEXT,
    "prompt_tokens" INT NOT NULL,
    "completion_tokens" INT NOT NULL,
    "latency_ms" DOUBLE PRECISION NOT NULL,
    "reasks" INT NOT NULL,
    "retries" INT NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "job_id" UUID NOT NULL REFERENCES "jobs" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_batch_extra_job_id_3c1d5e" UNIQUE ("job_id", "index")
);
COMMENT ON COLUMN "batch_extractions"."index" IS 'the text''s position in the batch';
COMMENT ON COLUMN "batch_extractions"."status" IS 'SUCCEEDED: succeeded\nFAILED: failed';
COMMENT ON TABLE "batch_extractions" IS 'One text of a batch extraction job: its validated result, or why the model''s answer was refused (never the invalid answer). Stored with its part''s success; one per text.';
-- aerich writes no CHECK constraints: the database refuses what the API would.
ALTER TABLE "batch_extractions"
    ADD CONSTRAINT "batch_extractions_index_not_negative" CHECK ("index" >= 0),
    ADD CONSTRAINT "batch_extractions_result_or_error" CHECK (
        ("status" = 'succeeded' AND "result" IS NOT NULL AND "error_code" IS NULL)
        OR ("status" = 'failed' AND "result" IS NULL AND "error_code" IS NOT NULL)),
    ADD CONSTRAINT "batch_extractions_counts_not_negative" CHECK (
        "prompt_tokens" >= 0 AND "completion_tokens" >= 0 AND "latency_ms" >= 0
        AND "reasks" >= 0 AND "retries" >= 0);"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        DROP TABLE IF EXISTS "batch_extractions";"""
