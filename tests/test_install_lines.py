"""Every install command in fclint's docs, the VS Code extension's setting texts and fclint's own
messages is one that works today (issue 17). fclint is not on a package index, so a bare
`pip install fclint` or `fclint[...]` is allowed only where the same paragraph says so; every
extra named is one pyproject.toml declares; every repository URL, `git+` spec and Action `uses:`
is pyproject's `[project.urls]` Repository. The checker is run on planted bad lines too, so that
its silence on the real texts means something."""

from __future__ import annotations

import ast
import json
import re
import shlex
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest

from clihelp import fclint
from fclint.version import __version__
from snippets import README, snippet

ROOT = Path(__file__).resolve().parents[1]
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
URL = PROJECT["urls"]["Repository"]
OWNER_NAME = URL.removeprefix("https://github.com/")
EXTRAS = frozenset(PROJECT["optional-dependencies"])
TAG = f"v{__version__}"
DOCS = ("*.md", "*/README.md", "docs/**/*.md", "benchmarks/*.md", "fclint/**/*.md", "action.yml",
        ".pre-commit-hooks.yaml", "vscode-extension/src/*.ts", "jupyterlab-extension/**/*.js")

# A command's arguments end with the line, a code span, `&&`, `;`, a pipe or a comment.
INSTALL = re.compile(r"\b(?:pip3?|pipx|uv pip|uv tool)\s+install\b"
                     r"(?P<args>(?:(?!&&|\|\||[;|`]|\s#).)*)")
VALUE_OPTIONS = {"-r", "--requirement", "-c", "--constraint", "-t", "--target", "--prefix",
                 "-i", "--index-url", "--extra-index-url", "-f", "--find-links", "--python"}
SPEC = re.compile(r"(?P<name>[^\[\s@]+)(?:\[(?P<extras>[^\]]*)\])?(?:\s*@\s*(?P<url>\S+))?")
NOT_ON_INDEX = re.compile(r"not (?:yet )?on (?:a|any) package index|not (?:yet )?on PyPI", re.I)
EXTRA_MENTION = re.compile(r"\bfclint\[(?P<extras>[^\]]*)\]")
GIT_SPEC = re.compile(r"\bfclint(?:\[[^\]]*\])?\s*@\s*(?P<url>git\+[^\s'\"`)]+)")
GITHUB = re.compile(r"github\.com[/:](?P<repo>[^/\s'\"`)]+/fclint[\w.-]*)")
USES = re.compile(r"\buses:\s*(?P<repo>[^\s@'\"]+/fclint)@(?P<ref>\S+)")
PLACEHOLDER = re.compile(r"(?:\bOWNER|<owner>)/fclint\b")


def texts() -> Iterator[tuple[str, int, str]]:
    """(file, first line, text) for each doc, each string of the extension's package.json, and
    each string constant (docstrings and messages) of fclint's Python modules."""
    for pattern in DOCS:
        for path in sorted(ROOT.glob(pattern)):
            yield path.relative_to(ROOT).as_posix(), 1, path.read_text(encoding="utf-8")
    manifest = ROOT / "vscode-extension" / "package.json"
    raw = manifest.read_text(encoding="utf-8")
    for value in json_strings(json.loads(raw)):
        line = raw[:max(raw.find(json.dumps(value)[1:-1]), 0)].count("\n") + 1
        yield "vscode-extension/package.json", line, value
    for path in sorted((ROOT / "fclint").rglob("*.py")):
        yield from python_strings(path)


def json_strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from json_strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from json_strings(item)


def python_strings(path: Path) -> Iterator[tuple[str, int, str]]:
    name = path.relative_to(ROOT).as_posix() if path.is_relative_to(ROOT) else str(path)
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            yield name, node.lineno, node.value


def install_specs(line: str) -> Iterator[str]:
    """The requirement specs of each install command on `line`, options left out; a command in
    prose ends with its clause (`(from a checkout: pip install .)` gives `.`)."""
    for match in INSTALL.finditer(line):
        args = match.group("args")
        try:
            tokens = shlex.split(args)
        except ValueError:  # an unbalanced quote: the command's end is in other text
            tokens = [token.strip("'\"") for token in args.split()]
        yield from command_specs(tokens)


def command_specs(tokens: list[str]) -> Iterator[str]:
    specs: list[str] = []
    skip = joining = False
    for token in tokens:
        if skip or token.startswith("-"):
            skip = not skip and token in VALUE_OPTIONS
            continue
        if token.startswith("("):
            break
        word = token.rstrip("),;:")
        if len(word) > 1 and word.endswith(".") and not word.endswith(".."):
            word = word[:-1]  # the end of a sentence, not of a path
        if word == "@" and specs:
            joining = True
        elif joining:
            specs[-1], joining = f"{specs[-1]} @ {word}", False
        else:
            specs.append(word)
        if word != token:
            break
    yield from (" ".join(spec.split()) for spec in specs if spec)


