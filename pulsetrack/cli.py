"""`pulsetrack`: every operational command (run, serve, worker, beat, flower, migrate, api-keys,
seed, seed-search)."""

import asyncio
import os
import shutil
import sys
from collections.abc import Coroutine
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
from tortoise import Tortoise

from domain.errors import DomainError
from pulsetrack.database import apply_migrations, tortoise_config
from pulsetrack.settings import get_settings

app = typer.Typer(help="PulseTrack operations.", no_args_is_help=True)
api_keys = typer.Typer(help="Manage API keys.", no_args_is_help=True)
app.add_typer(api_keys, name="api-keys")

CELERY = [sys.executable, "-m", "celery", "-A", "workers.app"]
T = TypeVar("T")


def _exec(argv: list[str]) -> None:
    """Replace this process with `argv`, so signals reach the server directly."""
    sys.stdout.flush()
    os.execv(argv[0], argv)


@app.command()
def migrate() -> None:
    """Apply every committed migration that the database has not had yet."""
    applied = asyncio.run(apply_migrations(get_settings()))
    typer.echo(f"applied {len(applied)} migration(s): {', '.join(applied) or 'none needed'}")


async def _with_orm(work: Coroutine[Any, Any, T]) -> T:
    await Tortoise.init(config=tortoise_config(get_settings()))
    try:
        return await work
    finally:
        await Tortoise.close_connections()


@api_keys.command("create")
def create_key(
    name: Annotated[str, typer.Option(help="Who or what the key is for.")],
    scopes: Annotated[
        str, typer.Option(help="Comma-separated: read (GET), write (data and jobs), admin.")
    ] = "read,write,admin",
) -> None:
    """Create an API key and print it (it is shown only this once)."""
    from domain.auth.models import Scope
    from domain.auth.service import create_api_key

    try:
        chosen = [Scope(scope.strip()) for scope in scopes.split(",") if scope.strip()]
    except ValueError:
        typer.echo(f"error: scopes are {', '.join(Scope)}; got {scopes!r}", err=True)
        raise typer.Exit(2) from None
    typer.echo(asyncio.run(_with_orm(create_api_key(name=name, scopes=chosen))).secret)


