from datetime import date, datetime

from pydantic import BaseModel, ConfigDict, EmailStr, Field

from domain.schema_types import PastDate, Text, WriteSchema
from domain.users.models import Sex


class UserWrite(WriteSchema):
    name: Text = Field(min_length=1, max_length=255, examples=["Ada Lovelace"])
    email: EmailStr = Field(max_length=255, examples=["ada@example.com"])
    birth_date: PastDate | None = Field(default=None, examples=["1985-12-10"])
    sex: Sex = Sex.UNKNOWN
    height_cm: float | None = Field(default=None, ge=30, le=272, examples=[168.0])
    medical_conditions: list[Text] = Field(
        default_factory=list, max_length=50, examples=[["asthma"]]
    )


class UserRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    name: str
    email: str
    birth_date: date | None
    sex: Sex
    height_cm: float | None
    medical_conditions: list[str]
    created_at: datetime
    updated_at: datetime