def spec_problems(spec: str, paragraph: str) -> Iterator[str]:
    match = SPEC.fullmatch(spec)
    if match is None:
        return
    name, url = match.group("name"), match.group("url")
    path_like = "/" in name or name.startswith(".")
    if not (name.lower() == "fclint" or name in {".", "./"} or (url and "fclint" in url)
            or path_like and Path(name).name.lower().startswith("fclint")):
        return  # another package (`check-jsonschema==0.39.0`, `build`, `<spec>`)
    yield from extra_problems(match.group("extras"))
    if url is not None:
        yield from url_problems(url)
    elif name.lower() == "fclint" and not NOT_ON_INDEX.search(paragraph):
        yield (f"{spec!r} installs fclint from a package index, where it is not (install it from a "
               f"checkout, a wheel or git+{URL}, or say that it is not on a package index)")


def extra_problems(extras: str | None) -> Iterator[str]:
    for extra in (extras or "").split(","):
        if extra.strip() and extra.strip() not in EXTRAS:
            yield (f"the extra {extra.strip()!r} is not in pyproject.toml's optional-dependencies "
                   f"({', '.join(sorted(EXTRAS))})")


def url_problems(url: str) -> Iterator[str]:
    if not url.startswith("git+"):
        yield f"fclint from {url!r}, not from its repository git+{URL}"
        return
    repository = re.sub(r"(?<=[^/:])@[^/]*$", "", url.removeprefix("git+").split("#")[0])
    if repository.removesuffix(".git") != URL:
        yield f"{url!r} is not the repository of pyproject.toml's [project.urls], {URL}"


def problems(name: str, first_line: int, text: str) -> list[str]:
    """What is wrong with the install lines and repository references of one text, each as
    `name:line: what`."""
    found: set[tuple[int, str]] = set()
    paragraph = ""
    lines = text.splitlines()
    for index, line in enumerate(lines):
        if index == 0 or not lines[index - 1].strip():
            end = next((i for i in range(index, len(lines)) if not lines[i].strip()), len(lines))
            paragraph = "\n".join(lines[index:end])
        where = first_line + index
        for spec in install_specs(line):
            found.update((where, what) for what in spec_problems(spec, paragraph))
        for match in EXTRA_MENTION.finditer(line):
            found.update((where, what) for what in extra_problems(match.group("extras")))
        for match in GIT_SPEC.finditer(line):
            found.update((where, what) for what in url_problems(match.group("url")))
        for match in GITHUB.finditer(line):
            if match.group("repo").removesuffix(".git") != OWNER_NAME:
                found.add((where, f"{match.group()!r} is not the repository, {URL}"))
        for match in USES.finditer(line):
            if match.group("repo") != OWNER_NAME:
                found.add((where, f"{match.group()!r} does not name {OWNER_NAME}"))
        for match in PLACEHOLDER.finditer(line):
            found.add((where, f"{match.group()!r} is a placeholder for {OWNER_NAME}"))
    return [f"{name}:{line}: {what}" for line, what in sorted(found)]


def test_every_install_line_works() -> None:
    found = [problem for text in texts() for problem in problems(*text)]
    assert found == []


def test_the_install_lines_are_seen() -> None:
    """The checker reads the lines it is meant to: an empty result above is not for want of them."""
    seen: dict[str, set[str]] = {}
    for name, _, text in texts():
        for line in text.splitlines():
            seen.setdefault(name, set()).update(install_specs(line))
    assert {".", ".[test]", ".[jupyter]", f"fclint @ git+{URL}", f"fclint[jupyter] @ git+{URL}",
            "dist/fclint-*.whl", "fclint"} <= seen["README.md"]
    assert "." in seen["vscode-extension/README.md"]
    assert "." in seen["fclint/lsp/__init__.py"]  # the server's message when pygls is missing
    assert ".[jupyter]" in seen["fclint/jupyter_spec.py"]  # what JupyterLab shows


BAD = {
    "pip install 'fclint[lsp]'": "from a package index",
    "run `pip install fclint` first": "from a package index",
    "python -m pip install --upgrade fclint": "from a package index",
    "pipx install fclint": "from a package index",
    "install it (pip install fclint)": "from a package index",
    "pip install '.[tests]'": "the extra 'tests' is not",
    "pip install -e '.[lsp,notebook]'": "the extra 'notebook' is not",
    "with `fclint[notebook]` installed": "the extra 'notebook' is not",
    'pip install "fclint @ git+https://github.com/OWNER/fclint"': "is not the repository",
    "pip install 'fclint[jupyter] @ git+https://example.com/fclint.git@v0.1.0'": "is not the repo",
    "pip install 'fclint @ https://example.com/fclint-0.1.0.tar.gz'": "not from its repository",
    "    - repo: https://github.com/someone/fclint": "is not the repository",
    "        - uses: OWNER/fclint@v0": "does not name",
    "see <owner>/fclint on GitHub": "is a placeholder",
}
GOOD = [
    "pip install .",
    "pip install -e '.[test]' && python -m pytest -q",
    f'pip install "fclint @ git+{URL}"',
    f"pip install 'fclint[jupyter,lsp] @ git+{URL}.git@{TAG}'",
    "fclint is not yet on a package index: once it is, `pip install fclint` will do.",
    "pip install /path/to/fclint-0.1.0-py3-none-any.whl",
    "/tmp/cjs/bin/pip install check-jsonschema==0.39.0",
    f"- uses: {OWNER_NAME}@{TAG}",
    "`<interpreter> -m pip install <spec>`",
]


