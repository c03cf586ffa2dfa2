"""What a cached result depends on besides the file's bytes, as digests: the settings, the
Terraform module's other files, and fclint itself (its version, Python's, its own sources,
rule docs and schemas), so that any change to fclint starts the cache afresh."""

from __future__ import annotations

try:  # hashlib would load OpenSSL (3 ms at each start) for a hash it takes from _blake2
    from _blake2 import blake2b
except ImportError:  # an interpreter built without it
    from hashlib import blake2b
import os
import sys
from dataclasses import fields
from functools import cache
from pathlib import Path
from typing import Any

from fclint.config import Settings
from fclint.version import __version__

FORMAT = 5  # the layout of the cache file; a change makes old files foreign


@cache
def settings_digest(settings: Settings) -> bytes:
    """The settings a result depends on, stably across processes (hash() is salted)."""
    values = tuple(repr(getattr(settings, f.name)) for f in fields(settings) if f.compare)
    return blake2b("\0".join(values).encode("utf-8", "surrogatepass"),
                           digest_size=16).digest()


def module_digest(folder: str) -> bytes:
    """The `.tf` files of a Terraform module: the cross-file rules read all of them."""
    digest = blake2b(digest_size=16)
    try:
        names = sorted(name for name in os.listdir(folder) if name.endswith(".tf"))
    except OSError:
        return b""
    for name in names:
        try:
            with open(os.path.join(folder, name), "rb") as source:
                digest.update(name.encode("utf-8", "surrogateescape") + b"\0" + source.read())
        except OSError:
            digest.update(name.encode("utf-8", "surrogateescape") + b"\0?")
    return digest.digest()


@cache
def identity() -> tuple[Any, ...]:
    """What every result depends on beyond its file: fclint's version, Python's, and fclint's
    own source, rule docs and schemas (their sizes and times: a changed rule starts the cache
    afresh, in a checkout as in an install)."""
    stamps = source_stamps(os.path.dirname(os.path.abspath(__file__)))
    stamps.extend(_stamp(str(path)) for path in _schemas())
    return (FORMAT, __version__, sys.version_info[:2], tuple(stamps))


def source_stamps(package: str) -> list[tuple[str, int, int]]:
    """The size and modification time of every source file under `package`, in order."""
    stamps: list[tuple[str, int, int]] = []
    for folder, subfolders, names in os.walk(package):
        subfolders[:] = sorted(name for name in subfolders if name != "__pycache__")
        stamps.extend(_stamp(os.path.join(folder, name)) for name in sorted(names)
                      if name.endswith((".py", ".json", ".md")))
    return stamps


def _stamp(path: str) -> tuple[str, int, int]:
    try:
        status = os.stat(path)
    except OSError:
        return (path, -1, -1)
    return (path, status.st_size, status.st_mtime_ns)


def _schemas() -> list[Path]:
    from fclint import schemas  # the schemas' folder, in a checkout or in the wheel

    return sorted(schemas.schema_dir().glob("*.schema.json"))
