"""Inline suppression is read from comments as each format's own tokenizer finds them: a real
comment suppresses (on its line, or alone on the line before), while the same text in a string,
a block scalar or a heredoc is data, suppresses nothing and is not reported as unused (FC091).
Every finding of the text is asserted as "line:column CODE"."""

from __future__ import annotations

from typing import Any

import pytest

from fclint import suppression
from fclint.config import Settings
from fclint.diagnostic import Span
from fclint.engine import lint_text
from fclint.formats import FRONT_ENDS, Comment, front_end

PUT = "PUT /2016-08-15/services/svc/functions/fn/async-invoke-config"
POST = "POST /2016-08-15/services/svc/functions/fn/async-invoke-config"
TF = ('resource "alicloud_fc_function_async_invoke_config" "c" {\n'
      '  service_name  = "svc"\n  function_name = "fn"\n')


def found(text: str, path: str) -> list[str]:
    return [f"{d.span.line}:{d.span.column} {d.code}"
            for d in lint_text(text, path, Settings()).diagnostics]


def tf(*lines: str) -> str:
    """An FC 2.0 resource whose `lines` start on line 4."""
    return TF + "".join(f"  {line}\n" for line in lines) + "}\n"


# format -> case name -> (text, expected findings); the file is named by the format.
SH = ("aliyun fc-open PutFunctionAsyncInvokeConfig --serviceName s --functionName f --body "
      "'{\"maxAsyncRetryAttempts\": 9}'\n")  # as the aliyun CLI's documentation writes it
