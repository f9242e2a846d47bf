"""The health score across a population: every user's scores at once, their percentiles within
their cohort (or the whole population when the cohort is too small), the distributions a single
user is later compared with, and the summary by band and by cohort."""

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from ml.health.report import Places
from ml.health.scoring import (
    COMPONENT_NAMES,
    HIGH,
    MODERATE,
    Columns,
    component_scores,
    metric_scores,
    overall_scores,
    percentiles_among,
)

OVERALL = "overall"
SCORED = (*COMPONENT_NAMES, OVERALL)
POPULATION = "population"
EMPTY = np.array([], dtype=float)


@dataclass(frozen=True)
class ScoredColumns:
    metrics: dict[str, np.ndarray]
    components: dict[str, np.ndarray]
    overall: np.ndarray

    def scored(self) -> dict[str, np.ndarray]:
        """The columns percentiles are taken of: each component, and the overall score."""
        return {**self.components, OVERALL: self.overall}


def score_columns(inputs: Columns, *, min_components: int) -> ScoredColumns:
    metrics = metric_scores(inputs)
    components = component_scores(metrics)
    return ScoredColumns(
        metrics, components, overall_scores(components, min_components=min_components)
    )


def cohort_keys(age_bands: np.ndarray, sexes: np.ndarray) -> np.ndarray:
    return np.char.add(np.char.add(age_bands.astype(str), "/"), sexes.astype(str))


def distributions(scored: ScoredColumns, cohorts: np.ndarray) -> dict[tuple[str, str], np.ndarray]:
    """The sorted scores of every cohort, and of the whole population, for each scored column."""
    found = {}
    labels, which = np.unique(cohorts, return_inverse=True)
    for name, scores in scored.scored().items():
        present = ~np.isnan(scores)
        found[(POPULATION, name)] = np.sort(scores[present])
        # By cohort, then by score: each cohort's sorted scores are one slice.
        order = np.lexsort((scores[present], which[present]))
        ranked, ranked_cohorts = scores[present][order], which[present][order]
        bounds = np.searchsorted(ranked_cohorts, np.arange(len(labels) + 1))
        for index, label in enumerate(labels):
            if bounds[index] < bounds[index + 1]:
                found[(str(label), name)] = ranked[bounds[index] : bounds[index + 1]]
    return found


def _bands(scores: np.ndarray) -> dict[str, int]:
    present = scores[~np.isnan(scores)]
    high, moderate = int((present >= HIGH).sum()), int((present >= MODERATE).sum())
    return {"high": high, "moderate": moderate - high, "low": len(present) - moderate}


def summary(overall: np.ndarray, age_bands: np.ndarray, sexes: np.ndarray) -> dict[str, Any]:
    """How the population scored, by band and by cohort (age band x sex)."""
    _, first, which = np.unique(
        cohort_keys(age_bands, sexes), return_index=True, return_inverse=True
    )
    cohorts = []
    for age_band, sex, index in sorted(
        (age_bands[row], sexes[row], index) for index, row in enumerate(first.tolist())
    ):
        members = overall[which == index]
        present = members[~np.isnan(members)]
        cohorts.append(
            {
                "age_band": age_band,
                "sex": sex,
                "users": len(members),
                "scored": len(present),
                "mean": round(float(present.mean()), 1) if len(present) else None,
                "median": round(float(np.median(present)), 1) if len(present) else None,
                "bands": _bands(present),
            }
        )
    return {
        "users": len(overall),
        "scored": int((~np.isnan(overall)).sum()),
        "bands": _bands(overall),
        "cohorts": cohorts,
    }


def relative_columns(
    scored: ScoredColumns,
    cohorts: np.ndarray,
    stored: Mapping[tuple[str, str], np.ndarray],
    *,
    min_cohort: int,
    counted_in: bool,
) -> dict[str, Places]:
    """Per scored column, each user's place among the others of their cohort, or of the whole
    population when fewer than `min_cohort` others share the cohort. `counted_in`: the stored
    distributions include these users' own scores (a population run's parts), left out here."""
    found: dict[str, Places] = {}
    population = {name: stored.get((POPULATION, name), EMPTY) for name in SCORED}
    labels, which = np.unique(cohorts, return_inverse=True)
    memberships = [(str(label), which == index) for index, label in enumerate(labels)]
    for name, scores in scored.scored().items():
        own = (~np.isnan(scores)).astype(int) if counted_in else np.zeros(len(scores), int)
        percentiles = np.full(len(scores), np.nan)
        compared = np.zeros(len(scores), dtype=int)
        used = np.empty(len(scores), dtype=object)
        for cohort, members in memberships:
            others = stored.get((cohort, name), EMPTY)
            in_cohort = members & (len(others) - own >= min_cohort)
            for rows, chosen, label in (
                (in_cohort, others, cohort),
                (members & ~in_cohort, population[name], POPULATION),
            ):
                percentiles[rows] = percentiles_among(scores[rows], chosen, leave_out=own[rows])
                compared[rows] = np.maximum(len(chosen) - own[rows], 0)
                used[rows] = label
        found[name] = Places(percentiles, used, compared)
    return found
