"""Settings: `[tool.fclint]` in pyproject.toml or `.fclint.toml`, found upward from each file,
with command-line options laid over them."""

from __future__ import annotations

import fnmatch
import os
import re
from dataclasses import dataclass, field, fields, replace
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

from fclint.diagnostic import Severity

API_VERSIONS = ("2016-08-15", "2021-04-06", "2023-03-30")
EVENT_AGE_CAPS = (604800, 2592000)
CONFIG_FILES = (".fclint.toml", "pyproject.toml")
KNOWN_KEYS = (
    "select", "ignore", "severity", "per-file-ignores", "max-event-age", "api-version",
    "region", "account-id", "max-file-size", "not-suppressible",
)
DEFAULT_MAX_FILE_SIZE = 5_000_000


_CODE = re.compile(r"FC\d{0,3}")


class ConfigError(Exception):
    """A configuration that cannot be used; the message names the file and the key."""


@dataclass(frozen=True)
class Settings:
    """What to check and how, for the files under one configuration (and the command line)."""

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: tuple[tuple[str, Severity], ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    max_event_age: int | None = None
    api_version: str | None = None
    region: str | None = None
    account_id: str | None = None
    max_file_size: int = DEFAULT_MAX_FILE_SIZE
    # Codes (or prefixes) that neither an inline `fclint: ignore` nor a baseline may hide:
    # findings a team has decided must always block.
    not_suppressible: tuple[str, ...] = ()
    root: Path | None = None
    source: str | None = field(default=None, compare=False)
    # The rule codes settings may name (those of the registry): what a `%%fclint` line's
    # `--select` is checked against when a notebook is linted. Given by the resolver.
    known_codes: frozenset[str] = field(default=frozenset(), compare=False)

    def __hash__(self) -> int:
        return self._hash

    @cached_property
    def _hash(self) -> int:
        """Worked out once: the engine looks up its rules by settings for every document."""
        return hash(tuple(getattr(self, f.name) for f in fields(self) if f.compare))

    @property
    def api_generation(self) -> int | None:
        if self.api_version is None:
            return None
        return 3 if self.api_version == "2023-03-30" else 2

    def enabled(self, code: str, path: str | None = None) -> bool:
        if self.select and not any(code.startswith(p) for p in self.select):
            return False
        if any(code.startswith(p) for p in self.ignore):
            return False
        return not (path and any(code.startswith(p) for p in self.file_ignores(path)))

    def file_ignores(self, path: str) -> tuple[str, ...]:
        if not self.per_file_ignores:
            return ()
        relative = _relative(path, self.root)
        codes: list[str] = []
        for pattern, pattern_codes in self.per_file_ignores:
            if (fnmatch.fnmatch(relative, pattern)
                    or fnmatch.fnmatch(os.path.basename(relative), pattern)):
                codes.extend(pattern_codes)
        return tuple(codes)

    def suppressible(self, code: str) -> bool:
        return not any(code.startswith(p) for p in self.not_suppressible)

    def severity_of(self, code: str, default: Severity) -> Severity:
        for override_code, level in self.severity:
            if override_code == code:
                return level
        return default

    def merged(self, overrides: dict[str, Any]) -> Settings:
        """These settings with every non-None override laid over them."""
        given = {k: v for k, v in overrides.items() if v is not None}
        if "select" in given and "ignore" not in given:
            # As in ruff: a later `select` starts the selection afresh, so `--select FC006`
            # turns FC006 on even where the configuration file ignores it.
            given["ignore"] = ()
        if "severity" in given:
            given["severity"] = tuple(dict((*self.severity, *given["severity"])).items())
        return replace(self, **given)


def _relative(path: str, root: Path | None) -> str:
    """`path` from `root`, as per-file-ignores patterns are written; the folder is resolved
    once for all its files (a folder of 2,000 flagged files paid 60 us a file)."""
    if root is None:
        return path
    folder, name = os.path.split(path)
    inside = _folder_from(folder, root)
    return path if inside is None else f"{inside}{name}"


@lru_cache(maxsize=256)
def _folder_from(folder: str, root: Path) -> str | None:
    try:
        inside = Path(folder or ".").resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return None
    return "" if inside == "." else inside + "/"


def find_config(directory: Path) -> Path | None:
    """The nearest `.fclint.toml`, or `pyproject.toml` with a `[tool.fclint]` table, upward."""
    for folder in (directory, *directory.parents):
        for name in CONFIG_FILES:
            candidate = folder / name
            if candidate.is_file() and (name != "pyproject.toml" or _has_fclint_table(candidate)):
                return candidate
    return None


def _has_fclint_table(path: Path) -> bool:
    try:
        return b"[tool.fclint" in path.read_bytes()
    except OSError:
        return False


def load_config(path: Path, known_codes: frozenset[str]) -> Settings:
    """Settings from one configuration file."""
    import tomllib  # only runs that find a configuration file pay for the parser

    try:
        document = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"{path}: cannot read configuration: {error}") from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: invalid TOML: {error}") from None
    table = document.get("tool", {}).get("fclint", {}) if path.name == "pyproject.toml" else document
    return settings_from_table(table, str(path), known_codes, root=path.parent)


