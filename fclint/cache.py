"""The result cache, as ruff's `.ruff_cache`: a file linted before, with the same bytes and the
same settings by the same fclint, gets its stored result instead of being linted again.

A result is keyed by the file's content (a BLAKE2 digest of its bytes: size and mtime are
never trusted alone), the file's effective settings, the `--kind` asked for, and for Terraform
the other `.tf` files of its module, which the cross-file rules read. The whole cache is
keyed by fclint's version, its rules and schemas, and its own source files, so any change to
fclint starts it afresh. One file per project holds it; it is read once, written once at the
end of a run through a temporary file and a rename (two runs at once never corrupt it, the
last one's entries win), and anything wrong with it (truncated, from another version,
unreadable, unwritable) makes it an empty cache, never an error.
"""

from __future__ import annotations

try:  # hashlib would load OpenSSL (3 ms at each start) for a hash it takes from _blake2
    from _blake2 import blake2b
except ImportError:  # an interpreter built without it
    from hashlib import blake2b
import copyreg
import importlib
import io
import os
import pickle
import sys
from dataclasses import fields, is_dataclass, replace
from enum import Enum
from functools import cache, cached_property
from operator import attrgetter
from pathlib import Path
from typing import Any

from fclint import guard, reading
from fclint.config import Settings, find_config
from fclint.diagnostic import Diagnostic, Edit, FileResult, Fix, Span
from fclint.kinds import Kind
from fclint.version import __version__

FOLDER = ".fclint_cache"
FILE = "results.pickle"
FORMAT = 3  # the layout of the cache file; a change makes old files foreign
ENVIRONMENT = "FCLINT_CACHE_DIR"
_TAG = ("Signature: 8a477f597d28d172789f06886806bc55\n"
        "# This file is a cache directory tag created by fclint.\n"
        "# For information about cache directory tags see https://bford.info/cachedir/\n")
# What an entry holds: (digest, settings, kind, module digest, is_config, the pickled
# diagnostics or b""). The diagnostics are unpickled only when their file is looked up, by
# whichever process looks it up: loading the cache builds no finding.
Entry = tuple[bytes, bytes, str, bytes, bool, bytes]


def cache_dir(requested: str | None, start: Path | None = None) -> Path:
    """`--cache-dir`, else $FCLINT_CACHE_DIR, else `.fclint_cache` in the project's root: the
    folder of the configuration file found from `start` (the current folder) upward, or
    `start` itself when there is none, as ruff finds its own."""
    if requested:
        return Path(requested)
    if os.environ.get(ENVIRONMENT):
        return Path(os.environ[ENVIRONMENT])
    start = start or Path.cwd()
    config = find_config(start)
    return (config.parent if config is not None else start) / FOLDER