@pytest.mark.parametrize("line", BAD, ids=list(BAD))
def test_a_planted_bad_line_is_found(line: str) -> None:
    readme = README.read_text(encoding="utf-8").rstrip("\n")
    number = readme.count("\n") + 3  # after the README's last line and a blank one
    found = problems("README.md", 1, f"{readme}\n\n{line}\n")
    assert found, line
    assert all(problem.startswith(f"README.md:{number}: ") for problem in found), found
    assert any(BAD[line] in problem for problem in found), found


@pytest.mark.parametrize("line", GOOD)
def test_a_good_line_passes(line: str) -> None:
    assert problems("README.md", 1, f"{line}\n") == []


def test_a_bad_message_in_python_is_found(tmp_path: Path) -> None:
    module = tmp_path / "message.py"
    module.write_text('import sys\n\n\ndef main():\n    sys.exit("fclint: error: the server needs '
                      'pygls; "\n             "pip install \'fclint[lsp]\'")\n', encoding="utf-8")
    found = [problem for text in python_strings(module) for problem in problems(*text)]
    assert len(found) == 1 and found[0].startswith(f"{module}:5: "), found


def test_the_extension_installs_from_this_repository() -> None:
    options = (ROOT / "vscode-extension" / "src" / "options.ts").read_text(encoding="utf-8")
    spec = re.search(r'export const INSTALL_SPEC = "([^"]*)";', options)
    assert spec is not None
    assert spec.group(1) == f"fclint @ git+{URL}"


def test_the_jupyter_extra_brings_what_the_magic_and_jupyterlab_need() -> None:
    extra = PROJECT["optional-dependencies"]["jupyter"]
    names = {re.match(r"[A-Za-z0-9._-]+", requirement).group().lower() for requirement in extra}
    assert {"ipython", "ipykernel", "jupyter-lsp"} <= names, extra


def test_the_readme_says_how_to_cut_a_release() -> None:
    text = README.read_text(encoding="utf-8")
    assert NOT_ON_INDEX.search(text)
    assert f'__version__ = "{__version__}"' in text and f"git tag -a {TAG} " in text
    assert f"rev: {TAG}\n" in snippet(f"repo: {URL}")


def action_step() -> dict:
    yaml = pytest.importorskip("yaml")
    workflow = yaml.safe_load(snippet(f"uses: {OWNER_NAME}@"))
    steps = [step for job in workflow["jobs"].values() for step in job["steps"]
             if step.get("uses", "").startswith(f"{OWNER_NAME}@")]
    assert len(steps) == 1, workflow
    return steps[0]


def test_the_action_snippet_matches_action_yml() -> None:
    from test_gate import action

    step = action_step()
    assert step["uses"] == f"{OWNER_NAME}@{TAG}"
    assert set(step["with"]) <= set(action()["inputs"]), step["with"]
    header = (ROOT / "action.yml").read_text(encoding="utf-8")
    assert re.findall(r"^#\s+- uses: (\S+)", header, re.M) == [step["uses"]]


def test_the_action_snippet_runs(tmp_path: Path) -> None:
    """The snippet's inputs through the action's steps (with the fclint under test): its
    baseline holds today's finding, so only a new one fails the step."""
    from test_gate import run_action

    inputs = {key: str(value).lower() if isinstance(value, bool) else str(value)
              for key, value in action_step()["with"].items()}
    (tmp_path / "old.json").write_text('{"maxAsyncRetryAttempts": 9}\n', encoding="utf-8")
    baseline = re.search(r"--baseline (\S+)", inputs["args"])
    assert baseline is not None
    written = fclint("check", "--write-baseline", baseline.group(1), ".", cwd=tmp_path)
    assert (tmp_path / baseline.group(1)).is_file(), written.stderr
    status, outputs = run_action(tmp_path, inputs)
    assert status == 0, outputs
    assert (tmp_path / outputs["sarif-file"]).is_file()
    (tmp_path / "new.json").write_text('{"maxAsyncRetryAttempts": 10}\n', encoding="utf-8")
    status, outputs = run_action(tmp_path, inputs)
    assert status == 1, outputs
    assert "::error file=new.json,line=1,col=27" in outputs["log:Run fclint"]
    assert "old.json" not in outputs["log:Run fclint"]
