"""Search clicks in bulk, and the daily search insights computed from them."""

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Body, Query, Request, Response, status
from starlette.convertors import Convertor, register_url_convertor

from api.deps import AdminApiKey, CurrentApiKey, IdempotencyKey, SettingsDep
from api.jobs import accepted_job
from domain.csv_upload import missing_file
from domain.jobs.schemas import JobRead
from domain.search import loading, service
from domain.search.schemas import (
    BackfillRequest,
    InsightJobOptions,
    Period,
    SearchClickBatch,
    SearchInsightPage,
    SearchInsightRead,
    StoredCount,
    TopQueries,
    TopQueriesQuery,
)


class _Day(Convertor[str]):
    """A path segment shaped like a day: `/search-insights/backfill` is then not a day whose
    GET would answer 422, and a 405 there allows POST only. The date itself is validated as a
    parameter (`2026-02-30` is a 422 naming `day`)."""

    regex = r"\d{4}-\d{2}-\d{2}"

    def convert(self, value: str) -> str:
        return value

    def to_string(self, value: str) -> str:
        return value


register_url_convertor("day", _Day())
router = APIRouter(tags=["search"])

CSV_UPLOAD = {
    "requestBody": {
        "required": True,
        "content": {
            "text/csv": {"schema": {"type": "string"}},
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "properties": {"file": {"type": "string", "format": "binary"}},
                    "required": ["file"],
                }
            },
        },
    }
}


@router.post("/search-clicks/bulk", status_code=status.HTTP_201_CREATED, response_model=StoredCount)
async def store_click_batch(batch: SearchClickBatch, _: CurrentApiKey) -> StoredCount:
    """Store up to 10,000 rows at once: all of them, or none and a 422 naming each bad one."""
    return StoredCount(created=await loading.store_clicks(batch.items))


@router.post(
    "/search-clicks/csv",
    status_code=status.HTTP_201_CREATED,
    response_model=StoredCount,
    openapi_extra=CSV_UPLOAD,
)
async def upload_clicks_csv(request: Request, _: CurrentApiKey) -> StoredCount:
    """Store a CSV file (`search_query,clicks,impressions,search_date`), as the body or a
    multipart `file`: every row, or none and a 422 naming each bad line."""
    rows = loading.parse_csv(await uploaded_bytes(request))
    return StoredCount(created=await loading.store_clicks(rows))


async def uploaded_bytes(request: Request) -> bytes:
    if request.headers.get("content-type", "").startswith("multipart/form-data"):
        form = await request.form(max_files=1)
        upload = form.get("file")
        if upload is None or isinstance(upload, str):
            raise missing_file()
        return await upload.read()
    return await request.body()


@router.get("/search-insights", response_model=SearchInsightPage)
async def list_search_insights(
    period: Annotated[Period, Query()], _: CurrentApiKey
) -> SearchInsightPage:
    """The stored insights of each day from `from` to `to` (both included), oldest first."""
    items = await service.list_insights(period=period)
    return SearchInsightPage(items=[SearchInsightRead.model_validate(item) for item in items])


@router.get("/search-insights/top-queries", response_model=TopQueries)
async def top_search_queries(
    query: Annotated[TopQueriesQuery, Query()], settings: SettingsDep, _: CurrentApiKey
) -> TopQueries:
    """The top queries by CTR over any period (Wilson lower bound, minimum impressions)."""
    return await service.period_top_queries(query=query, settings=settings)


@router.post("/search-insights/backfill", status_code=status.HTTP_202_ACCEPTED)
async def backfill_search_insights(
    backfill: BackfillRequest,
    response: Response,
    api_key: AdminApiKey,
    settings: SettingsDep,
    idempotency_key: IdempotencyKey = None,
) -> JobRead:
    """Compute every day of a range as one job, one part per day; poll the `Location`."""
    submitted = await service.request_backfill(
        request=backfill,
        api_key_id=api_key.id,
        idempotency_key=idempotency_key,
        settings=settings,
    )
    return accepted_job(submitted, response)


@router.get("/search-insights/{day:day}", response_model=SearchInsightRead)
async def get_search_insight(day: date, _: CurrentApiKey) -> SearchInsightRead:
    """One day's insights; 404 until they have been computed."""
    return SearchInsightRead.model_validate(await service.get_insight(day=day))


@router.post("/search-insights/{day:day}/run", status_code=status.HTTP_202_ACCEPTED)
async def run_search_insight(
    day: date,
    response: Response,
    api_key: CurrentApiKey,
    settings: SettingsDep,
    options: Annotated[InsightJobOptions | None, Body()] = None,
    idempotency_key: IdempotencyKey = None,
) -> JobRead:
    """Compute (or recompute) one day's insights now, as a job; poll the `Location`."""
    submitted = await service.request_day(
        day=day,
        options=options or InsightJobOptions(),
        api_key_id=api_key.id,
        idempotency_key=idempotency_key,
        settings=settings,
    )
    return accepted_job(submitted, response)