class ResultCache:
    """The cached results of one project, looked up and updated file by file."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.path = folder / FILE
        self.identity = identity()
        self.entries: dict[str, Entry] = self._load()
        self.added: dict[str, Entry] = {}
        self._modules: dict[str, bytes] = {}  # a Terraform module's folder: its digest

    def _load(self) -> dict[str, Entry]:
        try:
            with open(self.path, "rb") as stored:
                head, entries = _Unpickler(stored).load()
        except Exception:  # noqa: BLE001 - missing, truncated, corrupt, foreign: start empty
            return {}
        if head != self.identity or not isinstance(entries, dict):
            return {}
        return entries

    def lookup(self, path: str, data: bytes, settings: Settings,
               kind: Kind | None) -> tuple[FileResult | None, Entry]:
        """The stored result of `path` read as `data`, or None; and the entry that keys it
        (handed back to `store` once the file is linted)."""
        key = self._key(path, data, settings, kind)
        found = self.entries.get(self._where(path))
        try:
            if found is None or found[:4] != key[:4]:
                return None, key
            diagnostics = list(_decode(found[5])) if found[5] else []  # a pass-over note first
            note = diagnostics.pop(0) if diagnostics and isinstance(diagnostics[0], str) else ""
        except Exception:  # noqa: BLE001 - a damaged entry: lint the file again
            return None, key
        if diagnostics and diagnostics[0].path != path:  # the same file named another way
            diagnostics = [replace(d, path=path) for d in diagnostics]
        return FileResult(path, diagnostics, is_config=found[4] is True, note=note), found

    def store(self, path: str, key: Entry, result: FileResult) -> None:
        stored = (result.note, *result.diagnostics) if result.note else tuple(result.diagnostics)
        blob = pickle.dumps(stored, pickle.HIGHEST_PROTOCOL) if stored else b""
        self.added[self._where(path)] = (*key[:4], result.is_config, blob)  # type: ignore[assignment]

    def _where(self, path: str) -> str:
        """The entry's name: the path from the folder fclint was run in (abspath would ask
        the system for the current folder once a file)."""
        return path if os.path.isabs(path) else self._cwd + path

    @cached_property
    def _cwd(self) -> str:
        return os.path.join(os.getcwd(), "")

    def _key(self, path: str, data: bytes, settings: Settings, kind: Kind | None) -> Entry:
        module = b""
        if path.endswith(".tf"):  # the module's other files, read once a run
            folder = os.path.dirname(os.path.abspath(path))
            if folder not in self._modules:
                self._modules[folder] = _module_digest(folder)
            module = self._modules[folder]
        return (blake2b(data, digest_size=16).digest(), _settings_digest(settings),
                kind.value if kind is not None else "", module, False, b"")

    def save(self) -> None:
        """Write what this run added, over what the cache held, if anything was added; a
        folder that cannot be written is left as it is."""
        if not self.added:
            return
        entries = {**self.entries, **self.added}
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            _mark(self.folder)
            temporary = self.path.with_name(f"{FILE}.{os.getpid()}.tmp")
            with open(temporary, "wb") as out:
                pickle.dump((self.identity, entries), out, pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, self.path)
        except OSError:
            return


def lint_path(path: str, settings: Settings, kind: Kind | None,
              results: ResultCache | None) -> FileResult:
    """`engine.lint_path`, answered from `results` when it holds the file as it reads now, and
    stored there when it does not. Raises OSError when the file cannot be read. The engine
    (the formats, the rules, the schemas) is imported with the first file to lint: a run
    answered from the cache does without it."""
    if results is None:
        from fclint import engine

        return engine.lint_path(path, settings, kind)
    data, size = reading.read_file(path, settings.max_file_size)
    found, key = results.lookup(path, data, settings, kind) if size is None else (None, None)
    if found is not None:
        return found
    from fclint import engine

    result = engine.lint_bytes(data, path, settings, kind, size)
    if key is None:  # too large to read whole: its one finding costs nothing to make
        return result
    if not any(d.message.startswith(guard.FAILED) for d in result.diagnostics):
        results.store(path, key, result)  # a failure of fclint's is not the file's to keep
    return result


def _by_fields(cls: type) -> Any:
    """Pickle an instance of the dataclass `cls` as the call `cls(*fields)`, not as the
    default's object rebuilt from its `__dict__`: entries a third smaller and 1-2 % fewer
    instructions for a 10,000-file run, cold or warm. The pickles stay standard ones (the
    worker processes' results travel so too)."""
    values = attrgetter(*(f.name for f in fields(cls)))
    return lambda value: (cls, values(value))


for _cls in (Span, Edit, Fix, Diagnostic, FileResult):
    copyreg.pickle(_cls, _by_fields(_cls))


class _Unpickler(pickle.Unpickler):
    """Builds fclint's own values only (its dataclasses and enums, and plain data). A cache
    file is read from the project folder, which a repository could ship: an unrestricted
    unpickler would run whatever code such a file names."""

    allowed: dict[tuple[str, str], type] = {}  # what was found allowed, for the next blobs

    def find_class(self, module: str, name: str) -> Any:
        found = self.allowed.get((module, name))
        if found is not None:
            return found
        if module.startswith("fclint.") and "." not in name:
            try:
                found = getattr(importlib.import_module(module), name, None)
            except ImportError:
                found = None
            if isinstance(found, type) and (is_dataclass(found) or issubclass(found, Enum)):
                self.allowed[(module, name)] = found
                return found
        raise pickle.UnpicklingError(f"{module}.{name} is not a value of fclint's")


def _decode(blob: bytes) -> tuple[Any, ...]:
    found = _Unpickler(io.BytesIO(blob)).load()
    if not isinstance(found, tuple):
        raise pickle.UnpicklingError("not a list of findings")
    return found


def _mark(folder: Path) -> None:
    """What tools need to know the folder is a cache: git ignores it, backups skip it."""
    for name, text in (("CACHEDIR.TAG", _TAG), (".gitignore", "# written by fclint\n*\n")):
        target = folder / name
        if not target.exists():
            target.write_text(text, encoding="utf-8")


@cache
def _settings_digest(settings: Settings) -> bytes:
    """The settings a result depends on, stably across processes (hash() is salted)."""
    values = tuple(repr(getattr(settings, f.name)) for f in fields(settings) if f.compare)
    return blake2b("\0".join(values).encode("utf-8", "surrogatepass"),
                           digest_size=16).digest()


def _module_digest(folder: str) -> bytes:
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
    stamps = []
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


def clean(folder: Path) -> bool:
    """Remove what fclint wrote in the cache folder, and the folder when that leaves it empty
    (a folder named by --cache-dir may hold other files: they stay). True when there was a
    cache."""
    mine = [folder / FILE, folder / "CACHEDIR.TAG", *folder.glob(f"{FILE}.*.tmp")]
    ignore = folder / ".gitignore"
    try:
        if ignore.read_text(encoding="utf-8").startswith("# written by fclint"):
            mine.append(ignore)
    except (OSError, UnicodeDecodeError):
        pass
    found = False
    for path in mine:
        try:
            path.unlink()
            found = True
        except FileNotFoundError:
            continue
        except OSError:
            found = True
    try:
        folder.rmdir()
    except OSError:
        pass
    return found
