"""The insight definitions of docs/search-insights.md computed again with pandas, independently
of the SQL, for the tests to compare against."""

import math
from typing import Any

import numpy as np
import pandas as pd

from pulsetrack.settings import Settings

Z = 1.96


def wilson_lower_bound(clicks: int, impressions: int, z: float = Z) -> float:
    """Written out from the textbook formula, independently of the SQL."""
    p, n = clicks / impressions, impressions
    centre = p + z * z / (2 * n)
    spread = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return (centre - spread) / (1 + z * z / n)


def pandas_insight(frame: pd.DataFrame, settings: Settings) -> dict[str, Any]:
    """The same definitions, computed from the raw rows with pandas."""
    per_query = frame.groupby("search_query")[["clicks", "impressions"]].sum()
    shown = per_query[per_query["impressions"] > 0].copy()
    shown["ctr"] = shown["clicks"] / shown["impressions"]
    eligible = shown[shown["impressions"] >= settings.search_top_min_impressions].copy()
    eligible["wilson"] = [
        wilson_lower_bound(c, n, settings.search_wilson_z)
        for c, n in zip(eligible["clicks"], eligible["impressions"], strict=True)
    ]
    eligible["name"] = eligible.index
    top = eligible.sort_values(
        ["wilson", "ctr", "impressions", "name"], ascending=[False, False, False, True]
    )
    floor = np.quantile(
        shown["impressions"], settings.search_low_impressions_quantile, method="inverted_cdf"
    )
    popular = shown[shown["impressions"] >= floor].copy()
    ceiling = np.quantile(popular["ctr"], settings.search_low_ctr_quantile)
    popular["name"] = popular.index
    low = popular[popular["ctr"] <= ceiling].sort_values(
        ["impressions", "ctr", "name"], ascending=[False, True, True]
    )
    return {
        "queries": len(shown),
        "average_ctr": frame["clicks"].sum() / frame["impressions"].sum(),
        "mean_query_ctr": shown["ctr"].mean(),
        "top": top.index[: settings.search_top_queries].tolist(),
        "low": low.index[: settings.search_low_performers].tolist(),
    }
