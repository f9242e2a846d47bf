"""The first models a fresh installation serves, made by one committed command:

    .venv/bin/python -m ml.delivery.bootstrap

It generates logs from the synthetic world (fixed seed), trains the logistic baseline and LightGBM
on a time-based split and writes both, with their holdout metrics and data range, to
`artifacts/bootstrap.json` (about 150 kB of JSON text). The first process that needs a model and
finds the registry empty registers them (LightGBM active), so `POST /predict` works at once.
"""

import json
from datetime import datetime
from pathlib import Path
from typing import Any

from ml.delivery.drift import training_profile
from ml.delivery.features import events_from_logs
from ml.delivery.train import TrainingConfig, TrainingRun, train_candidates
from ml.synthetic.notifications import generate_notifications

ARTIFACT_PATH = Path(__file__).resolve().parent / "artifacts" / "bootstrap.json"
NOTIFICATIONS, DAYS, SEED, START = 40_000, 28, 3, datetime(2026, 10, 1)
CONFIG = TrainingConfig(trees=80, leaves=15)


def registry_entries(run: TrainingRun) -> list[dict[str, Any]]:
    """What the registry stores for each candidate of a training run, baseline first."""
    summary = run.summary()
    training = {
        "rows": summary["rows"],
        "data_range": summary["data_range"],
        "profile": training_profile(run.train_matrix),
    }
    return [
        {
            "kind": kind,
            "artifact": candidate.model.artifact(),
            "metrics": candidate.metrics,
            "training": training,
        }
        for kind, candidate in run.candidates.items()
    ]


def build() -> list[dict[str, Any]]:
    notifications, attempts = generate_notifications(
        count=NOTIFICATIONS, start=START, days=DAYS, seed=SEED
    )
    return registry_entries(train_candidates(events_from_logs(notifications, attempts), CONFIG))


def load_bootstrap() -> list[dict[str, Any]]:
    entries: list[dict[str, Any]] = json.loads(ARTIFACT_PATH.read_text())
    return entries


def main() -> None:
    entries = build()
    ARTIFACT_PATH.parent.mkdir(parents=True, exist_ok=True)
    ARTIFACT_PATH.write_text(json.dumps(entries, separators=(",", ":")))
    for entry in entries:
        print(entry["kind"], {k: entry["metrics"][k] for k in ("roc_auc", "pr_auc", "brier")})
    print(f"wrote {ARTIFACT_PATH} ({ARTIFACT_PATH.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main()