CASES: dict[str, dict[str, tuple[str, list[str]]]] = {
    "c.yaml": {
        "unsuppressed": ("maxAsyncRetryAttempts: 9\n", ["1:24 FC006"]),
        "a comment on the line": ("maxAsyncRetryAttempts: 9  # fclint: ignore[FC006] raised\n", []),
        "a comment alone on the line before": (
            "# fclint: ignore[FC006] raised\nmaxAsyncRetryAttempts: 9\n", []),
        "a comment in a flow mapping": (
            "{maxAsyncRetryAttempts: 9, # fclint: ignore[FC006]\n maxAsyncEventAgeInSeconds: 60}\n",
            []),
        "a block scalar's header comment": (
            "description: | # fclint: ignore[FC001] a note\n  text\nmaxAsyncRetryAttempts: 3\n", []),
        "in a double-quoted string": (
            'maxAsyncRetryAttempts: 3\ndescription: "text # fclint: ignore[FC001] inside"\n',
            ["2:1 FC001"]),
        "in a single-quoted string": (
            "maxAsyncRetryAttempts: 3\ndescription: 'it''s # fclint: ignore[FC001]'\n",
            ["2:1 FC001"]),
        "in a quoted string in a flow mapping": (
            '{maxAsyncRetryAttempts: 9, d: "# fclint: ignore[FC006]"}\n', ["1:25 FC006", "1:28 FC001"]),
        "alone in a literal block scalar": (
            "description: |\n  # fclint: ignore[FC006]\nmaxAsyncRetryAttempts: 9\n",
            ["1:1 FC001", "3:24 FC006"]),
        "alone in a folded block scalar": (
            "description: >-\n  # fclint: ignore[FC006]\nmaxAsyncRetryAttempts: 9\n",
            ["1:1 FC001", "3:24 FC006"]),
        "after text in a folded block scalar": (
            "description: >\n  text # fclint: ignore[FC001]\nmaxAsyncRetryAttempts: 3\n", ["1:1 FC001"]),
        "a # inside a plain scalar": (
            "description: a#fclint:ignore[FC001]\nmaxAsyncRetryAttempts: 3\n", ["1:1 FC001"]),
        "a # right after a quoted string": (
            'description: "a"# fclint: ignore[FC001]\nmaxAsyncRetryAttempts: 3\n', ["1:1 FC001"]),
        "broken: in the unterminated string": (
            'maxAsyncRetryAttempts: 9\ndescription: "open # fclint: ignore[FC001]\n', ["3:1 FC000"]),
        "broken: the next document still suppresses": (
            ('description: "open # fclint: ignore[FC001]\n---\n'
             "maxAsyncRetryAttempts: 9  # fclint: ignore[FC006]\n"), ["2:1 FC000"]),
    },
    "c.py": {
        "unsuppressed": ('x = {"maxAsyncRetryAttempts": 9, "maxAsyncEventAgeInSeconds": 300}\n', ["1:31 FC006"]),
        "a comment on the line": ('x = {"maxAsyncRetryAttempts": 9, "maxAsyncEventAgeInSeconds": 300}  # fclint: ignore[FC006]\n', []),
        "a comment alone on the line before": (
            '# fclint: ignore[FC006]\nx = {"maxAsyncRetryAttempts": 9, "maxAsyncEventAgeInSeconds": 300}\n', []),
        "a comment after a string holding #": (
            'x = {"maxAsyncRetryAttempts": 9, "destinationConfg": "#", "maxAsyncEventAgeInSeconds": 300}  # fclint: ignore[FC006, FC001]\n', []),
        "in a string": (
            'x = {"maxAsyncRetryAttempts": 9, "destinationConfg": "# fclint: ignore[FC006]", "maxAsyncEventAgeInSeconds": 300}\n',
            ["1:31 FC006", "1:34 FC001"]),
        "in a string, with nothing to suppress": (
            'x = {"maxAsyncRetryAttempts": 3, "maxAsyncEventAgeInSeconds": 300}\nnote = "# fclint: ignore[FC006]"\n', []),
        "in an f-string": (
            'x = {"maxAsyncRetryAttempts": 9, "destinationConfg": f"{n} # fclint: ignore[FC006]", "maxAsyncEventAgeInSeconds": 300}\n',
            ["1:31 FC006", "1:34 FC001"]),
        "alone in a docstring": (
            ('def f():\n    """Retries.\n\n    # fclint: ignore[FC006]"""\n'
             '    return {"maxAsyncRetryAttempts": 9, "maxAsyncEventAgeInSeconds": 300}\n'), ["5:38 FC006"]),
        "alone in a triple-quoted string": (
            'note = """\n# fclint: ignore[FC006]\n"""; x = {"maxAsyncRetryAttempts": 9, "maxAsyncEventAgeInSeconds": 300}\n',
            ["3:36 FC006"]),
        "broken: in the unterminated string": (
            'x = {"maxAsyncRetryAttempts": 9, "maxAsyncEventAgeInSeconds": 300}\ny = "open # fclint: ignore[FC006]\n', ["2:5 FC000"]),
        "broken: after a bad dedent, no comment is known": (
            ('def f():\n        x = {"maxAsyncRetryAttempts": 9, "maxAsyncEventAgeInSeconds": 300}\n'
             '    y = 1  # fclint: ignore[FC000]\n'), ["3:35 FC000"]),
    },
    "main.tf": {
        "unsuppressed": (tf("maximum_retry_attempts = 9"), ["4:28 FC006"]),
        "a # comment on the line": (tf("maximum_retry_attempts = 9 # fclint: ignore[FC006]"), []),
        "a // comment on the line": (tf("maximum_retry_attempts = 9 // fclint: ignore[FC006]"), []),
        "a /* */ comment on the line": (
            tf("maximum_retry_attempts = 9 /* fclint: ignore[FC006] */"), []),
        "a /* */ comment before the attribute, on its line": (
            tf("/* fclint: ignore[FC006] */ maximum_retry_attempts = 9"), []),
        "a # comment alone on the line before": (
            tf("# fclint: ignore[FC006]", "maximum_retry_attempts = 9"), []),
        "a /* */ comment alone on the line before": (
            tf("/* fclint: ignore[FC006] */", "maximum_retry_attempts = 9"), []),
        "in a string": (
            tf('qualifier = "LATEST # fclint: ignore[FC006]"', "maximum_retry_attempts = 9"),
            ["4:16 FC023", "5:28 FC006"]),
        "in a template": (
            tf('qualifier = "${var.q} # fclint: ignore[FC006]"', "maximum_retry_attempts = 9"),
            ["5:28 FC006"]),
        "alone in a heredoc": (
            tf("qualifier = <<EOT", "# fclint: ignore[FC006]", "EOT", "maximum_retry_attempts = 9"),
            ["7:28 FC006"]),
        "broken: in a string that runs on": (
            tf('qualifier = "open # fclint: ignore[FC006]', "maximum_retry_attempts = 9"),
            ["7:1 FC000"]),
    },
    "c.http": {
        "unsuppressed": (POST + "\n", ["1:1 FC061"]),
        "a # line before": ("# fclint: ignore[FC061] our gateway takes POST\n" + POST + "\n", []),
        "a // line before": ("// fclint: ignore[FC061] our gateway takes POST\n" + POST + "\n", []),
        "an indented # line before": ("  # fclint: ignore[FC061]\n" + POST + "\n", []),
        "a comment line in the body": (
            PUT + '\n\n# fclint: ignore[FC006]\n{"maxAsyncRetryAttempts": 9}\n', []),
        # REST Client reads both as part of the request: the URL, the JSON body.
        "after the request line": (POST + "  # fclint: ignore[FC061]\n", []),
        "after a body line": (
            PUT + '\n\n{"maxAsyncRetryAttempts": 9}  # fclint: ignore[FC006]\n',
            ["3:27 FC006", "3:31 FC000"]),
        "in a JSON string of the body": (
            PUT + '\n\n{"maxAsyncRetryAttempts": 9, "x": "# fclint: ignore[FC006]"}\n',
            ["3:27 FC006", "3:30 FC001"]),
        # JetBrains takes the text after ### for the next request's name.
        "on a ### separator": ("### fclint: ignore[FC061]\n" + POST + "\n", ["2:1 FC061"]),
    },
    "c.sh": {
        "unsuppressed": (SH, ["1:112 FC006"]),
        "a comment after the command": (SH.rstrip("\n") + "  # fclint: ignore[FC006]\n", []),
        "a comment line before": ("# fclint: ignore[FC006]\n" + SH, []),
        "in the quoted JSON argument": (
            SH.replace("9}", '9, "x": "# fclint: ignore[FC006]"}'), ["1:112 FC006", "1:115 FC001"]),
    },
}

