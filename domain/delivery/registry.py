"""The model registry: versioned artifacts in `delivery_models`, one of them active.

Every process (API or worker) keeps the active model in memory and checks which version is active
at most every `delivery_model_refresh_s`, so `POST /predict` costs no query. A registry found empty
is filled with the committed bootstrap models (`ml/delivery/bootstrap.py`), LightGBM active, by
whichever process gets there first (an advisory lock makes it one).
"""

import time
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from domain.delivery import repository
from domain.delivery.models import DeliveryModelVersion
from domain.errors import Conflict, NotFound
from domain.messaging import transaction
from ml.delivery.bootstrap import load_bootstrap
from ml.delivery.features import FEATURES
from ml.delivery.models import LIGHTGBM, DeliveryModel, IncompatibleArtifact, load_model
from pulsetrack.settings import Settings


class ModelNotFound(NotFound):
    code = "model_not_found"


class ModelNotServable(Conflict):
    code = "model_not_servable"


@dataclass(frozen=True)
class ActiveModel:
    version: int
    kind: str
    model: DeliveryModel
    metrics: dict[str, Any]
    training: dict[str, Any]


@dataclass
class _Cache:
    active: ActiveModel | None = None
    checked_at: float = float("-inf")


_cache = _Cache()


def forget_active_model() -> None:
    """Make the next call read the registry again (after an activation in this process)."""
    _cache.checked_at = float("-inf")


async def register_bootstrap_models() -> None:
    """Register the committed bootstrap models if the registry is empty."""
    async with transaction() as connection:
        await repository.lock_registry(connection)
        if await repository.count_models(connection):
            return
        for entry in load_bootstrap():
            row = await repository.create_model(
                connection,
                kind=entry["kind"],
                artifact=entry["artifact"],
                features=entry["artifact"]["features"],
                metrics=entry["metrics"],
                training=entry["training"],
                source="bootstrap",
            )
            if entry["kind"] == LIGHTGBM:
                await repository.set_active(connection, row.version)


async def active_model(settings: Settings) -> ActiveModel:
    """The active model, from memory unless it is time to check the registry again."""
    now = time.monotonic()
    if _cache.active is not None and now - _cache.checked_at < settings.delivery_model_refresh_s:
        return _cache.active
    version = await repository.active_version()
    if version is None:
        await register_bootstrap_models()
        version = await repository.active_version()
    if version is None:
        raise ModelNotFound("no delivery model is active")
    if _cache.active is None or _cache.active.version != version:
        _cache.active = _loaded(await _row(version))
    _cache.checked_at = now
    return _cache.active


def _loaded(row: DeliveryModelVersion) -> ActiveModel:
    try:
        model = load_model(row.artifact)
    except IncompatibleArtifact as error:
        raise ModelNotServable(f"model {row.version} cannot be served: {error}") from None
    return ActiveModel(row.version, row.kind, model, row.metrics, row.training)


async def _row(version: int) -> DeliveryModelVersion:
    row = await repository.get_model(version)
    if row is None:
        raise ModelNotFound(f"no delivery model version {version}")
    return row


async def list_models() -> list[DeliveryModelVersion]:
    """Every registered version, newest first (the bootstrap ones too)."""
    if await repository.active_version() is None:
        await register_bootstrap_models()
    return await repository.list_models()


async def activate(version: int) -> DeliveryModelVersion:
    """Make `version` the active model: a promotion, or a rollback to any earlier version."""
    row = await _row(version)
    if list(row.features) != list(FEATURES):
        raise ModelNotServable(
            f"model {version} was trained on other features than this release computes"
        )
    async with transaction() as connection:
        await repository.lock_registry(connection)
        await repository.set_active(connection, version)
    forget_active_model()
    return await _row(version)


async def register_candidate(
    connection: Any,
    *,
    kind: str,
    artifact: dict[str, Any],
    metrics: dict[str, Any],
    training: dict[str, Any],
    job_id: UUID,
    activate_it: bool,
) -> int:
    """Store a trained candidate (inside the training job's commit); activate it if it won."""
    row = await repository.create_model(
        connection,
        kind=kind,
        artifact=artifact,
        features=artifact["features"],
        metrics=metrics,
        training=training,
        source="training",
        job_id=job_id,
    )
    if activate_it:
        await repository.lock_registry(connection)
        await repository.set_active(connection, row.version)
    return row.version
