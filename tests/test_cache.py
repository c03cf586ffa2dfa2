"""The result cache (`.fclint_cache`), as a user meets it: a run over unchanged files is
answered from it, any change to what a result depends on lints the file again, and nothing
about the cache (its state, its absence, a damaged or foreign file, two runs at once) ever
changes what fclint reports.

A cached answer is told from a fresh one by "poisoning" the cache: the stored findings of a
file get a message no lint would give. A run that prints it was answered from the cache; a run
that prints the real message linted the file again."""

from __future__ import annotations

import os
import pickle
import shutil
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from clihelp import DATA, checkout_env, clean_env
from clihelp import fclint as run

import fclint.stored
from fclint import cache, cache_keys
from fclint.cache import FILE, ResultCache
from fclint.report import FORMAT_NAMES

POISON = "from the cache: "
ERROR = '{"maxAsyncRetryAttempts": 9}\n'
CLEAN = '{"maxAsyncRetryAttempts": 2}\n'


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    """A project folder with one erroneous config, and the cache folder its runs use."""
    root = tmp_path / "project"
    root.mkdir()
    (root / "config.json").write_text(ERROR, encoding="utf-8")
    folder = tmp_path / "cache"
    monkeypatch.setenv("FCLINT_CACHE_DIR", str(folder))
    return root, folder


def poison(folder: Path, *paths: Path) -> None:
    """Mark the stored findings of `paths` (all entries when none are named)."""
    stored = ResultCache(folder)
    assert stored.entries, "nothing cached to poison"
    names = [str(p) for p in paths] or list(stored.entries)
    for name in names:
        entry = stored.entries[name]
        findings = [replace(d, message=POISON + d.message)
                    for d in fclint.stored.diagnostics(entry[3], name)]
        stored.added[name] = (*entry[:3], fclint.stored.fields(findings))
    stored.save()


def test_an_unchanged_file_is_answered_from_the_cache(project: tuple[Path, Path]) -> None:
    root, folder = project
    first = run("check", "config.json", cwd=root)
    assert (first.returncode, first.stderr) == (1, "")
    assert first.stdout.startswith(
        "config.json:1:27: FC006 9 is greater than the maximum of 8 for maxAsyncRetryAttempts")
    assert sorted(p.name for p in folder.iterdir()) == [".gitignore", "CACHEDIR.TAG", FILE]
    poison(folder, root / "config.json")
    again = run("check", "config.json", cwd=root)
    assert again.returncode == 1
    assert again.stdout.startswith(f"config.json:1:27: FC006 {POISON}9 is greater")


def _edit(root: Path) -> None:
    (root / "config.json").write_text('{"maxAsyncRetryAttempts": 10}\n', encoding="utf-8")


def _configure(root: Path) -> None:
    (root / ".fclint.toml").write_text('severity = {FC006 = "warning"}\n', encoding="utf-8")


def _another_version(root: Path) -> None:
    folder = Path(os.environ["FCLINT_CACHE_DIR"])
    head, entries = pickle.loads((folder / FILE).read_bytes())
    (folder / FILE).write_bytes(pickle.dumps(((head[0], "0.0.1", *head[2:]), entries)))


# what changes, the change, the arguments of the run after it
KEY_PARTS = {
    "the file's content": (_edit, []),
    "a configuration file's setting": (_configure, []),
    "a setting on the command line": (None, ["--max-event-age", "604800"]),
    "the rule selection": (None, ["--select", "FC006"]),
    "the kind asked for": (None, ["--kind", "fc2-config"]),
    "fclint's version": (_another_version, []),
}


@pytest.mark.parametrize("part", sorted(KEY_PARTS))
def test_what_a_result_depends_on_is_part_of_its_key(project: tuple[Path, Path], part: str) -> None:
    root, folder = project
    run("check", "config.json", cwd=root)
    poison(folder)
    change, args = KEY_PARTS[part]
    if change is not None:
        change(root)
    fresh = run("check", "--no-cache", *args, "config.json", cwd=root)
    assert POISON not in fresh.stdout and "FC006" in fresh.stdout
    changed = run("check", *args, "config.json", cwd=root)
    assert (changed.returncode, changed.stdout) == (fresh.returncode, fresh.stdout)
    # ... and the new result is the one kept: the same run again gets it from the cache.
    poison(folder)
    assert POISON in run("check", *args, "config.json", cwd=root).stdout


