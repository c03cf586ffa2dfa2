"""Fuzzing (issue 16): bodies generated from the schemas and then mutated, truncated texts,
random bytes and random Unicode, in every format fclint reads, through the engine and through
the command line. The properties: no internal error and no traceback; every `--format json` and
`sarif` report parses; every finding's position lies inside the file (lines as LSP counts them);
the same input gives the same output; `--fix` output still parses and a second `--fix` changes
nothing.

Budget: by default a derandomized run (the same examples every time, so it cannot flake) of
about a minute. More:

    FCLINT_FUZZ_EXAMPLES=5000 python -m pytest tests/test_fuzz.py  # more examples, derandomized
    FCLINT_FUZZ=long python -m pytest tests/test_fuzz.py           # random, 20x the examples

A failure prints the smallest example hypothesis found (and a `@reproduce_failure` blob). For
runs that collect every failure class instead of stopping at the first, see
tests/fuzz/collect.py.

The failures already known are in tests/fuzz/known.py: each has a reproducer below, a strict
xfail, and a branch in `_known_crash` / `_known_bad_output`, the filters that keep the
randomized tests green until it is fixed.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from fuzz import checks, formats
from fuzz.known import FIXED, REPRODUCERS, _known_crash, unexplained

LONG = os.environ.get("FCLINT_FUZZ") == "long"
EXAMPLES = int(os.environ.get("FCLINT_FUZZ_EXAMPLES", "0") or 0)
EXAMPLES_DIR = Path(__file__).resolve().parents[1] / "examples"
DATA = Path(__file__).resolve().parent / "data"


def budget(examples: int) -> settings:
    """`examples` by default; FCLINT_FUZZ_EXAMPLES instead, or 20 times more with FCLINT_FUZZ=long
    (and then random, not derandomized)."""
    count = EXAMPLES or (examples * 20 if LONG else examples)
    return settings(
        max_examples=count,
        deadline=None,
        derandomize=not LONG,
        database=None,
        print_blob=True,
        suppress_health_check=[
            HealthCheck.too_slow,
            HealthCheck.data_too_large,
            HealthCheck.filter_too_much,
            HealthCheck.large_base_example,
        ],
    )


def assert_none(problems: list[checks.Problem], data: bytes, name: str) -> None:
    problems = unexplained(problems, data, name)
    assert not problems, f"{name} {data[:2000]!r}:\n{checks.describe(problems)}"


def engine_case(case: formats.Case) -> None:
    name, data = case
    assume(_known_crash(data, name) is None)
    assert_none(checks.engine_problems(data, name), data, name)


# --- the engine: lint_bytes and fix_bytes, many examples ----------------------------------


@pytest.mark.parametrize("fmt", formats.FORMATS)
@budget(500)
@given(data=st.data())
def test_engine(fmt: str, data: st.DataObject) -> None:
    """No exception; spans inside the file; two lints agree; --fix output lints without a new
    syntax error, and fixing it again changes nothing."""
    engine_case(data.draw(formats.files(fmt), label="file"))


@budget(400)
@given(case=formats.crossed())
def test_engine_formats_crossed(case: formats.Case) -> None:
    """A file of one format named as another: a JSON body in a `.tf`, a notebook in a `.yaml`."""
    engine_case(case)


# --- the command line, fewer examples --------------------------------------------------------


@budget(200)
@given(case=formats.any_file())
def test_cli(case: formats.Case) -> None:
    """`fclint check --format json|sarif` (in this process): exit 0 or 1, no internal error, the
    reports parse (SARIF against its schema), their positions lie inside the file; then `--fix`
    twice on a copy: the first one's output parses, the second changes nothing."""
    name, data = case
    assume(_known_crash(data, name) is None)
    with tempfile.TemporaryDirectory() as tmp:
        assert_none(checks.cli_problems(data, name, Path(tmp)), data, name)


@budget(40)
@given(case=formats.any_file())
def test_cli_fresh_process(case: formats.Case) -> None:
    """`python -m fclint check` in a new interpreter with a random hash seed prints the same as
    the warm, in-process run, whose caches have seen every earlier example."""
    name, data = case
    assume(_known_crash(data, name) is None)
    with tempfile.TemporaryDirectory() as tmp:
        assert_none(
            checks.cli_problems(data, name, Path(tmp), fresh_process=True, fix=False), data, name
        )


# --- the known failures ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "reproducer",
    [
        pytest.param(
            r,
            marks=pytest.mark.xfail(
                strict=True, raises=AssertionError, reason=f"fuzz finding {r.id}: {r.reason}"
            ),
            id=f"{r.id}-{r.level}-{r.name}-{index}",
        )
        for index, r in enumerate(REPRODUCERS)
    ],
)
def test_known_failure(reproducer, tmp_path: Path) -> None:
    """Each known failure's smallest reproducer, expected to fail until it is fixed. It must fail
    the way it is documented: another failure is a real error here, not an xfail."""
    if reproducer.level == "engine":
        problems = checks.engine_problems(reproducer.data, reproducer.name)
    else:
        problems = checks.cli_problems(reproducer.data, reproducer.name, tmp_path)
    if problems and not any(reproducer.expect in str(p) for p in problems):
        raise RuntimeError(f"{reproducer.id} now fails otherwise:\n{checks.describe(problems)}")
    assert not problems, checks.describe(problems)


@pytest.mark.parametrize("reproducer", FIXED,
                         ids=[f"{r.id}-{r.level}-{r.name}-{i}" for i, r in enumerate(FIXED)])
def test_fixed_failure(reproducer, tmp_path: Path) -> None:
    """The reproducers of the failures fixed since the fuzz suite found them: each holds every
    property now."""
    if reproducer.level == "engine":
        problems = checks.engine_problems(reproducer.data, reproducer.name)
    else:
        problems = checks.cli_problems(reproducer.data, reproducer.name, tmp_path)
    assert not problems, checks.describe(problems)


def _project_files() -> list[Path]:
    found = [p for p in EXAMPLES_DIR.iterdir() if p.is_file()]
    for folder in (
        DATA / "http",
        DATA / "project",
        DATA / "terraform",
        DATA / "python",
        DATA / "mixed",
    ):
        found += [
            p
            for p in folder.rglob("*")
            if p.is_file()
            and p.suffix in (".json", ".http", ".rest", ".yaml", ".yml", ".tf", ".py", ".ipynb")
        ]
    return sorted(found)


@pytest.mark.parametrize("path", _project_files(), ids=lambda p: str(p.relative_to(p.parents[1])))
def test_real_files_pass_unfiltered(path: Path) -> None:
    """The project's own example files hold every property with no filter at all: the
    known-failure filters hide only the odd inputs they describe."""
    data = path.read_bytes()
    assert _known_crash(data, path.name) is None
    problems = checks.engine_problems(data, str(path))
    assert not problems, checks.describe(problems)
