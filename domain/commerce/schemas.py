from datetime import UTC, datetime

from pydantic import BaseModel, ConfigDict, Field

from domain.schema_types import MAX_INT, RecordId, Text, Timestamp, WriteSchema


class OrderFields(WriteSchema):
    product_name: Text = Field(min_length=1, max_length=255, examples=["Blood pressure cuff"])
    quantity: int = Field(gt=0, le=MAX_INT, examples=[2])
    order_date: Timestamp = Field(default_factory=lambda: datetime.now(UTC))


class OrderWrite(OrderFields):
    user_id: RecordId


class OrderRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    user_id: int
    product_name: str
    quantity: int
    order_date: datetime