def test_a_new_fclint_starts_the_cache_afresh(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """A changed rule or schema (a checkout being edited, an upgrade) changes the cache's
    identity, and a cache of another identity is empty."""
    package = tmp_path / "fclint"
    shutil.copytree(Path(cache.__file__).parent, package,
                    ignore=shutil.ignore_patterns("__pycache__"))
    before = cache_keys.source_stamps(str(package))
    rule = package / "rules" / "values.py"
    os.utime(rule, ns=(rule.stat().st_atime_ns, rule.stat().st_mtime_ns + 10**9))
    assert cache_keys.source_stamps(str(package)) != before

    cache_keys.identity.cache_clear()
    monkeypatch.setattr(cache_keys, "__version__", "0.0.1")
    try:
        assert cache_keys.identity()[1] == "0.0.1"
    finally:
        cache_keys.identity.cache_clear()


def test_a_terraform_file_is_linted_again_when_its_module_changes(
        project: tuple[Path, Path]) -> None:
    """The cross-file rules read every `.tf` file of the folder: a function declared in
    another file of the module answers a.tf's FC043."""
    root, _ = project
    (root / "a.tf").write_text(
        'resource "alicloud_fcv3_async_invoke_config" "a" {\n'
        "  function_name = alicloud_fcv3_function.a.function_name\n"
        "  destination_config {\n    on_success {\n"
        '      destination = "acs:fc:cn-hangzhou:1234567890123456:functions/'
        '${alicloud_fcv3_function.b.function_name}"\n    }\n  }\n}\n', encoding="utf-8")
    first = run("check", "--select", "FC043", "--fail-on", "warning", "a.tf", cwd=root)
    assert first.returncode == 1
    assert first.stdout.startswith("a.tf:5:21: FC043 ")
    (root / "functions.tf").write_text(
        'resource "alicloud_fcv3_function" "b" {\n  function_name = "b"\n}\n', encoding="utf-8")
    second = run("check", "--select", "FC043", "--fail-on", "warning", "a.tf", cwd=root)
    assert (second.returncode, second.stdout.count("FC043")) == (0, 0)


@pytest.mark.parametrize("fmt", FORMAT_NAMES)
def test_every_format_is_the_same_with_and_without_the_cache(
        fmt: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FCLINT_CACHE_DIR", str(tmp_path / "cache"))
    mixed = DATA / "mixed"
    uncached = run("check", "--no-cache", "--format", fmt, ".", cwd=mixed)
    assert not (tmp_path / "cache").exists()  # --no-cache writes no cache either
    cold = run("check", "--format", fmt, ".", cwd=mixed)
    warm = run("check", "--format", fmt, ".", cwd=mixed)
    assert len(ResultCache(tmp_path / "cache").entries) == 18  # every file of the tree
    assert uncached.returncode == 1
    for result in (cold, warm):
        assert (result.returncode, result.stdout, result.stderr) == \
            (uncached.returncode, uncached.stdout, uncached.stderr)


def _tree(root: Path, count: int) -> list[Path]:
    root.mkdir(exist_ok=True)
    files = []
    for number in range(count):
        path = root / f"c{number:03}.json"
        path.write_text(ERROR if number % 3 == 0 else CLEAN, encoding="utf-8")
        files.append(path)
    return files


def test_worker_processes_read_and_fill_the_cache(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """A run of hundreds of files is linted by several processes: what each of them linted
    is kept, and each of them answers from the cache."""
    monkeypatch.setenv("FCLINT_CACHE_DIR", str(tmp_path / "cache"))
    _tree(tmp_path / "tree", 300)
    uncached = run("check", "--no-cache", "--jobs", "2", "tree", cwd=tmp_path)
    cold = run("check", "--jobs", "2", "tree", cwd=tmp_path)
    assert (cold.returncode, cold.stdout) == (uncached.returncode, uncached.stdout)
    assert len(ResultCache(tmp_path / "cache").entries) == 300
    poison(tmp_path / "cache")
    warm = run("check", "--jobs", "2", "tree", cwd=tmp_path)
    assert warm.stdout.count(POISON) == 100 == uncached.stdout.count(": FC006 ")


def _corrupt(path: Path) -> None:
    path.write_bytes(os.urandom(4096))


def _truncated(path: Path) -> None:
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])


def _foreign(path: Path) -> None:
    path.write_bytes(pickle.dumps(["not", "a", "cache"]))


def _empty(path: Path) -> None:
    path.write_bytes(b"")


def _code_in_it(path: Path) -> None:
    marker = path.parent / "ran"

    class Payload:
        def __reduce__(self) -> tuple[object, tuple[str]]:
            return (os.system, (f"touch {marker}",))

    head, entries = pickle.loads(path.read_bytes())
    path.write_bytes(pickle.dumps((head, {**entries, "x": Payload()})))


def _misshapen(path: Path) -> None:
    """Entries of this fclint's cache whose digests still match, holding what is no entry."""
    head, entries = pickle.loads(path.read_bytes())
    damaged = {name: (entry[0], entry[1], entry[2], (("not", "a", "finding"),)) if entry[3] else 5
               for name, entry in entries.items()}
    path.write_bytes(pickle.dumps((head, damaged)))


DAMAGE = {"corrupt": _corrupt, "truncated": _truncated, "foreign": _foreign, "empty": _empty,
          "code in it": _code_in_it, "misshapen entries": _misshapen}


@pytest.mark.parametrize("damage", sorted(DAMAGE))
def test_a_damaged_cache_is_ignored_and_rewritten(project: tuple[Path, Path], damage: str) -> None:
    root, folder = project
    (root / "clean.json").write_text(CLEAN, encoding="utf-8")
    expected = run("check", "--no-cache", ".", cwd=root)
    run("check", ".", cwd=root)
    DAMAGE[damage](folder / FILE)
    result = run("check", ".", cwd=root)
    assert (result.returncode, result.stdout, result.stderr) == \
        (expected.returncode, expected.stdout, "")
    assert not (folder / "ran").exists()  # a cache file cannot make fclint run its code
    assert len(ResultCache(folder).entries) == 2  # written anew


def test_a_cache_that_cannot_be_written_changes_nothing(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "project"
    _tree(root, 3)
    expected = run("check", "--no-cache", ".", cwd=root)
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder would be\n", encoding="utf-8")
    in_its_place = tmp_path / "cache"
    (in_its_place / FILE).mkdir(parents=True)  # a folder where the cache file would be
    for args in (["--cache-dir", str(blocker)], ["--cache-dir", str(in_its_place)]):
        result = run("check", *args, ".", cwd=root)
        assert (result.returncode, result.stdout, result.stderr) == \
            (expected.returncode, expected.stdout, "")
    assert blocker.read_text(encoding="utf-8").startswith("a file where")


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into a read-only folder")
def test_a_read_only_cache_folder_changes_nothing(project: tuple[Path, Path]) -> None:
    root, folder = project
    run("check", ".", cwd=root)
    expected = run("check", "--no-cache", ".", cwd=root)
    (root / "config.json").write_text(CLEAN, encoding="utf-8")
    folder.chmod(0o500)
    try:
        result = run("check", ".", cwd=root)
        assert (result.returncode, result.stderr) == (0, "")
    finally:
        folder.chmod(0o700)
    assert expected.returncode == 1


def test_two_runs_at_once_leave_a_whole_cache(tmp_path: Path) -> None:
    _tree(tmp_path / "tree", 400)
    env = checkout_env() | {"FCLINT_CACHE_DIR": str(tmp_path / "cache")}
    expected = run("check", "--no-cache", "tree", cwd=tmp_path)
    runs = [subprocess.Popen([sys.executable, "-m", "fclint", "check", "tree"], cwd=tmp_path,
                             env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
            for _ in range(2)]
    for process in runs:
        out, err = process.communicate(timeout=120)
        assert (process.returncode, out.decode(), err.decode()) == (1, expected.stdout, "")
    assert len(ResultCache(tmp_path / "cache").entries) == 400
    assert [p.name for p in (tmp_path / "cache").iterdir() if p.name.endswith(".tmp")] == []


def test_no_cache_neither_reads_nor_writes(project: tuple[Path, Path]) -> None:
    root, folder = project
    run("check", ".", cwd=root)
    poison(folder)
    before = (folder / FILE).read_bytes()
    (root / "other.json").write_text(ERROR, encoding="utf-8")
    result = run("check", "--no-cache", ".", cwd=root)
    assert POISON not in result.stdout and result.stdout.count("FC006") == 2
    assert (folder / FILE).read_bytes() == before


def test_the_cache_is_at_the_project_root_and_git_ignores_it(tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("FCLINT_CACHE_DIR")
    root = tmp_path / "repo"
    (root / "deploy").mkdir(parents=True)
    (root / ".fclint.toml").write_text('ignore = ["FC007"]\n', encoding="utf-8")
    (root / "deploy" / "config.json").write_text(ERROR, encoding="utf-8")
    subprocess.run(["git", "init", "-q"], cwd=root, check=True, env=clean_env())
    result = run("check", "config.json", cwd=root / "deploy")
    assert result.returncode == 1
    folder = root / ".fclint_cache"  # found as the configuration is: upward from the cwd
    assert not (root / "deploy" / ".fclint_cache").exists()
    assert (folder / ".gitignore").read_text(encoding="utf-8").splitlines()[-1] == "*"
    assert (folder / "CACHEDIR.TAG").read_text(encoding="utf-8").startswith(
        "Signature: 8a477f597d28d172789f06886806bc55")
    status = subprocess.run(["git", "status", "--porcelain", "--untracked-files=all"], cwd=root,
                            capture_output=True, text=True, check=True, env=clean_env())
    assert status.stdout.splitlines() == ["?? .fclint.toml", "?? deploy/config.json"]
    # With no configuration file, the project is the folder fclint runs in.
    (root / ".fclint.toml").unlink()
    run("check", "config.json", cwd=root / "deploy")
    assert (root / "deploy" / ".fclint_cache" / FILE).is_file()


def test_fclint_clean_removes_the_cache_and_only_it(project: tuple[Path, Path]) -> None:
    root, folder = project
    run("check", ".", cwd=root)
    removed = run("clean", cwd=root)
    assert (removed.returncode, removed.stderr) == (0, f"fclint: removed {folder}\n")
    assert not folder.exists()
    again = run("clean", cwd=root)
    assert (again.returncode, again.stderr) == (0, f"fclint: no cache at {folder}\n")
    # A --cache-dir that holds other files: only what fclint wrote goes.
    mine = root / "build"
    mine.mkdir()
    (mine / "notes.txt").write_text("keep me\n", encoding="utf-8")
    run("check", "--cache-dir", str(mine), "config.json", cwd=root)
    assert (mine / FILE).is_file()
    run("clean", "--cache-dir", str(mine), cwd=root)
    assert sorted(p.name for p in mine.iterdir()) == ["notes.txt"]


def test_fix_works_from_cached_results_and_leaves_the_cache_true(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from test_fix import AFTER, tree

    monkeypatch.setenv("FCLINT_CACHE_DIR", str(tmp_path / "cache"))
    reference = tree(tmp_path / "reference")
    expected_fix = run("check", "--no-cache", "--fix", "--isolated", ".", cwd=reference)
    expected_after = run("check", "--no-cache", "--isolated", ".", cwd=reference)
    root = tree(tmp_path / "cached")
    run("check", "--isolated", ".", cwd=root)  # every result in the cache
    fixed = run("check", "--fix", "--isolated", ".", cwd=root)
    assert (fixed.returncode, fixed.stdout) == (expected_fix.returncode, expected_fix.stdout)
    assert fixed.stdout.splitlines()[-1] == "Applied 34 fixes to 8 files."
    for path in root.iterdir():
        if (AFTER / path.name).exists():
            assert path.read_bytes() == (AFTER / path.name).read_bytes(), path.name
    after = run("check", "--isolated", ".", cwd=root)
    assert (after.returncode, after.stdout) == (expected_after.returncode, expected_after.stdout)


# --- the progress line --------------------------------------------------------------------------

def _on_a_terminal(args: list[str], cwd: Path) -> tuple[int, str, str]:
    """Run fclint with stderr on a pseudo-terminal (stdout on a pipe): status, stdout, and
    what the terminal received."""
    import pty

    leader, follower = pty.openpty()
    env = {k: v for k, v in clean_env().items() if k != "CI"}
    process = subprocess.Popen([sys.executable, "-m", "fclint", *args], cwd=cwd, env=env,
                               stdout=subprocess.PIPE, stderr=follower)
    os.close(follower)
    received = b""
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # EIO: the last writer closed the terminal
            break
        if not chunk:
            break
        received += chunk
    out, _ = process.communicate(timeout=120)
    os.close(leader)
    return process.returncode, out.decode(), received.decode()


def test_a_long_run_on_a_terminal_shows_its_progress_then_erases_it(tmp_path: Path) -> None:
    _tree(tmp_path / "tree", 300)
    status, out, terminal = _on_a_terminal(["check", "--no-cache", "tree"], tmp_path)
    assert status == 1
    assert "\rfclint: " in terminal and "/300 files, " in terminal
    assert terminal.endswith("\r\x1b[K")  # gone when the run ends
    assert "\x1b" not in out and "\r" not in out  # the report itself has no trace of it
    assert out.splitlines()[-1] == "Found 100 errors in 300 FC config files (300 files checked)."
    quiet = _on_a_terminal(["check", "--no-cache", "--quiet", "tree"], tmp_path)
    assert (quiet[0], quiet[2]) == (1, "")


def test_no_progress_on_a_pipe_in_ci_or_on_a_short_run(tmp_path: Path) -> None:
    _tree(tmp_path / "tree", 300)
    piped = run("check", "--no-cache", "tree", cwd=tmp_path)
    assert (piped.returncode, piped.stderr) == (1, "")
    short = _on_a_terminal(["check", "--no-cache", "tree/c001.json", "tree/c003.json"], tmp_path)
    assert short[2] == ""
    env = clean_env() | {"CI": "true"}
    import pty

    leader, follower = pty.openpty()
    done = subprocess.run([sys.executable, "-m", "fclint", "check", "--no-cache", "tree"],
                          cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=follower,
                          timeout=120, check=False)
    os.close(follower)
    os.set_blocking(leader, False)
    try:
        received = os.read(leader, 65536)
    except (BlockingIOError, OSError):
        received = b""
    os.close(leader)
    assert (done.returncode, received) == (1, b"")
