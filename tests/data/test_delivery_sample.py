"""The committed notification sample (data/delivery/sample/) is what its command writes."""

import importlib.util
from pathlib import Path

import pytest

DELIVERY = Path(__file__).resolve().parents[2] / "data" / "delivery"


def _generate_module():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("delivery_generate", DELIVERY / "generate.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("name", ["notifications.csv", "attempts.csv", "events.csv"])
def test_the_committed_sample_is_what_the_generator_writes(name: str, tmp_path: Path) -> None:
    generate = _generate_module()
    generate.write_logs(tmp_path, **generate.SAMPLE)

    assert (tmp_path / name).read_text() == (DELIVERY / "sample" / name).read_text()
