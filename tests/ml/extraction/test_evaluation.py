"""Scoring extractions against gold labels and each other; the report and its Markdown."""

from domain.llm.targets import MealLog, strict_json_schema
from ml.extraction.evaluation import (
    Outcome,
    comparison_report,
    field_scores,
    percentile,
    schema_fields,
)
from ml.extraction.report import render_markdown

FIELDS = schema_fields(strict_json_schema(MealLog))
GOLD = {
    "meal_type": "lunch",
    "meal_time": "12:30",
    "items": [
        {"food": "Apple", "quantity": 1, "unit": None, "calories": 95},
        {"food": "rice", "quantity": 1, "unit": "cup", "calories": None},
    ],
    "total_calories": None,
}


def test_the_fields_are_the_leaf_paths_of_the_schema() -> None:
    assert FIELDS == [
        "meal_type",
        "meal_time",
        "items[].food",
        "items[].quantity",
        "items[].unit",
        "items[].calories",
        "total_calories",
    ]


def test_lists_are_scored_item_by_item_in_any_order_and_scalars_all_or_nothing() -> None:
    answer = GOLD | {
        "meal_time": "12:00",
        "items": [
            {"food": "rice ", "quantity": 1.0, "unit": "cup", "calories": None},
            {"food": "apple", "quantity": 1, "unit": None, "calories": 95.04},
        ],
    }

    scores = field_scores(answer, GOLD, FIELDS)

    assert scores["meal_time"] == 0.0
    assert scores["items[].food"] == 1.0  # case, spaces and order do not matter
    assert scores["items[].calories"] == 1.0  # numbers to one decimal
    assert scores["meal_type"] == scores["total_calories"] == 1.0


def test_a_missing_item_costs_recall_and_an_invented_one_precision() -> None:
    one = GOLD | {"items": GOLD["items"][:1]}
    three = GOLD | {
        "items": [*GOLD["items"], {"food": "tea", "quantity": None, "unit": None, "calories": None}]
    }

    assert round(field_scores(one, GOLD, FIELDS)["items[].food"], 3) == 0.667
    assert round(field_scores(three, GOLD, FIELDS)["items[].food"], 3) == 0.8
    assert field_scores(None, GOLD, FIELDS) == dict.fromkeys(FIELDS, 0.0)


def outcome(id: str, provider: str, result: dict | None, latency: float) -> Outcome:
    return Outcome(
        id=id,
        provider=provider,
        model="m",
        result=result,
        error=None if result else "invalid_output",
        latency_ms=latency,
        prompt_tokens=1000,
        completion_tokens=100,
        retries=1,
        reasks=0 if result else 1,
    )


def test_the_report_has_validity_accuracy_agreement_latency_tokens_and_cost() -> None:
    gold = {"a": GOLD, "b": GOLD}
    wrong = GOLD | {"meal_type": "dinner"}
    outcomes = [
        outcome("a", "openai", GOLD, 100),
        outcome("b", "openai", GOLD, 300),
        outcome("a", "local", wrong, 1000),
        outcome("b", "local", None, 2000),
    ]

    report = comparison_report(
        target="meal_log",
        prompt_version="v",
        providers=["openai", "local"],
        outcomes=outcomes,
        gold=gold,
        fields=FIELDS,
        prices={"openai": (1.0, 10.0)},
    )

    openai, local = report["providers"]["openai"], report["providers"]["local"]
    assert (openai["valid_rate"], local["valid_rate"]) == (1.0, 0.5)
    assert local["field_accuracy"]["meal_type"] == 0.0
    assert local["field_accuracy"]["meal_time"] == 0.5
    assert openai["latency_ms"] == {"p50": 100, "p95": 300}
    assert openai["cost_usd"] == (2000 * 1.0 + 200 * 10.0) / 1e6
    assert local["cost_usd"] is None
    assert (openai["retries"], local["reasks"], local["errors"]) == (2, 1, {"invalid_output": 1})
    assert report["agreement"]["texts_both_valid"] == 1
    assert report["agreement"]["field_agreement"]["meal_type"] == 0.0
    markdown = render_markdown(report)
    assert "| valid output | 2 / 2 (100.0 %) | 1 / 2 (50.0 %) |" in markdown
    assert "| `meal_type` | 100.0 % | 0.0 % | 0.0 % |" in markdown


def test_percentiles_are_nearest_rank() -> None:
    assert percentile(list(range(1, 101)), 95) == 95
    assert percentile([5.0], 50) == 5.0
    assert percentile([], 50) is None
