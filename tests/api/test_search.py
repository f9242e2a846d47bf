"""Search clicks and insights over HTTP, in process (no worker: insight jobs stay queued)."""

from datetime import date, timedelta

import httpx
import pytest

from tests.api.test_jobs import assert_problem, error_fields

YESTERDAY = (date.today() - timedelta(days=1)).isoformat()
CSV_HEADER = "search_query,clicks,impressions,search_date\n"


def click(**fields: object) -> dict[str, object]:
    return {"search_query": "knee brace", "clicks": 3, "impressions": 40, **fields}


async def test_a_click_row_is_stored_with_its_ctr_derived_from_the_counts(
    client: httpx.AsyncClient, auth: dict[str, str]
) -> None:
    created = await client.post(
        "/search-clicks",
        json=click(search_date=YESTERDAY, click_through_rate=0.99),
        headers=auth,
    )

    assert created.status_code == 201, created.text
    stored = created.json()
    assert stored["click_through_rate"] == 3 / 40  # the 0.99 sent was ignored
    assert created.headers["location"] == f"/search-clicks/{stored['id']}"
    fetched = (await client.get(f"/search-clicks/{stored['id']}", headers=auth)).json()
    assert fetched == stored


async def test_a_row_without_impressions_has_no_ctr_and_a_replace_rederives_it(
    client: httpx.AsyncClient, auth: dict[str, str]
) -> None:
    created = (
        await client.post("/search-clicks", json=click(clicks=0, impressions=0), headers=auth)
    ).json()
    assert created["click_through_rate"] is None

    replaced = await client.put(
        f"/search-clicks/{created['id']}", json=click(clicks=5, impressions=10), headers=auth
    )

    assert replaced.json()["click_through_rate"] == 0.5


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"clicks": 41, "impressions": 40}, "body"),
        ({"clicks": -1}, "clicks"),
        ({"impressions": -5, "clicks": 0}, "impressions"),
        ({"search_query": ""}, "search_query"),
        ({"search_date": "2999-01-01"}, "search_date"),
        ({"position": 3}, "position"),
    ],
)
async def test_impossible_counts_and_unknown_fields_are_refused(
    client: httpx.AsyncClient, auth: dict[str, str], fields: dict[str, object], field: str
) -> None:
    response = await client.post("/search-clicks", json=click(**fields), headers=auth)

    assert field in error_fields(assert_problem(response, 422, "invalid_input"))


async def test_clicks_above_impressions_are_refused_and_say_why(
    client: httpx.AsyncClient, auth: dict[str, str]
) -> None:
    response = await client.post("/search-clicks", json=click(clicks=41), headers=auth)

    assert "clicks (41) cannot exceed impressions (40)" in response.json()["detail"]


async def test_a_batch_is_stored_whole_or_refused_whole_naming_each_bad_row(
    client: httpx.AsyncClient, auth: dict[str, str]
) -> None:
    good = [click(search_query=f"q{n}") for n in range(2000)]
    bad = [*good[:3], click(clicks=-1), *good[3:10], click(search_query="")]

    refused = await client.post("/search-clicks/bulk", json={"items": bad}, headers=auth)
    stored = await client.post("/search-clicks/bulk", json={"items": good}, headers=auth)
    listed = await client.get("/search-clicks?limit=1", headers=auth)

    assert error_fields(assert_problem(refused, 422, "invalid_input")) == [
        "items.3.clicks",
        "items.11.search_query",
    ]
    assert (stored.status_code, stored.json()) == (201, {"created": 2000})
    assert listed.json()["next_cursor"] is not None


async def test_a_csv_body_is_stored_and_a_seed_format_file_is_accepted(
    client: httpx.AsyncClient, auth: dict[str, str]
) -> None:
    seed_format = (
        "search_id,search_query,clicks,impressions,click_through_rate,search_date\n"
        f"1,running shoes,10,200,0.5,{YESTERDAY}\n"
        "2,sleep tracker,0,0,,\n"
    )
    headers = auth | {"Content-Type": "text/csv"}

    stored = await client.post("/search-clicks/csv", content=seed_format, headers=headers)
    rows = (await client.get("/search-clicks?sort=search_query", headers=auth)).json()["items"]

    assert (stored.status_code, stored.json()) == (201, {"created": 2})
    by_query = {row["search_query"]: row for row in rows}
    assert by_query["running shoes"]["click_through_rate"] == 10 / 200  # not the 0.5 sent
    assert by_query["sleep tracker"]["search_date"] == date.today().isoformat()


async def test_a_multipart_csv_upload_is_stored(
    client: httpx.AsyncClient, auth: dict[str, str]
) -> None:
    files = {"file": ("clicks.csv", CSV_HEADER + f"yoga mat,4,50,{YESTERDAY}\n", "text/csv")}

    stored = await client.post("/search-clicks/csv", files=files, headers=auth)

    assert (stored.status_code, stored.json()) == (201, {"created": 1})


