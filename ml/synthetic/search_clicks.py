"""Synthetic search logs for `search_clicks`: one row per query and day it was shown.

Structure built in (and checked by the tests): a long tail of queries (Zipf-like popularity, a
few queries take most impressions and most are rare); a weekday rhythm (busy Monday to Thursday,
quiet weekend); each query has an average result position, and its CTR falls with that position;
a few popular queries have a poor snippet, so they get many impressions and few clicks (the low
performers the insights look for). Some query-days arrive as two rows (late data), and a few
tracked queries show no impressions at all on a day (a row of zeros). The same seed gives the
same rows, and each day is drawn from its own stream, so any day can be generated alone.
"""

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np
import pandas as pd

COLUMNS = ("search_query", "clicks", "impressions", "search_date")
# Monday .. Sunday.
WEEKDAY_VOLUME = np.array([1.08, 1.10, 1.07, 1.03, 0.95, 0.82, 0.85])
ZIPF_EXPONENT = 1.07
POOR_SNIPPET_SHARE = 0.04  # of the most popular tenth of queries
POOR_SNIPPET_CTR_FACTOR = 0.15
SPLIT_ROW_SHARE = 0.02
ZERO_ROW_SHARE = 0.004

_MODIFIERS = (
    "best", "cheap", "buy", "how to use", "reviews of", "compare", "discount", "top rated",
    "where to buy", "is", "portable", "smart", "digital", "wireless", "kids", "womens", "mens",
    "organic", "vegan", "sugar free", "gluten free", "low sodium", "high protein", "home",
    "travel", "medical grade", "refurbished", "2026", "replacement", "bluetooth",
)  # fmt: skip
_PRODUCTS = (
    "blood pressure monitor", "glucose meter", "test strips", "pulse oximeter", "thermometer",
    "fitness tracker", "smart watch", "heart rate strap", "yoga mat", "resistance bands",
    "dumbbells", "running shoes", "knee brace", "compression socks", "sleep mask",
    "white noise machine", "melatonin", "magnesium", "vitamin d", "omega 3", "protein powder",
    "electrolyte drink", "meal plan", "insulin cooler", "pill organizer", "massage gun",
    "foam roller", "posture corrector", "air purifier", "humidifier", "scale", "body fat scale",
    "step counter", "standing desk", "ergonomic chair", "blue light glasses", "water bottle",
    "nicotine patch", "allergy relief", "first aid kit", "hearing aid", "reading glasses",
    "contact lenses", "toothbrush", "water flosser", "sunscreen", "face mask", "hand sanitizer",
    "cough syrup", "ibuprofen", "heating pad", "ice pack", "ankle support", "walking cane",
    "treadmill", "exercise bike", "rowing machine", "jump rope", "kettlebell", "pilates ring",
)  # fmt: skip
_QUALIFIERS = (
    "", "near me", "for seniors", "for diabetics", "for runners", "for pregnancy", "for kids",
    "price", "sale", "vs", "uk", "online", "with app", "rechargeable", "large", "small",
    "black", "set", "kit", "amazon", "coupon", "warranty", "manual", "battery", "charger",
    "accuracy", "size chart", "how often", "side effects", "dosage", "canada",
)  # fmt: skip


@dataclass(frozen=True)
class QueryTraits:
    """What each query is like, fixed for the whole period."""

    queries: list[str]
    daily_impressions: np.ndarray  # expected impressions on an average day
    ctr: np.ndarray  # expected CTR at the query's position
    position: np.ndarray  # average result position, 1 = top


def query_vocabulary(count: int, rng: np.random.Generator) -> list[str]:
    """`count` distinct, plausible queries (a product, maybe a modifier and a qualifier)."""
    combos = len(_MODIFIERS) * len(_PRODUCTS) * len(_QUALIFIERS) + len(_PRODUCTS)
    if count > combos:
        raise ValueError(f"at most {combos:,} distinct queries can be generated")
    picked = rng.choice(combos, size=count, replace=False)
    queries = []
    for code in picked.tolist():
        if code < len(_PRODUCTS):
            queries.append(_PRODUCTS[code])
            continue
        code -= len(_PRODUCTS)
        modifier, rest = divmod(code, len(_PRODUCTS) * len(_QUALIFIERS))
        product, qualifier = divmod(rest, len(_QUALIFIERS))
        words = (_MODIFIERS[modifier], _PRODUCTS[product], _QUALIFIERS[qualifier])
        queries.append(" ".join(word for word in words if word))
    return queries


