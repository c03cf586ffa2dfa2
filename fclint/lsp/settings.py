"""Editor settings, `{"fclint": {"maxEventAge": 604800, "select": [...], ...}}`, validated like a
`[tool.fclint]` table and laid over each file's project settings."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from fclint.config import ConfigError, settings_from_table

SECTION = "fclint"
# Long enough that a burst of keystrokes costs one lint, short enough to feel immediate: a
# change is linted in a few milliseconds, so waiting longer only adds latency.
DEFAULT_DEBOUNCE_MS = 30
# Settings of the server or the editor's client (how to start the server), not of the lint.
_SERVER_KEYS = ("debounceMs", "server")


@dataclass(frozen=True)
class EditorSettings:
    overrides: dict[str, Any] = field(default_factory=dict)  # Settings field -> value
    debounce: float = DEFAULT_DEBOUNCE_MS / 1000


def section(payload: Any) -> Any:
    """The `fclint` section of a settings payload, or None when it has none."""
    return payload.get(SECTION) if isinstance(payload, dict) else None


def parse(values: Any, known_codes: frozenset[str]) -> EditorSettings:
    """Editor settings from the `fclint` section; raises ConfigError naming the bad setting."""
    if not isinstance(values, dict):
        raise ConfigError(f"editor settings: {SECTION!r} is not an object")
    table = {
        _kebab(key): value for key, value in values.items()
        if key not in _SERVER_KEYS and value not in (None, "", [], {})  # unset in the editor
    }
    settings = settings_from_table(table, "editor settings", known_codes)
    overrides = {key.replace("-", "_"): getattr(settings, key.replace("-", "_")) for key in table}
    return EditorSettings(overrides, _debounce(values.get("debounceMs", DEFAULT_DEBOUNCE_MS)))


def _kebab(key: str) -> str:
    """`maxEventAge` -> `max-event-age`; TOML spellings pass unchanged."""
    return re.sub(r"(?<=[a-z0-9])([A-Z])", r"-\1", key).lower()


def _debounce(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 10_000:
        raise ConfigError(f"editor settings: debounceMs: {value!r} is not 0-10000 milliseconds")
    return value / 1000
