"""Baselines: the findings a repository already had when it adopted fclint, so that a gate
fails only on new ones.

Entries are keyed by file, rule code and JSON pointer, never by line: moving, reformatting or
re-indenting a file keeps its entries matched. Each key carries a count, so a second finding
of the same kind at the same place is new. Paths are relative to the baseline file's folder,
so the baseline works from any working directory and in any checkout.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from fclint.diagnostic import Diagnostic

FORMAT_VERSION = 1
Key = tuple[str, str, str]  # (relative path, code, pointer)


class BaselineError(Exception):
    """A baseline file that cannot be read; the message names the file."""


@dataclass
class Filtered:
    """What is left after the baseline: findings to report, how many it hid, and how many of
    its entries matched nothing (fixed since, so the baseline can shrink)."""

    kept: list[Diagnostic]
    hidden: int
    stale: int


def key_of(diagnostic: Diagnostic, base: Path) -> Key:
    return (_relative(diagnostic.path, base), diagnostic.code, diagnostic.pointer)


def _relative(path: str, base: Path) -> str:
    if path == "-" or path.startswith("<"):  # standard input: its name is all there is
        return path
    try:
        return Path(path).resolve().relative_to(base.resolve()).as_posix()
    except (ValueError, OSError):
        return Path(path).as_posix()


def load(path: Path) -> Counter[Key]:
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise BaselineError(f"{path}: cannot read the baseline: {error.strerror}") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise BaselineError(f"{path}: not a fclint baseline: {error}") from None
    if not isinstance(document, dict) or document.get("fclint-baseline") != FORMAT_VERSION:
        raise BaselineError(f"{path}: not a fclint baseline (no \"fclint-baseline\": 1)")
    counts: Counter[Key] = Counter()
    for entry in document.get("entries", []):
        try:
            counts[(str(entry["path"]), str(entry["code"]), str(entry["pointer"]))] += int(
                entry.get("count", 1))
        except (KeyError, TypeError, ValueError):
            raise BaselineError(f"{path}: malformed entry {entry!r}") from None
    return counts


def write(path: Path, diagnostics: Iterable[Diagnostic]) -> int:
    """Record `diagnostics` in `path`; returns the number of entries."""
    base = path.resolve().parent
    counts = Counter(key_of(d, base) for d in diagnostics)
    entries = [{"path": p, "code": c, "pointer": ptr, "count": n}
               for (p, c, ptr), n in sorted(counts.items())]
    text = json.dumps({"fclint-baseline": FORMAT_VERSION, "entries": entries}, indent=2,
                      ensure_ascii=False)
    try:
        path.write_text(text + "\n", encoding="utf-8", errors="backslashreplace")
    except OSError as error:
        raise BaselineError(f"{path}: cannot write the baseline: {error.strerror}") from None
    return len(entries)


def apply(path: Path, diagnostics: list[Diagnostic],
          suppressible: Callable[[Diagnostic], bool], checked: Iterable[str] = ()) -> Filtered:
    """Drop the findings the baseline at `path` records, up to each entry's count.

    Findings of rules the configuration marks not suppressible are always kept. Only entries
    of the `checked` files count as stale: a run over some files (pre-commit passes the staged
    ones) says nothing about the others.
    """
    remaining = load(path)
    base = path.resolve().parent
    kept, hidden = [], 0
    for diagnostic in diagnostics:
        key = key_of(diagnostic, base)
        if remaining[key] > 0 and suppressible(diagnostic):
            remaining[key] -= 1
            hidden += 1
        else:
            kept.append(diagnostic)
    linted = {_relative(p, base) for p in checked}
    stale = sum(n for (file, _, _), n in remaining.items() if n > 0 and file in linted)
    return Filtered(kept, hidden, stale)
