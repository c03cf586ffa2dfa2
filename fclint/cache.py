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

The file holds plain data only (tuples, strings, numbers): a finding is stored as the tuple
of its fields (fclint.stored) and built again when its file is looked up. Reading it names
no class, so the reader refuses every one.
"""

from __future__ import annotations

try:  # hashlib would load OpenSSL (3 ms at each start) for a hash it takes from _blake2
    from _blake2 import blake2b
except ImportError:  # an interpreter built without it
    from hashlib import blake2b
import os
import pickle
from collections.abc import Callable
from functools import cached_property
from pathlib import Path
from typing import Any

from fclint import cache_keys, guard, reading, stored
from fclint.config import Settings, find_config
from fclint.diagnostic import FileResult, Span
from fclint.kinds import Kind

FOLDER = ".fclint_cache"
FILE = "results.pickle"
ENVIRONMENT = "FCLINT_CACHE_DIR"
_TAG = ("Signature: 8a477f597d28d172789f06886806bc55\n"
        "# This file is a cache directory tag created by fclint.\n"
        "# For information about cache directory tags see https://bford.info/cachedir/\n")
# What an entry holds: (the digest of the file's bytes keyed by its settings, kind and module,
# is_config, the pass-over note, the findings as plain tuples: fclint.stored).
Entry = tuple[bytes, bool, str, tuple[Any, ...]]


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
        self.identity = cache_keys.identity()
        self.entries: dict[str, Entry] = self._load()
        self.added: dict[str, Entry] = {}
        self._modules: dict[str, bytes] = {}  # a Terraform module's folder: its digest
        self._contexts: dict[tuple[Settings, Kind | None, bytes], tuple[bytes, bytes]] = {}
        self._spans: dict[stored.Place, Span] = {}  # the spans built this run, shared

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
               kind: Kind | None) -> tuple[FileResult | None, tuple[str, bytes]]:
        """The stored result of `path` read as `data`, or None; and the entry's name and
        digest (handed back to `store` once the file is linted)."""
        salt, person = self._context(path, settings, kind)
        key = (self._where(path), blake2b(data, digest_size=16, salt=salt, person=person).digest())
        found = self.entries.get(key[0])
        return (self.results([path], [found])[0] if _holds(found, key[1]) else None), key

    def find(self, paths: list[str], settings_for: Callable[[str], Settings],
             kind: Kind | None) -> list[Entry | None]:
        """The entry that holds each of `paths` as it reads now, or None: not stored,
        changed, or not readable whole (linting it says why). A run over a tree that barely
        changed spends its time here, file after file: what the files of a folder share
        (their settings, the context of their digests, how their entries are named) is
        worked out once a folder."""
        entries = self.entries
        found: list[Entry | None] = []
        by_folder: dict[str, tuple[int, bytes, bytes, str]] = {}
        read_file, folder_of = reading.read_file, _folder
        for path in paths:
            folder = folder_of(path)
            shared = by_folder.get(folder)
            if shared is None or path.endswith(".tf"):  # a Terraform module: its own context
                settings = settings_for(path)
                shared = (settings.max_file_size, *self._context(path, settings, kind),
                          "" if os.path.isabs(path) else self._cwd)
                by_folder[folder] = shared
            try:
                data, size = read_file(path, shared[0])
            except OSError:
                found.append(None)
                continue
            entry = entries.get(shared[3] + path)
            if entry is None or size is not None or not _holds(entry, blake2b(
                    data, digest_size=16, salt=shared[1], person=shared[2]).digest()):
                entry = None
            found.append(entry)
        return found

    def results(self, paths: list[str], entries: list[Entry | None]) -> list[FileResult | None]:
        """The result each of `entries` stores, for the file named by the path beside it (the
        same file may be named another way in this run); None for no entry or a damaged one."""
        results: list[FileResult | None] = []
        for path, entry in zip(paths, entries):
            try:
                if entry is None:
                    results.append(None)
                elif not entry[3] and not entry[2]:  # no finding, no note: most files
                    results.append(FileResult(path, [], entry[1] is True))
                else:
                    results.append(FileResult(path, stored.diagnostics(entry[3], path, self._spans),
                                              entry[1] is True, str(entry[2])))
            except Exception:  # noqa: BLE001 - a damaged entry: lint the file again
                results.append(None)
        return results

    def store(self, key: tuple[str, bytes], result: FileResult) -> None:
        """Keep `result` under the name and digest `lookup` gave."""
        self.added[key[0]] = (key[1], result.is_config, result.note,
                              stored.fields(result.diagnostics))

    def _where(self, path: str) -> str:
        """The entry's name: the path from the folder fclint was run in (abspath would ask
        the system for the current folder once a file)."""
        return path if os.path.isabs(path) else self._cwd + path

    @cached_property
    def _cwd(self) -> str:
        return os.path.join(os.getcwd(), "")

    def _context(self, path: str, settings: Settings, kind: Kind | None) -> tuple[bytes, bytes]:
        """What a file's result depends on besides its bytes: its settings, `--kind`, and for
        Terraform the module's other files (read once a run). It is given to the digest of
        the bytes as its salt and personalization, which set BLAKE2's parameters: a key
        would cost one more block to hash, most of a small file's work."""
        module = b""
        if path.endswith(".tf"):
            folder = os.path.dirname(os.path.abspath(path))
            if folder not in self._modules:
                self._modules[folder] = cache_keys.module_digest(folder)
            module = self._modules[folder]
        found = self._contexts.get((settings, kind, module))
        if found is None:  # once a run for each settings (and module)
            whole = blake2b(b"\0".join((cache_keys.settings_digest(settings),
                                         kind.value.encode() if kind is not None else b"",
                                         module)), digest_size=32).digest()
            found = self._contexts[(settings, kind, module)] = (whole[:16], whole[16:])
        return found

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


if os.sep == "/" and os.altsep is None:
    def _folder(path: str) -> str:
        """What names the folder of `path`, as a key: the path up to its last '/'
        (os.path.dirname, a Python function, cost a tenth of a file's look-up)."""
        return path[:path.rfind("/") + 1]
else:  # Windows: either separator ends a folder
    def _folder(path: str) -> str:
        return os.path.dirname(path)


def _holds(entry: Any, key: bytes) -> bool:
    """Whether `entry` is one stored for `key` (an entry of a damaged file is none)."""
    if entry is None:  # the common case on a cold run: no exception to raise and catch
        return False
    try:
        return entry[0] == key and len(entry) == 4
    except Exception:  # noqa: BLE001 - not an entry
        return False


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
    if not result.diagnostics or not any(
            d.message.startswith(guard.FAILED) for d in result.diagnostics):
        results.store(key, result)  # a failure of fclint's is not the file's to keep
    return result


class _Unpickler(pickle.Unpickler):
    """Builds plain data only. A cache file is read from the project folder, which a
    repository could ship: an unrestricted unpickler would run whatever code such a file
    names, and fclint's own files name no class at all."""

    def find_class(self, module: str, name: str) -> Any:
        raise pickle.UnpicklingError(f"{module}.{name}: a result cache holds no objects")


def _mark(folder: Path) -> None:
    """What tools need to know the folder is a cache: git ignores it, backups skip it."""
    for name, text in (("CACHEDIR.TAG", _TAG), (".gitignore", "# written by fclint\n*\n")):
        target = folder / name
        if not target.exists():
            target.write_text(text, encoding="utf-8")


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