async def test_bad_csv_lines_are_named_and_nothing_is_stored(
    client: httpx.AsyncClient, auth: dict[str, str]
) -> None:
    text = CSV_HEADER + "fine,1,2,\nbroken,5,2,\nworse,x,2,\nextra,1,2,,9\nshort,1\n"

    refused = await client.post(
        "/search-clicks/csv", content=text, headers=auth | {"Content-Type": "text/csv"}
    )
    listed = (await client.get("/search-clicks", headers=auth)).json()

    problem = assert_problem(refused, 422, "invalid_input")
    assert error_fields(problem) == ["line 3", "line 4.clicks", "line 5", "line 6"]
    assert listed["items"] == []


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("query,clicks\nx,1\n", "missing column 'impressions'"),
        ("search_query,clicks,impressions,rank\nx,1,2,3\n", "unknown column 'rank'"),
        (CSV_HEADER, "no rows"),
    ],
)
async def test_a_csv_with_a_wrong_header_or_no_rows_is_refused(
    client: httpx.AsyncClient, auth: dict[str, str], text: str, message: str
) -> None:
    refused = await client.post(
        "/search-clicks/csv", content=text, headers=auth | {"Content-Type": "text/csv"}
    )

    problem = assert_problem(refused, 422, "invalid_input")
    assert message in [error["message"] for error in problem["errors"]]


async def test_a_stray_carriage_return_or_broken_quoting_is_a_422_not_a_500(
    client: httpx.AsyncClient, auth: dict[str, str]
) -> None:
    text = 'search_query,clicks,impressions\r\n"unterminated\rquote,1,2\n'

    refused = await client.post(
        "/search-clicks/csv", content=text, headers=auth | {"Content-Type": "text/csv"}
    )
    mixed_line_ends = await client.post(
        "/search-clicks/csv",
        content="search_query,clicks,impressions\r\nknee,1,2\rbrace,1,3\n",
        headers=auth | {"Content-Type": "text/csv"},
    )

    assert refused.status_code == 422, refused.text
    assert (mixed_line_ends.status_code, mixed_line_ends.json()) == (201, {"created": 2})


async def test_a_day_without_insights_is_a_404_that_says_how_to_get_them(
    client: httpx.AsyncClient, auth: dict[str, str]
) -> None:
    response = await client.get(f"/search-insights/{YESTERDAY}", headers=auth)

    problem = assert_problem(response, 404, "insight_not_found")
    assert f"POST /search-insights/{YESTERDAY}/run" in problem["detail"]


async def test_running_a_day_and_a_backfill_submit_jobs(
    client: httpx.AsyncClient, auth: dict[str, str]
) -> None:
    run = await client.post(f"/search-insights/{YESTERDAY}/run", headers=auth)
    backfill = await client.post(
        "/search-insights/backfill",
        json={"first_day": "2026-01-01", "last_day": "2026-01-31"},
        headers=auth,
    )

    assert run.status_code == 202, run.text
    assert (run.json()["kind"], run.json()["params"]) == (
        "search.compute_insights",
        {"day": YESTERDAY},
    )
    assert run.headers["location"] == f"/jobs/{run.json()['id']}"
    assert backfill.status_code == 202, backfill.text
    assert backfill.json()["params"] == {"first_day": "2026-01-01", "last_day": "2026-01-31"}


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"first_day": "2026-02-01", "last_day": "2026-01-01"}, "body"),
        ({"first_day": "2026-01-01", "last_day": "2999-01-01"}, "last_day"),
        ({"first_day": "2026-01-01"}, "last_day"),
        ({"first_day": "2026-01-01", "last_day": "2026-01-02", "days": 2}, "days"),
    ],
)
async def test_an_impossible_backfill_is_refused_naming_the_field(
    client: httpx.AsyncClient, auth: dict[str, str], body: dict[str, str], field: str
) -> None:
    response = await client.post("/search-insights/backfill", json=body, headers=auth)

    assert field in error_fields(assert_problem(response, 422, "invalid_input"))


@pytest.mark.parametrize(
    "query",
    ["from=2026-02-01&to=2026-01-01", "from=2024-01-01&to=2026-01-01", "to=2026-01-01", "day=1"],
)
async def test_an_impossible_period_is_refused(
    client: httpx.AsyncClient, auth: dict[str, str], query: str
) -> None:
    listed = await client.get(f"/search-insights?{query}", headers=auth)
    ranked = await client.get(f"/search-insights/top-queries?{query}", headers=auth)

    assert_problem(listed, 422, "invalid_input")
    assert_problem(ranked, 422, "invalid_input")


async def test_top_queries_over_a_period_rank_by_the_wilson_bound_above_a_floor(
    client: httpx.AsyncClient, auth: dict[str, str]
) -> None:
    days = [(date(2026, 3, 1) + timedelta(days=n)).isoformat() for n in range(3)]
    rows = [
        *(click(search_query="steady", clicks=30, impressions=100, search_date=d) for d in days),
        click(search_query="lucky", clicks=1, impressions=1, search_date=days[0]),
        click(search_query="big", clicks=400, impressions=1000, search_date=days[1]),
    ]
    await client.post("/search-clicks/bulk", json={"items": rows}, headers=auth)

    ranked = await client.get(
        "/search-insights/top-queries?from=2026-03-01&to=2026-03-03&min_impressions=50",
        headers=auth,
    )

    body = ranked.json()
    assert body["min_impressions"] == 50
    assert [(item["query"], item["clicks"], item["impressions"]) for item in body["items"]] == [
        ("big", 400, 1000),
        ("steady", 90, 300),
    ]
