"""What clients send and see of extraction schemas, extractions and comparison reports."""

from datetime import datetime
from typing import Annotated, Any
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator

from domain.jobs.models import JobStatus
from domain.llm.comparison import CompareParams
from domain.llm.models import BatchItemStatus
from domain.llm.providers import ProviderName
from domain.schema_types import PastDate, RecordId, Text, Timestamp, WebhookUrl, WriteSchema

SchemaName = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]{0,63}$")]
MAX_TEXT_CHARS = 20_000
# A batch's texts travel in its job's params: bounded so that a job row stays small to read.
MAX_BATCH_TEXTS = 1000
MAX_BATCH_CHARS = 1_000_000
BatchText = Annotated[Text, Field(min_length=1, max_length=MAX_TEXT_CHARS)]


class ExtractionSchemaWrite(WriteSchema):
    name: SchemaName = Field(examples=["generic_fields"])
    json_schema: dict[str, Any] = Field(
        examples=[
            {
                "type": "object",
                "properties": {
                    "field_1": {"type": "string", "description": "Who the text is about."},
                    "field_2": {"type": ["number", "null"], "minimum": 0},
                    "field_3": {"type": "array", "items": {"type": "string"}},
                },
            }
        ],
        description="An object schema; registering a name again adds a version.",
    )
    description: Text | None = Field(default=None, max_length=2000)


class ExtractionSchemaRead(BaseModel):
    name: str
    version: int
    builtin: bool
    description: str | None
    json_schema: dict[str, Any] = Field(description="As registered (a built-in's own).")
    strict_json_schema: dict[str, Any] = Field(
        description="What every provider is given: all required, nullable, no extra properties."
    )
    created_at: datetime | None


class ExtractionSchemaPage(BaseModel):
    items: list[ExtractionSchemaRead]


class SchemaVersionQuery(BaseModel):
    model_config = ConfigDict(extra="forbid")

    version: int | None = Field(default=None, ge=1, description="Default: the latest.")


class SaveTo(WriteSchema):
    """Store a valid result for a user: a `meal_log` as a meal, a `clinical_note`'s vitals as
    health metrics (through the health-metric API's unit checks)."""

    user_id: RecordId
    on: PastDate | None = Field(
        default=None, description="The day of the meal (with its meal_time) or the note; today."
    )
    at: Timestamp | None = Field(
        default=None, description="The exact time, overriding `on` and the text's meal_time."
    )


class ExtractParams(WriteSchema):
    """An `llm.extract` job's params."""

    model_config = ConfigDict(populate_by_name=True)

    text: Text = Field(min_length=1, max_length=MAX_TEXT_CHARS, examples=["2 eggs and toast"])
    schema_name: SchemaName = Field(alias="schema", examples=["meal_log"])
    schema_version: int | None = Field(default=None, ge=1, description="Default: the latest.")
    provider: ProviderName = ProviderName.LOCAL
    save: SaveTo | None = None


class ExtractionRequest(ExtractParams):
    webhook_url: WebhookUrl | None = None


class Usage(BaseModel):
    prompt_tokens: int
    completion_tokens: int


class ExtractionRead(BaseModel):
    id: UUID
    status: JobStatus
    schema_name: str = Field(serialization_alias="schema")
    schema_version: int | None
    provider: str
    model: str | None
    prompt_version: str | None
    result: dict[str, Any] | None = Field(description="The validated JSON; null unless succeeded.")
    usage: Usage | None
    latency_ms: float | None
    reasks: int | None
    retries: int | None
    saved: dict[str, list[int]] | None
    error: dict[str, str] | None
    created_at: datetime
    finished_at: datetime | None


class CompareRequest(CompareParams):
    webhook_url: WebhookUrl | None = None


class ExtractionProviderRead(BaseModel):
    name: ProviderName
    model: str = Field(description="The model it runs (for the local ones, the GGUF's name).")


class ExtractionProviderPage(BaseModel):
    items: list[ExtractionProviderRead]


class ExtractBatchParams(WriteSchema):
    """An `llm.extract_batch` job's params."""

    model_config = ConfigDict(populate_by_name=True)

    texts: list[BatchText] = Field(
        min_length=1,
        max_length=MAX_BATCH_TEXTS,
        examples=[["2 eggs and toast at 7:30", "dinner: 200g salmon (410 kcal), rice"]],
        description=f"Up to {MAX_BATCH_TEXTS} texts, {MAX_BATCH_CHARS:,} characters in all.",
    )
    schema_name: SchemaName = Field(alias="schema", examples=["meal_log"])
    schema_version: int | None = Field(default=None, ge=1, description="Default: the latest.")
    provider: ProviderName = ProviderName.LOCAL

    @field_validator("texts")
    @classmethod
    def _bounded(cls, texts: list[str]) -> list[str]:
        if sum(map(len, texts)) > MAX_BATCH_CHARS:
            raise ValueError(f"more than {MAX_BATCH_CHARS:,} characters in all")
        return texts


class ExtractionBatchRequest(ExtractBatchParams):
    webhook_url: WebhookUrl | None = None


class ExtractionBatchRead(BaseModel):
    id: UUID
    status: JobStatus
    schema_name: str = Field(serialization_alias="schema")
    schema_version: int | None
    provider: str
    texts: int = Field(description="Texts in the batch.")
    succeeded: int = Field(description="Texts with a stored, validated result.")
    failed: int = Field(description="Texts whose answer was invalid twice, or refused.")
    progress: float = Field(description="The share of texts with a stored outcome, 0 to 1.")
    usage: Usage = Field(description="Tokens of the stored outcomes.")
    error: dict[str, str] | None
    created_at: datetime
    finished_at: datetime | None


class BatchItemRead(BaseModel):
    index: int = Field(description="The text's position in the batch, from 0.")
    status: BatchItemStatus
    result: dict[str, Any] | None = Field(description="The validated JSON; null if it failed.")
    error: dict[str, str] | None = Field(description="Why no valid result: code and message.")
    model: str | None
    prompt_version: str
    usage: Usage
    latency_ms: float
    reasks: int
    retries: int


class BatchItemFilter(BaseModel):
    model_config = ConfigDict(extra="forbid")

    status: BatchItemStatus | None = None
    after: int | None = Field(default=None, ge=0, description="List the texts after this index.")
    limit: int = Field(default=100, ge=1, le=1000)


class BatchItemPage(BaseModel):
    items: list[BatchItemRead]
    next_after: int | None