@api_keys.command("list")
def list_keys() -> None:
    """Every key: name, prefix, scopes, created, last used, revoked. Never the key itself."""
    from domain.auth.service import list_api_keys

    def when(moment: datetime | None) -> str:
        return moment.strftime("%Y-%m-%d %H:%M:%S") if moment else "-"

    rows = [("NAME", "PREFIX", "SCOPES", "CREATED", "LAST USED", "REVOKED")]
    for key in asyncio.run(_with_orm(list_api_keys())):
        rows.append(
            (
                key.name,
                key.prefix,
                ",".join(key.scopes),
                when(key.created_at),
                when(key.last_used_at),
                when(key.revoked_at),
            )
        )
    widths = [max(len(row[column]) for row in rows) for column in range(len(rows[0]))]
    for row in rows:
        typer.echo("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)))


@api_keys.command("revoke")
def revoke_key(prefix: Annotated[str, typer.Argument(help="The key's prefix, as listed.")]) -> None:
    """Revoke a key; every API process refuses it within a few seconds (its key cache time)."""
    from domain.auth.service import KNOWN_KEY_TTL_S, revoke_api_key

    try:
        key = asyncio.run(_with_orm(revoke_api_key(prefix=prefix)))
    except DomainError as error:
        typer.echo(f"error: {error.message}", err=True)
        raise typer.Exit(1) from None
    typer.echo(
        f"revoked {key.name!r} ({key.prefix}); refused everywhere within {KNOWN_KEY_TTL_S:g} s"
    )


@app.command("seed")
def seed_data(
    users: Annotated[int, typer.Option(min=1, help="How many users to make.")] = 100,
    days: Annotated[int, typer.Option(min=1, max=3650, help="Days of data per user.")] = 30,
    seed: Annotated[int, typer.Option(min=0, help="The same seed gives the same data.")] = 0,
    start: Annotated[
        datetime | None,
        typer.Option(formats=["%Y-%m-%d"], help="First day (default 2025-01-06, a Monday)."),
    ] = None,
    csv: Annotated[
        Path | None, typer.Option(help="Also write one CSV file per table to this directory.")
    ] = None,
    db: Annotated[bool, typer.Option(help="Write to the database (after migrating it).")] = True,
) -> None:
    """Generate realistic synthetic health data and write it to the database and/or CSV files."""
    from ml.synthetic.export import write_csv
    from ml.synthetic.health_data import generate_health_data
    from pulsetrack.seeding import seed_database

    first_day = start.date() if start else None
    dataset = generate_health_data(users=users, days=days, seed=seed, start=first_day)
    typer.echo(f"generated {dataset.total_rows:,} rows for {users:,} users over {days} days")
    if csv is not None:
        write_csv(dataset, csv, seed=seed)
        typer.echo(f"wrote CSV files to {csv}")
    if db:
        try:
            result = seed_database(get_settings(), dataset)
        except DomainError as error:
            typer.echo(f"error: {error.message}", err=True)
            raise typer.Exit(1) from None
        typer.echo(
            f"wrote {result.total_rows:,} rows in {result.seconds:.2f} s "
            f"({result.rows_per_s:,.0f} rows/s)"
        )


@app.command("seed-delivery")
def seed_delivery(
    notifications: Annotated[int, typer.Option(min=1, max=10_000_000)] = 20_000,
    days: Annotated[int, typer.Option(min=1, max=365, help="Days of logs, ending now.")] = 14,
    seed: Annotated[int, typer.Option(min=0, help="The same seed gives the same rows.")] = 0,
    attempts: Annotated[bool, typer.Option(help="With the legacy policy's attempts.")] = True,
) -> None:
    """Generate notification delivery logs (data/delivery/) and COPY them into the database."""
    import pandas as pd

    from pulsetrack.delivery_seeding import copy_delivery_logs
    from pulsetrack.seeding import database_settings

    start = pd.Timestamp.now("UTC").tz_localize(None).floor("h") - pd.Timedelta(days=days)
    with database_settings(get_settings()) as configured:
        asyncio.run(apply_migrations(configured))
        written = asyncio.run(
            copy_delivery_logs(
                configured.database_url,
                count=notifications,
                days=days,
                seed=seed,
                start=start,
                with_attempts=attempts,
            )
        )
    typer.echo(f"wrote {written[0]:,} notifications and {written[1]:,} attempts")


@app.command("seed-search")
def seed_search(
    days: Annotated[int, typer.Option(min=1, max=3650, help="Days of search logs.")] = 30,
    queries: Annotated[int, typer.Option(min=1, max=50_000, help="Distinct queries.")] = 2000,
    seed: Annotated[int, typer.Option(min=0, help="The same seed gives the same rows.")] = 0,
    start: Annotated[
        datetime | None,
        typer.Option(formats=["%Y-%m-%d"], help="First day (default: the days ending yesterday)."),
    ] = None,
    csv: Annotated[Path | None, typer.Option(help="Also write the rows to this CSV file.")] = None,
    db: Annotated[bool, typer.Option(help="Write to the database (after migrating it).")] = True,
) -> None:
    """Generate realistic mock search logs (`search_clicks`) and COPY them into the database."""
    import pandas as pd

    from ml.synthetic.search_clicks import generate_days
    from pulsetrack.seeding import seed_search_clicks

    first_day = start.date() if start else date.today() - timedelta(days=days)
    generated = generate_days(days=days, queries=queries, seed=seed, start=first_day)
    if csv is not None:
        frames = list(generated)
        pd.concat(frames).to_csv(csv, index=False)
        typer.echo(f"wrote {sum(map(len, frames)):,} rows to {csv}")
        generated = iter(frames)
    if db:
        result = seed_search_clicks(
            get_settings(), generated, total_days=days, expected_rows=days * queries
        )
        typer.echo(
            f"wrote {result.total_rows:,} search_clicks rows for {first_day} to "
            f"{first_day + timedelta(days=days - 1)} in {result.seconds:.2f} s "
            f"({result.rows_per_s:,.0f} rows/s)"
        )


@app.command()
def serve(
    workers: Annotated[int, typer.Option(min=1, help="uvicorn worker processes.")] = 1,
) -> None:
    """Run the API with uvicorn; HTTPS only when a certificate and key are configured."""
    settings = get_settings()
    # Every uvicorn worker writes its request metrics here, so any one of them reports all.
    metrics_dir = settings.var_dir / "prometheus" / f"api-{settings.api_port}"
    shutil.rmtree(metrics_dir, ignore_errors=True)
    metrics_dir.mkdir(parents=True)
    os.environ["PROMETHEUS_MULTIPROC_DIR"] = str(metrics_dir)
    argv = [sys.executable, "-m", "uvicorn", "api.main:app", "--host", settings.api_host]
    argv += ["--port", str(settings.api_port), "--workers", str(workers), "--no-access-log"]
    if settings.tls_cert_file and settings.tls_key_file:
        argv += ["--ssl-certfile", str(settings.tls_cert_file)]
        argv += ["--ssl-keyfile", str(settings.tls_key_file)]
    _exec(argv)


@app.command()
def worker(
    queues: Annotated[str, typer.Option(help="Comma-separated queues; all by default.")] = "",
    concurrency: Annotated[int, typer.Option(min=1)] = 2,
    prefetch: Annotated[int, typer.Option(min=1, help="Keep 1 for queues of long tasks.")] = 1,
    hostname: Annotated[str, typer.Option(help="Celery node name.")] = "",
) -> None:
    """Run a Celery worker on the given queues."""
    settings = get_settings()
    argv = [*CELERY, "worker", "-E", "-Q", queues or ",".join(settings.all_queues)]
    argv += ["--concurrency", str(concurrency), "--prefetch-multiplier", str(prefetch)]
    # Mingle and gossip only sync revokes between workers, which PulseTrack does not use (the job
    # row says what is cancelled); without them a worker is ready a second sooner.
    argv += ["--loglevel", settings.log_level, "--without-mingle", "--without-gossip"]
    if hostname:
        argv += ["--hostname", hostname]
    _exec(argv)


@app.command()
def beat() -> None:
    """Run Celery beat with the schedule in `workers/schedule.py`."""
    settings = get_settings()
    settings.var_dir.mkdir(parents=True, exist_ok=True)
    schedule_file = settings.var_dir / "celerybeat-schedule"
    _exec([*CELERY, "beat", "--schedule", str(schedule_file), "--loglevel", settings.log_level])


@app.command()
def flower() -> None:
    """Run the Flower task monitor behind basic auth, on `PULSETRACK_FLOWER_ADDRESS` only."""
    settings = get_settings()
    auth = settings.flower_basic_auth.get_secret_value()
    if not auth:
        typer.echo("error: set PULSETRACK_FLOWER_BASIC_AUTH (user:password)", err=True)
        raise typer.Exit(2)
    # Through the environment, which only this user can read; a command line is public (`ps`).
    os.environ["FLOWER_BASIC_AUTH"] = auth
    address = f"--address={settings.flower_address}"
    _exec([*CELERY, "flower", address, f"--port={settings.flower_port}"])


@app.command()
def run(
    workers: Annotated[int, typer.Option(min=1, help="Celery worker processes.")] = 2,
) -> None:
    """Start everything (embedded servers if none are configured, API, worker, beat, Flower)."""
    from pulsetrack.supervisor import run_system

    raise typer.Exit(run_system(get_settings(), worker_concurrency=workers))


if __name__ == "__main__":
    app()