FLAT = {f"{path}: {name}": (path, *case) for path, table in CASES.items()
        for name, case in table.items()}


@pytest.mark.parametrize("path, text, expected", FLAT.values(), ids=FLAT.keys())
def test_case(path: str, text: str, expected: list[str]) -> None:
    assert found(text, path) == expected


@pytest.mark.parametrize("suffix", sorted(FRONT_ENDS))
def test_front_ends_with_comments_read_them(suffix: str) -> None:
    module: Any = front_end("f" + suffix)
    assert callable(getattr(module, "comments", None)) == module.COMMENTS
    # JSON has no comments; a notebook's cells are not numbered as its file's lines; Markdown's
    # prose may quote a suppression (this project's README does).
    assert module.COMMENTS == (suffix not in (".json", ".ipynb", ".md", ".markdown"))


@pytest.mark.parametrize("suffix", [".yaml", ".py", ".tf", ".http", ".sh"])
def test_a_file_without_the_marker_is_not_tokenized(suffix: str,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(text: str, marker: str) -> Any:
        raise AssertionError("tokenized")

    monkeypatch.setattr(front_end("f" + suffix), "comments", refuse)
    text = {".yaml": "maxAsyncRetryAttempts: 9  # raised\n",
            ".py": "x = {'maxAsyncRetryAttempts': 9, 'maxAsyncEventAgeInSeconds': 300}  # raised\n",
            ".tf": tf("maximum_retry_attempts = 9 # raised"),
            ".http": "# raised\n" + POST + "\n",
            ".sh": "aliyun fc PutAsyncInvokeConfig --functionName f --body "
                   "'{\"maxAsyncRetryAttempts\": 9}'  # raised\n"}[suffix]
    assert lint_text(text, "f" + suffix, Settings()).diagnostics


# a text whose comment starts at its first `#` or `/*` and runs to its end -> the suppression
# found in it: its span, the span of its codes, its codes, the line it applies to.
FIND = {
    "# fclint: ignore[FC001]": ["1:1-1:24 [1:18-1:23] FC001 -> 2"],
    "x = 1  # noqa # fclint: ignore[fc001, FC002] why": ["1:15-1:49 [1:32-1:44] FC001,FC002 -> 1"],
    "# fclint: ignore[]": ["1:1-1:19 [1:18-1:18]  -> 2"],
    "/*\n fclint: ignore[FC001] */": ["1:1-2:26 [2:17-2:22] FC001 -> 3"],
    "/* fclint: ignore[FC001] */ x = 1": ["1:1-1:28 [1:19-1:24] FC001 -> 1"],
    "/* a note: fclint: ignore[FC001] */": [],  # the directive follows the delimiter
    "# fclint: ignore FC001": [],
    # prose that quotes the directive mentions it: the marker must open the comment or
    # follow a space in it (as this project's own comments quote it)
    "# write `# fclint: ignore[FC001]` after the line": [],
    "# write '# fclint: ignore[FC001]' after the line": [],
    "x = 1  # why # fclint: ignore[FC001]": ["1:14-1:37 [1:31-1:36] FC001 -> 1"],
}


@pytest.mark.parametrize("text, expected", FIND.items(), ids=[repr(t) for t in FIND])
def test_find(text: str, expected: list[str]) -> None:
    start = min(i for i in (text.find("#"), text.find("/*")) if i >= 0)
    end = text.find(" x = 1") if text.startswith("/*") and "x = 1" in text else len(text)
    body = text[start:end]
    last = body.rsplit("\n", 1)[-1]
    end_column = (start if "\n" not in body else 0) + len(last) + 1
    comment = Comment(Span(1, start + 1, 1 + body.count("\n"), end_column), body)

    def show(span: Span) -> str:
        return f"{span.line}:{span.column}-{span.end_line}:{span.end_column}"

    assert [f"{show(s.span)} [{show(s.codes_span)}] {','.join(s.codes)} -> {s.line}"
            for s in suppression.find(text, [comment])] == expected


# --- the editor's "ignore" quick fix ----------------------------------------------------------

# name -> (file, text, the code of a diagnostic, its 1-based line, the edit as LSP positions
# (0-based) and new text, or None for no action).
IGNORE_ACTIONS: dict[str, tuple[str, str, str, int, str | None]] = {
    "a new comment alone on the line before": (
        "c.yaml", "a: 1\nmaxAsyncRetryAttempts: 9\n", "FC006", 2,
        "1:0-1:0 '# fclint: ignore[FC006]\\n'"),
    "with the line's own ending": (
        "c.yaml", "a: 1\r\nmaxAsyncRetryAttempts: 9\r\n", "FC006", 2,
        "1:0-1:0 '# fclint: ignore[FC006]\\r\\n'"),
    "added to the comment alone on the line before": (
        "c.yaml", "# fclint: ignore[FC001] why\nmaxAsyncRetryAttempts: 9\n", "FC006", 2,
        "0:22-0:22 ', FC006'"),
    "added after a byte-order mark": (
        "c.yaml", "\ufeff# fclint: ignore[FC001]\nmaxAsyncRetryAttempts: 9\n", "FC006", 2,
        "0:23-0:23 ', FC006'"),
    "added to the comment on the line": (
        "c.yaml", "maxAsyncRetryAttempts: 9  # fclint: ignore[FC005]\n", "FC006", 1,
        "0:48-0:48 ', FC006'"),
    "added to a // comment, which stays one": (
        "main.tf", tf("// fclint: ignore[FC004]", "maximum_retry_attempts = 9"), "FC006", 5,
        "3:25-3:25 ', FC006'"),
    "not into a look-alike in a block scalar": (
        "c.yaml", "description: |\n  # fclint: ignore[FC001]\nmaxAsyncRetryAttempts: 9\n", "FC006",
        3, "2:0-2:0 '# fclint: ignore[FC006]\\n'"),
    "already ignored": (
        "c.yaml", "# fclint: ignore[FC006]\nmaxAsyncRetryAttempts: 9\n", "FC006", 2, None),
    "at the end of a line that starts in a string": (
        "c.py", 'x = {"d": """a\n""", "maxAsyncRetryAttempts": 9, "asyncTask": True}\n', "FC006",
        2, "1:51-1:51 '  # fclint: ignore[FC006]'"),
    "nowhere when the line starts and ends in strings": (
        "c.py", ('x = {"d": """a\n""", "maxAsyncRetryAttempts": 9, "asyncTask": True, '
                 '"e": """b\n"""}\n'), "FC006", 2, None),
    "at the end of a line continued from the line before": (
        "c.py", 'x = \\\n    {"maxAsyncRetryAttempts": 9, "asyncTask": True}\n', "FC006", 2,
        "1:51-1:51 '  # fclint: ignore[FC006]'"),
    "a line before a request": (
        "c.http", POST + "\n", "FC061", 1, "0:0-0:0 '# fclint: ignore[FC061]\\n'"),
}


@pytest.mark.parametrize("path, text, code, line, expected", IGNORE_ACTIONS.values(),
                         ids=IGNORE_ACTIONS.keys())
def test_ignore_action(path: str, text: str, code: str, line: int,
                       expected: str | None) -> None:
    lsp = pytest.importorskip("lsprotocol.types")
    from fclint.lsp import convert

    at = lsp.Range(start=lsp.Position(line=line - 1, character=0),
                   end=lsp.Position(line=line - 1, character=1))
    diagnostic = lsp.Diagnostic(range=at, message="", code=code, source=convert.SOURCE)
    actions = convert.ignore_actions("file:///" + path, text, [diagnostic],
                                     front_end(path).comments)
    edits = [edit for action in actions for edit in action.edit.changes["file:///" + path]]
    shown = [f"{e.range.start.line}:{e.range.start.character}-{e.range.end.line}:"
             f"{e.range.end.character} {e.new_text!r}" for e in edits]
    assert shown == ([] if expected is None else [expected])
