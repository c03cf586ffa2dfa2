"""Markdown documents (`.md`, `.markdown`): each fenced code block is linted by the front end of
its language, every finding at its line and column in the Markdown file; blocks of other
languages, blocks that are not code by CommonMark's rules, prose, and README-like files give
nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from clihelp import DATA, fclint

from fclint.config import Settings
from fclint.engine import lint_text
from fclint.fix import fix_text
from fclint.formats import markdown, md_fences

ROOT = Path(__file__).resolve().parents[1]
BODY = '{"maxAsyncRetryAttempts": 9}'
TF = ('resource "alicloud_fcv3_async_invoke_config" "c" {\n  function_name            = "fn"\n'
      '  max_async_retry_attempts = 9\n}\n')
PUT3 = "PUT https://1234567890123456.cn-hangzhou.fc.aliyuncs.com/2023-03-30/functions/fn/async-invoke-config"
SH = "aliyun fc PutAsyncInvokeConfig --functionName fn --body '" + BODY + "'\n"


def located(text: str, name: str = "README.md", settings: Settings | None = None) -> list[str]:
    result = lint_text(text, name, settings or Settings())
    return [f"{d.span.line}:{d.span.column} {d.code}" for d in result.diagnostics]


def fenced(info: str, body: str, fence: str = "```") -> str:
    """A document with a heading and a paragraph, then the block: it opens on line 5."""
    return f"# Title\n\nSome prose.\n\n{fence}{info}\n{body}{fence}\n"


# --- files modelled on real ones (each says which) ----------------------------------------------

FILES = {
    "provider-doc.html.markdown": [
        "19:10 FC034",  # the ```hcl example sets no maximum_retry_attempts
        "25:21 FC011",  # .../queues/dlq/message
        "41:28 FC006",  # the ```terraform example: 9 retries
        "42:29 FC023",  # qualifier "latest"
        "55:69 FC036",  # the untagged import block: my_function (the ```shell one is right)
    ],
    # The s.yaml in the ```yaml block keeps the docs' {region} placeholder; the ```json
    # blocks are RAM policies and give nothing.
    "devs-readme.md": ["41:24 FC017"],
    # The untagged AsyncConfiguration block: /message, and 20 s for 3 retries; the other
    # untagged block is read as YAML and holds no async config.
    "funcraft-spec.md": ["11:20 FC011", "13:32 FC040"],
    "ordinary-readme.md": [],
}


@pytest.mark.parametrize("name", FILES)
def test_files(name: str) -> None:
    text = (DATA / "markdown" / name).read_text(encoding="utf-8")
    result = lint_text(text, name, Settings())
    assert [f"{d.span.line}:{d.span.column} {d.code}" for d in result.diagnostics] == FILES[name]
    assert result.is_config == bool(FILES[name])
    assert all(d.cell is None for d in result.diagnostics)


# --- one feature at a time ----------------------------------------------------------------------

CASES = {
    # every language, by its info string
    "json": (fenced("json", BODY + "\n"), ["6:27 FC006"]),
    "jsonc, comments blanked": (
        fenced("jsonc", '{\n  // retries\n  "maxAsyncRetryAttempts": 9 /* too many */\n}\n'),
        ["8:28 FC006"]),
    "yaml": (fenced("yaml", "maxAsyncRetryAttempts: 9\n"), ["6:24 FC006"]),
    "yml": (fenced("yml", "maxAsyncRetryAttempts: 9\n"), ["6:24 FC006"]),
    "hcl": (fenced("hcl", TF), ["8:30 FC006"]),
    "terraform": (fenced("terraform", TF), ["8:30 FC006"]),
    "tf": (fenced("tf", TF), ["8:30 FC006"]),
    "http": (fenced("http", f"{PUT3}\n\n{BODY}\n"), ["8:27 FC006"]),
    "rest": (fenced("rest", f"{PUT3}\n\n{BODY}\n"), ["8:27 FC006"]),
    "sh": (fenced("sh", SH), ["6:84 FC006"]),
    "shell": (fenced("shell", SH), ["6:84 FC006"]),
    "bash": (fenced("bash", SH), ["6:84 FC006"]),
    "zsh": (fenced("zsh", SH), ["6:84 FC006"]),
    "console: commands after a prompt, not the output": (
        fenced("console", f"$ {SH}{BODY}\n$ echo don't\n"), ["6:86 FC006"]),
    "console: a continued command": (
        fenced("console", "$ aliyun fc PutAsyncInvokeConfig --functionName fn \\\n"
                          f">   --body '{BODY}'\n"), ["7:39 FC006"]),
    "info string in capitals, with attributes": (fenced("JSON title=body.json", BODY + "\n"),
                                                 ["6:27 FC006"]),
    "tildes": (fenced("yaml", "maxAsyncRetryAttempts: 9\n", fence="~~~"), ["6:24 FC006"]),
    "a longer fence": (fenced("yaml", "maxAsyncRetryAttempts: 9\n", fence="````"),
                       ["6:24 FC006"]),
    # untagged blocks, by their content
    "untagged JSON": (fenced("", BODY + "\n"), ["6:27 FC006"]),
    "untagged YAML": (fenced("", "maxAsyncRetryAttempts: 9\n"), ["6:24 FC006"]),
    "untagged Terraform": (fenced("", TF), ["8:30 FC006"]),
    "untagged request": (fenced("", f"{PUT3}\n\n{BODY}\n"), ["8:27 FC006"]),
    "untagged console": (fenced("", "$ terraform import alicloud_fc_function_async_invoke_config.c fn\n"),
                         ["6:63 FC036"]),
    "untagged, not YAML after all": (fenced("", "maxAsyncRetryAttempts: 9\n\tmore: `x`\n"), []),
    "a tagged block that does not parse is reported": (
        fenced("yaml", "maxAsyncRetryAttempts: [9\n"), ["7:1 FC000"]),
    # Documentation elides with `...`: an excerpt, whose syntax error is not one; a block
    # without an elision is still reported, and so is the rest of a block that parses.
    "an elided YAML block": (
        fenced("yaml", "asyncInvokeConfig:\n  maxAsyncRetryAttempts: 2\n  ...\n"), []),
    "an elided JSON block": (fenced("json", '{"maxAsyncRetryAttempts": 9, ...}\n'), []),
    "an elided JSON block, with an ellipsis character": (
        fenced("json", '{\n  "maxAsyncRetryAttempts": 9,\n  …\n}\n'), []),
    "dots inside a string are no elision": (
        fenced("json", '{"maxAsyncRetryAttempts": 9, "note": "see ...",}\n'),
        ["6:27 FC006", "6:30 FC001", "6:47 FC000"]),
    "a json block's comments are blanked, as documentation writes them": (
        fenced("json", '{\n  // retries\n  "maxAsyncRetryAttempts": 9\n}\n'), ["8:28 FC006"]),
    # where blocks stand: later lines, containers, and what CommonMark does not take as code
    "later in the document": ("# T\n\n" + "para\n\n" * 40 + f"```json\n\n\n{BODY}\n```\n",
                              ["86:27 FC006"]),
    "in a block quote": ("> ```yaml\n> maxAsyncRetryAttempts: 9\n> ```\n", ["2:26 FC006"]),
    "in a nested list item": (("1. Set it:\n\n   - like this\n\n     ```json\n"
                               f"     {BODY}\n     ```\n"), ["6:32 FC006"]),
    "unclosed at the end": (f"```json\n{BODY}", ["2:27 FC006"]),
    "CRLF line ends": (fenced("yaml", "maxAsyncRetryAttempts: 9\n").replace("\n", "\r\n"),
                       ["6:24 FC006"]),
    "indented four spaces: code, not a fence": (f"    ```json\n    {BODY}\n    ```\n", []),
    "inside an HTML comment": (f"<!--\n```json\n{BODY}\n```\n-->\n", []),
    "a block that shows Markdown": (fenced("", f"```json\n{BODY}\n```\n", fence="~~~"), []),
    "in a Markdown block": (fenced("markdown", f"```json\n{BODY}\n```\n", fence="~~~~"), []),
    "another language": (fenced("python", "body = " + BODY + "\n"), []),
    "a RAM policy": (fenced("json", '{"Version": "1", "Statement": [{"Effect": "Allow", '
                                    '"Action": "mns:SendMessage", "Resource": "*"}]}\n'), []),
    "the word in prose": ("Async configs set maxAsyncRetryAttempts: 9 at most 8.\n", []),
    # the same block twice: each reported once, where it is
    "the same block twice": (fenced("json", BODY + "\n") + "\nAgain:\n\n```json\n" + BODY + "\n```\n",
                             ["6:27 FC006", "12:27 FC006"]),
}


@pytest.mark.parametrize("name", CASES)
def test_cases(name: str) -> None:
    text, expected = CASES[name]
    assert located(text) == expected


@pytest.mark.parametrize("path", [ROOT / "README.md", ROOT / "benchmarks" / "README.md",
                                  ROOT / "vscode-extension" / "README.md",
                                  DATA / "markdown" / "ordinary-readme.md",
                                  DATA / "mixed" / "README.md"], ids=lambda p: p.name)
def test_readme_like_files_give_nothing(path: Path) -> None:
    result = lint_text(path.read_text(encoding="utf-8"), path.name, Settings())
    assert (result.is_config, result.diagnostics) == (False, [])


def test_documents_without_the_words_are_not_parsed(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(text: str) -> None:
        raise AssertionError("parsed")

    monkeypatch.setattr(markdown, "fences", fail)
    text = "# Deploy\n\nCopy the site to its destination folder.\n\n```sh\nnpm run deploy\n```\n"
    assert list(markdown.documents(text, "README.md", Settings(), None)) == []


CONFORMANCE = {  # CommonMark's corners, beside the cases above
    "an HTML block without a blank line": "<details>\n```json\n{}\n```\n</details>\n",
    "a paragraph interrupted": "text\n```yaml\na: 1\n```\n",
    "a lazy line ends a quoted block": "> ```\n> a\nb\n```\n",
    "a backtick in a backtick info string": "``` a`b\nfoo\n```\n",
    "a longer closing fence": "````\n```\n``````\n",
    "a list in a quote": "> - x\n>\n>   ```sh\n>   ls\n>   ```\n",
    "inside <pre>": "<pre>\n```\nx\n```\n</pre>\n",
    "a fence in a list item's first line": "- ```json\n  {}\n  ```\n",
}


@pytest.mark.parametrize("text", [*(t for t, _ in CASES.values()), *CONFORMANCE.values(),
                                  *(p.read_text(encoding="utf-8")
                                    for p in sorted((DATA / "markdown").iterdir()))])
def test_blocks_are_commonmarks(text: str) -> None:
    """The blocks found are the fences a CommonMark parser finds (markdown-it-py, test-only):
    the same opening lines and languages (an empty block has nothing to read)."""
    markdown_it = pytest.importorskip("markdown_it")
    tokens = markdown_it.MarkdownIt("commonmark").parse(text)
    expected = [(t.map[0] + 1, (t.info.split() or [""])[0].lower())
                for t in tokens if t.type == "fence" and t.content]
    assert [(f.line, f.language) for f in md_fences.fences(text)] == expected


def test_containers_are_blanked_not_removed() -> None:
    [fence] = md_fences.fences("> - item\n>\n>   ```yaml\n>   a: 1\n>   ```\n")
    assert (fence.language, fence.line) == ("yaml", 3)
    assert fence.text == "\n\n\n    a: 1\n    "


def test_a_block_is_not_part_of_the_folders_module(tmp_path: Path) -> None:
    """A README beside main.tf: its example refers to a function the module does not declare,
    which is no reason to warn (FC043 is for the module's own files)."""
    (tmp_path / "main.tf").write_text('resource "alicloud_fcv3_function" "a" {\n'
                                      '  function_name = "a"\n}\n', encoding="utf-8")
    block = ('resource "alicloud_fcv3_async_invoke_config" "c" {\n  function_name = "a"\n'
             '  destination_config {\n    on_failure {\n'
             '      destination = "acs:fc:cn-hangzhou:1234567890123456:functions/'
             '${alicloud_fcv3_function.b.function_name}"\n    }\n  }\n}\n')
    readme = tmp_path / "README.md"
    readme.write_text(fenced("hcl", block), encoding="utf-8")
    assert located(readme.read_text(encoding="utf-8"), str(readme)) == []
    (tmp_path / "c.tf").write_text(block, encoding="utf-8")  # the same block as a module file
    assert located(block, str(tmp_path / "c.tf")) == ["5:21 FC043"]


def test_fixes_land_in_the_block() -> None:
    text = ("Intro.\n\n> ```yaml\n> maxAsyncRetryAttempt: 3\n> destinationConfig:\n"
            ">   onFailure:\n>     destination: acs:mns:cn-hangzhou:1234567890123456:/queues/q/message\n"
            "> ```\n")
    fixed = fix_text(text, "docs.md", Settings())
    assert fixed.text == text.replace("Attempt:", "Attempts:").replace("/message\n", "/messages\n")
    assert fixed.result.diagnostics == []


def test_markdown_through_the_cli(tmp_path: Path) -> None:
    result = fclint("check", "--format", "json", str(DATA / "markdown" / "funcraft-spec.md"),
                    cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    found = [(d["line"], d["column"], d["code"], d["cell"]) for d in json.loads(result.stdout)]
    assert found == [(11, 20, "FC011", None), (13, 32, "FC040", None)]


# --- a file named on the command line in a format fclint does not read -------------------------

def test_an_unread_format_is_skipped_with_a_note(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text(BODY, encoding="utf-8")
    (tmp_path / "x.cfg").write_text("not json at all", encoding="utf-8")
    result = fclint("check", "notes.txt", "x.cfg", cwd=tmp_path)
    assert result.returncode == 0, result.stdout
    assert result.stderr.splitlines() == [
        "fclint: note: notes.txt: not a format fclint reads; skipped",
        "fclint: note: x.cfg: not a format fclint reads; skipped",
    ]
    assert result.stdout == "No problems found in 0 FC config files (0 files checked).\n"


def test_an_unread_format_beside_findings(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("hello", encoding="utf-8")
    (tmp_path / "put.json").write_text(BODY, encoding="utf-8")
    result = fclint("check", "notes.txt", "put.json", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout.splitlines()[0].startswith("put.json:1:27: FC006")
    assert "notes.txt: not a format fclint reads; skipped" in result.stderr


def test_kind_and_standard_input_still_read_json(tmp_path: Path) -> None:
    (tmp_path / "body.txt").write_text(BODY, encoding="utf-8")
    forced = fclint("check", "--kind", "fc2-request", "body.txt", cwd=tmp_path)
    assert (forced.returncode, forced.stderr) == (1, "")
    assert forced.stdout.startswith("body.txt:1:27: FC006")
    piped = fclint("check", "--stdin-filename", "notes.txt", "-", cwd=tmp_path,
                   stdin=BODY.encode())
    assert piped.stdout.startswith("notes.txt:1:27: FC006")
    shell = fclint("check", "--stdin-filename", "deploy.sh", "-", cwd=tmp_path,
                   stdin=SH.encode())
    assert shell.stdout.startswith("deploy.sh:1:84: FC006")


def test_a_folder_walk_reads_markdown_and_shell(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "async.md").write_text(fenced("json", BODY + "\n"), encoding="utf-8")
    (tmp_path / "deploy.sh").write_text(SH, encoding="utf-8")
    (tmp_path / "notes.txt").write_text(BODY, encoding="utf-8")
    result = fclint("check", ".", cwd=tmp_path)
    assert result.stdout.splitlines()[:2] == [
        "deploy.sh:1:84: FC006 9 is greater than the maximum of 8 for maxAsyncRetryAttempts",
        "docs/async.md:6:27: FC006 9 is greater than the maximum of 8 for maxAsyncRetryAttempts",
    ]
    assert result.stderr == ""  # notes.txt is passed over in a folder, as before