def settings_from_table(
    table: dict[str, Any], source: str, known_codes: frozenset[str], root: Path | None = None
) -> Settings:
    """Validate a `[tool.fclint]` table (or the same keys from an editor) into Settings."""
    values: dict[str, Any] = {"root": root, "source": source}
    for key, value in table.items():
        if key not in KNOWN_KEYS:
            hint = _close(key, KNOWN_KEYS)
            did_you_mean = f"; did you mean {hint[0]!r}?" if hint else ""
            raise ConfigError(f"{source}: unknown setting {key!r}{did_you_mean}")
        values.update(_setting(key, value, source, known_codes))
    return Settings(**values)


def _setting(key: str, value: Any, source: str, known: frozenset[str]) -> dict[str, Any]:
    where = f"{source}: {key}"
    if key in ("select", "ignore"):
        return {key: _codes(value, where, known)}
    if key == "not-suppressible":
        return {"not_suppressible": _codes(value, where, known)}
    if key == "severity":
        if not isinstance(value, dict):
            raise ConfigError(f"{where}: expected a table of CODE = \"error\"|\"warning\"|\"info\"")
        levels = []
        for code, level in value.items():
            _codes([code], where, known)
            try:
                levels.append((code, Severity.parse(str(level))))
            except ValueError as error:
                raise ConfigError(f"{where}.{code}: {error}") from None
        return {"severity": tuple(levels)}
    if key == "per-file-ignores":
        if not isinstance(value, dict):
            raise ConfigError(f"{where}: expected a table of \"GLOB\" = [CODES]")
        return {"per_file_ignores": tuple(
            (str(glob), _codes(codes, f"{where}.{glob}", known)) for glob, codes in value.items()
        )}
    if key == "max-event-age":
        if value not in EVENT_AGE_CAPS or isinstance(value, bool):
            raise ConfigError(f"{where}: {value!r} is not 604800 or 2592000")
        return {"max_event_age": value}
    if key == "api-version":
        if value not in API_VERSIONS:
            raise ConfigError(f"{where}: {value!r} is not one of {', '.join(API_VERSIONS)}")
        return {"api_version": value}
    if key == "max-file-size":
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            raise ConfigError(f"{where}: {value!r} is not a positive number of bytes")
        return {"max_file_size": value}
    if not isinstance(value, str):
        raise ConfigError(f"{where}: {value!r} is not a string")
    if key == "account-id" and not value.isdigit():
        raise ConfigError(f"{where}: {value!r} is not an account id (digits)")
    return {key.replace("-", "_"): value}


def _close(word: str, choices: Any) -> list[str]:
    import difflib  # only a mistake in the configuration needs it

    return difflib.get_close_matches(word, choices, n=1)


def _codes(value: Any, where: str, known: frozenset[str]) -> tuple[str, ...]:
    """Rule codes or prefixes, each one of `known` (or, without `known`, of the form FCnnn)."""
    if isinstance(value, str):
        value = [part for part in value.replace(",", " ").split() if part]
    if not isinstance(value, (list, tuple)):
        raise ConfigError(f"{where}: expected a list of rule codes")
    for code in value:
        if not isinstance(code, str) or not code or not (
                any(k.startswith(code) for k in known) if known else _CODE.fullmatch(code)):
            hint = _close(str(code), sorted(known))
            did_you_mean = f"; did you mean {hint[0]!r}?" if hint else ""
            raise ConfigError(f"{where}: {code!r} is not a rule code or prefix{did_you_mean}")
    return tuple(value)


class SettingsResolver:
    """Settings for each file: its nearest configuration file, then the command line on top."""

    def __init__(
        self, known_codes: frozenset[str], overrides: dict[str, Any] | None = None,
        config_file: Path | None = None, isolated: bool = False,
    ) -> None:
        self.known_codes = known_codes
        self.overrides = overrides or {}
        self.isolated = isolated
        self._fixed = load_config(config_file, known_codes) if config_file else None
        self._by_config: dict[Path | None, Settings] = {}
        self._by_dir: dict[str, Path | None] = {}

    def for_path(self, path: str | os.PathLike[str]) -> Settings:
        if self._fixed is not None:
            return self._cached(None, self._fixed)
        if self.isolated:
            return self._cached(None, Settings())
        path = os.fspath(path)
        parent = os.path.dirname(path)  # a string: cheaper to hash than a Path, file after file
        if parent not in self._by_dir:  # files of one folder share one lookup
            folder = Path(parent or ".").resolve() if os.path.basename(path) else Path.cwd()
            self._by_dir[parent] = find_config(folder)
        config = self._by_dir[parent]
        if config not in self._by_config:
            base = load_config(config, self.known_codes) if config else Settings()
            self._by_config[config] = self._finished(base)
        return self._by_config[config]

    def _cached(self, key: Path | None, base: Settings) -> Settings:
        if key not in self._by_config:
            self._by_config[key] = self._finished(base)
        return self._by_config[key]

    def _finished(self, base: Settings) -> Settings:
        return replace(base.merged(self.overrides), known_codes=self.known_codes)
