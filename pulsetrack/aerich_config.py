"""Entry point for the `aerich` command line (`[tool.aerich]` in pyproject.toml)."""

from pulsetrack.database import tortoise_config
from pulsetrack.settings import get_settings

TORTOISE_ORM = tortoise_config(get_settings())
