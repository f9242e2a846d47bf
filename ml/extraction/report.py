"""The comparison report as Markdown: what `GET /extraction-comparisons/{id}/report.md` returns and
what `data/extraction/sample_report.md` is."""

from typing import Any

Json = dict[str, Any]


def _cell(value: Any) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:.3f}" if value < 10 else f"{value:,.0f}"
    return str(value)


def _percent(value: float | None) -> str:
    return "-" if value is None else f"{value * 100:.1f} %"


def render_markdown(report: Json) -> str:
    providers = list(report["providers"])
    summaries = [report["providers"][name] for name in providers]
    head = "| | " + " | ".join(f"`{name}`" for name in providers) + " |"
    rule = "|---|" + "---|" * len(providers)

    def row(label: str, values: list[str]) -> str:
        return f"| {label} | " + " | ".join(values) + " |"

    lines = [
        f"# Extraction comparison: `{report['schema']}`",
        "",
        f"{report['texts']} gold texts, prompt `{report['prompt_version']}`.",
        "",
        "## Summary",
        "",
        head,
        rule,
        row("model", [_cell(s["model"]) for s in summaries]),
        row(
            "valid output",
            [f"{s['valid']} / {s['texts']} ({_percent(s['valid_rate'])})" for s in summaries],
        ),
        row("mean field accuracy", [_percent(s["mean_field_accuracy"]) for s in summaries]),
        row("texts entirely right", [_percent(s["exact_match_rate"]) for s in summaries]),
        row("re-asks", [_cell(s["reasks"]) for s in summaries]),
        row("retries", [_cell(s["retries"]) for s in summaries]),
        row(
            "latency p50 / p95 (ms)",
            [
                f"{_cell(s['latency_ms']['p50'])} / {_cell(s['latency_ms']['p95'])}"
                for s in summaries
            ],
        ),
        row(
            "tokens in / out",
            [f"{s['tokens']['prompt']:,} / {s['tokens']['completion']:,}" for s in summaries],
        ),
        row(
            "cost estimate (USD)",
            [_cell(s["cost_usd"]) if s["cost_usd"] is not None else "0 (local)" for s in summaries],
        ),
        row(
            "failures",
            [", ".join(f"{k} {v}" for k, v in s["errors"].items()) or "none" for s in summaries],
        ),
        "",
        "## Accuracy per field",
        "",
        "F1 of the values at each path against the gold labels (lists item by item, any order);",
        "an invalid answer scores 0.",
        "",
        "| field | " + " | ".join(f"`{name}`" for name in providers) + " | agreement |",
        "|---|" + "---|" * (len(providers) + 1),
    ]
    agreement = report["agreement"]
    for field in summaries[0]["field_accuracy"]:
        values = [_percent(s["field_accuracy"].get(field)) for s in summaries]
        values.append(_percent(agreement["field_agreement"].get(field)))
        lines.append(f"| `{field}` | " + " | ".join(values) + " |")
    first, second = agreement["between"]
    lines += [
        "",
        "## Agreement",
        "",
        f"`{first}` and `{second}` both gave valid output for {agreement['texts_both_valid']} "
        f"texts; on those, their fields agree {_percent(agreement['mean_field_agreement'])} "
        f"of the time and {_percent(agreement['identical_rate'])} of the answers are identical.",
        "",
    ]
    return "\n".join(lines)
