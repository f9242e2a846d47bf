"""Synthetic notification logs (seed 003): the committed sample, or as many as you like.

    .venv/bin/python data/delivery/generate.py                       # rewrites the sample here
    .venv/bin/python data/delivery/generate.py --notifications 1000000 --days 30 --out /tmp/logs

Writes `notifications.csv` (one row per notification), `attempts.csv` (every attempt the legacy
blind-retry policy made, with its outcome) and `events.csv` (one row per attempt: seed 003's fields
describing the state before it, and `delivered`, its outcome: the training set). The world they
come from, and the structure in it, is `ml/synthetic/notifications.py`. The same arguments always
write the same files; `tests/data/test_delivery_sample.py` checks the committed sample.
"""

import argparse
from datetime import datetime
from pathlib import Path

from ml.delivery.features import events_from_logs
from ml.synthetic.notifications import generate_notifications

HERE = Path(__file__).resolve().parent
SAMPLE = {"notifications": 1000, "days": 14, "seed": 3, "start": "2026-11-02"}


def write_logs(out: Path, *, notifications: int, days: int, seed: int, start: str) -> None:
    """Generate the logs and write the three CSV files into `out`."""
    rows, attempts = generate_notifications(
        count=notifications, start=datetime.fromisoformat(start), days=days, seed=seed
    )
    out.mkdir(parents=True, exist_ok=True)
    stamp = {"date_format": "%Y-%m-%dT%H:%M:%SZ", "index": False}
    rows.to_csv(out / "notifications.csv", **stamp)
    attempts.to_csv(out / "attempts.csv", **stamp)
    events_from_logs(rows, attempts).to_csv(out / "events.csv", **stamp)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notifications", type=int, default=SAMPLE["notifications"])
    parser.add_argument("--days", type=int, default=SAMPLE["days"])
    parser.add_argument("--seed", type=int, default=SAMPLE["seed"])
    parser.add_argument("--start", default=SAMPLE["start"], help="first day, YYYY-MM-DD (UTC)")
    parser.add_argument("--out", type=Path, default=HERE / "sample")
    args = parser.parse_args()
    write_logs(
        args.out, notifications=args.notifications, days=args.days, seed=args.seed, start=args.start
    )
    print(f"wrote {args.notifications:,} notifications' logs to {args.out}")


if __name__ == "__main__":
    main()