def query_traits(queries: int, *, seed: int, daily_impressions: float) -> QueryTraits:
    rng = np.random.default_rng([seed, 0])
    names = query_vocabulary(queries, rng)
    rank = np.arange(1, queries + 1)
    popularity = rank**-ZIPF_EXPONENT
    expected = daily_impressions * popularity / popularity.sum()
    position = np.clip(1 + rng.gamma(shape=1.6, scale=2.5, size=queries), 1, 40)
    ctr = 0.35 * position**-0.95 * rng.lognormal(0, 0.25, size=queries)
    poor = rng.random(queries) < POOR_SNIPPET_SHARE
    poor &= rank <= max(1, queries // 10)
    ctr = np.where(poor, ctr * POOR_SNIPPET_CTR_FACTOR, ctr)
    return QueryTraits(names, expected, np.clip(ctr, 0.0005, 0.9), position)


def day_rows(traits: QueryTraits, day: date, *, seed: int, day_index: int) -> pd.DataFrame:
    """The rows of one day: every query shown that day, with its clicks."""
    rng = np.random.default_rng([seed, 1, day_index])
    volume = WEEKDAY_VOLUME[day.weekday()] * rng.lognormal(0, 0.3, size=len(traits.queries))
    impressions = rng.poisson(traits.daily_impressions * volume)
    shown = np.flatnonzero(impressions > 0)
    impressions = impressions[shown]
    daily_ctr = np.clip(traits.ctr[shown] * rng.lognormal(0, 0.15, size=len(shown)), 0, 1)
    clicks = rng.binomial(impressions, daily_ctr)
    zero = rng.random(len(shown)) < ZERO_ROW_SHARE
    impressions, clicks = np.where(zero, 0, impressions), np.where(zero, 0, clicks)
    frame = pd.DataFrame(
        {
            "search_query": np.asarray(traits.queries, dtype=object)[shown],
            "clicks": clicks,
            "impressions": impressions,
            "search_date": day,
        }
    )
    return _split_some_rows(frame, rng)


def _split_some_rows(frame: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    """Late data: a few query-days arrive as two rows that add up to the day's counts."""
    split = frame[(rng.random(len(frame)) < SPLIT_ROW_SHARE) & (frame["impressions"] > 1)]
    if split.empty:
        return frame
    impressions, clicks = split["impressions"].to_numpy(), split["clicks"].to_numpy()
    late_impressions = rng.integers(1, impressions)
    # The late row's clicks are a random share of the day's, never more than its impressions.
    late_clicks = rng.hypergeometric(clicks, impressions - clicks, late_impressions)
    early = frame.copy()
    early.loc[split.index, "impressions"] -= late_impressions
    early.loc[split.index, "clicks"] -= late_clicks
    late = split.assign(impressions=late_impressions, clicks=late_clicks)
    return pd.concat([early, late], ignore_index=True)


def generate_days(
    *, days: int, queries: int, seed: int = 0, start: date, daily_impressions: float | None = None
) -> Iterator[pd.DataFrame]:
    """Each day's rows in turn, from `start`; memory stays at one day's worth."""
    traits = query_traits(
        queries, seed=seed, daily_impressions=daily_impressions or default_volume(queries)
    )
    for index in range(days):
        yield day_rows(traits, start + timedelta(days=index), seed=seed, day_index=index)


def default_volume(queries: int) -> float:
    """Daily impressions such that the rarest queries are shown on about four days in five."""
    return 3.0 * queries * np.log(queries + 1)


def generate_search_clicks(
    *, days: int, queries: int, seed: int = 0, start: date, daily_impressions: float | None = None
) -> pd.DataFrame:
    """Every row of the period, in one frame (for samples and tests; big runs use generate_days)."""
    frames = generate_days(
        days=days, queries=queries, seed=seed, start=start, daily_impressions=daily_impressions
    )
    return pd.concat(list(frames), ignore_index=True)
