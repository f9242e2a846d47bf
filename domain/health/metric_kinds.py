"""Kinds of health metric: their canonical unit, accepted units and plausible range.

A value outside the plausible range is refused: a temperature of 400 °C is a typo, not data.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum


class MetricKind(StrEnum):
    HEART_RATE = "heart_rate"
    TEMPERATURE = "temperature"
    BLOOD_PRESSURE_SYSTOLIC = "blood_pressure_systolic"
    BLOOD_PRESSURE_DIASTOLIC = "blood_pressure_diastolic"
    WEIGHT = "weight"
    SPO2 = "spo2"
    GLUCOSE = "glucose"
    RESPIRATORY_RATE = "respiratory_rate"


@dataclass(frozen=True)
class MetricSpec:
    unit: str
    minimum: float
    maximum: float
    # Other accepted units and how to convert a value in them to the canonical unit.
    conversions: dict[str, Callable[[float], float]] = field(default_factory=dict)

    def to_canonical(self, value: float, unit: str | None) -> float:
        if unit is None or unit == self.unit:
            return value
        return self.conversions[unit](value)

    @property
    def units(self) -> list[str]:
        return [self.unit, *self.conversions]


METRIC_SPECS: dict[MetricKind, MetricSpec] = {
    MetricKind.HEART_RATE: MetricSpec("bpm", 20, 300),
    MetricKind.TEMPERATURE: MetricSpec(
        "celsius", 25, 45, {"fahrenheit": lambda f: (f - 32) * 5 / 9}
    ),
    MetricKind.BLOOD_PRESSURE_SYSTOLIC: MetricSpec("mmHg", 50, 300),
    MetricKind.BLOOD_PRESSURE_DIASTOLIC: MetricSpec("mmHg", 20, 200),
    MetricKind.WEIGHT: MetricSpec("kg", 0.5, 500, {"lb": lambda lb: lb * 0.45359237}),
    MetricKind.SPO2: MetricSpec("percent", 50, 100),
    MetricKind.GLUCOSE: MetricSpec("mg/dL", 10, 1000, {"mmol/L": lambda mmol: mmol * 18.0156}),
    MetricKind.RESPIRATORY_RATE: MetricSpec("breaths/min", 4, 80),
}


def canonical_value(kind: MetricKind, value: float, unit: str | None) -> tuple[float, str]:
    """The value in the kind's canonical unit; ValueError naming the problem otherwise."""
    spec = METRIC_SPECS[kind]
    if unit is not None and unit not in spec.units:
        raise ValueError(f"unit for {kind} must be one of: {', '.join(spec.units)}")
    canonical = spec.to_canonical(value, unit)
    if not spec.minimum <= canonical <= spec.maximum:
        raise ValueError(
            f"{kind} of {value:g} {unit or spec.unit} is outside the plausible range "
            f"{spec.minimum:g} to {spec.maximum:g} {spec.unit}"
        )
    return canonical, spec.unit
