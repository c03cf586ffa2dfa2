"""Failures the fuzz suite found (issue 16, fuzzing; each written up in the fuzz findings
notes). An open one has an id, a reproducer in REPRODUCERS that tests/test_fuzz.py runs as a
strict xfail, and a branch in one of the two filters below, which keep the randomized tests
green meanwhile.

When a bug is fixed: its reproducer XPASSes (strict, so the run fails), then move it to FIXED,
where it runs as a regression test, and delete the filter branch with the same id. The filters
are deliberately narrow; a new failure they do not describe makes the randomized tests fail.
"""

from __future__ import annotations

from dataclasses import dataclass

from fuzz.checks import Problem


@dataclass(frozen=True)
class Reproducer:
    id: str
    name: str  # the file name: it picks the format
    data: bytes
    level: str  # "engine" (lint_bytes, fix_bytes) or "cli" (fclint check in this process)
    expect: str  # a part of the failure it shows today (`str(Problem)`: class and detail)
    reason: str


_SPREAD_CELL = (
    b'{"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [{"id": "0", '
    b'"cell_type": "raw", "metadata": {},\n "source": [\n"maxAsync",\n"RetryAttempts: 9\\n"]}]}'
)

REPRODUCERS: list[Reproducer] = []  # none open: every failure found so far is fixed (FIXED)

# Failures found and since fixed: each reproducer must now pass every property.
FIXED = [
    Reproducer(
        "C1",
        "a.http",
        b"PUT https://[::-1]/2023-03-30/functions/f/async-invoke-config\n",
        "engine",
        "ValueError in fclint/fcpath.py:parse_request",
        "a bracketed .http host that is no IP address: urlsplit raises ValueError",
    ),
    Reproducer(
        "C1",
        "a.http",
        b"PUT https://a]b/2023-03-30/functions/f/async-invoke-config\n",
        "engine",
        "ValueError in fclint/fcpath.py:parse_request",
        "an unbalanced ']' in a .http host: urlsplit raises ValueError (Invalid IPv6 URL)",
    ),
    Reproducer(
        "C1",
        "a.http",
        b"@host = [x\nPUT https://{{host}}/2023-03-30/functions/f/async-invoke-config\n",
        "engine",
        "ValueError in fclint/fcpath.py:parse_request",
        "a file variable with '[' resolved into the host: urlsplit raises ValueError",
    ),
    Reproducer(
        "C1",
        "a.rest",
        b"]async-invoke-config",
        "engine",
        "ValueError in fclint/fcpath.py",
        "the smallest: a request line ']async-invoke-config' (read as host ']...')",
    ),
    Reproducer(
        "C1",
        "a.http",
        b"PUT https://[::-1]/2023-03-30/functions/f/async-invoke-config\n",
        "cli",
        "internal error",
        "fclint check exits 2 with 'internal error: ValueError'",
    ),
    Reproducer(
        "C2",
        "a.ipynb",
        b'{"nbformat": 4, "nbformat_minor": 5, "metadata": {"x": '
        + b"[" * 100_000
        + b"]" * 100_000
        + b'}, "cells": [{"cell_type": "raw", "metadata": {}, "source": "maxAsyncRetryAttempts: 9"}]}',
        "engine",
        "RecursionError in fclint/formats/notebook.py:_cells",
        "a notebook nesting a JSON array deep in its metadata: json.loads raises "
        "RecursionError (1000 levels on Python 3.11, 3000 on 3.12, 10000 on 3.13)",
    ),
    Reproducer(
        "C2",
        "a.ipynb",
        b"[" * 100_000 + b"statefulInvocation",
        "engine",
        "RecursionError",
        "the smallest: many '[' and a word the notebook sniff looks for",
    ),
    Reproducer(
        "C3",
        "a.ipynb",
        b'{"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [{"cell_type": "raw", '
        b'"metadata": {}, "source": "{\\"maxAsyncRetryAttempts\\": 9, \\"x\\": \\"\\ud800\\"}"}]}',
        "engine",
        "UnicodeEncodeError in fclint/jsondoc.py",
        "a lone surrogate escape in a raw JSON cell: JsonLocator encodes it to UTF-8",
    ),
    Reproducer(
        "C3",
        "a.ipynb",
        b'{"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [{"cell_type": "code", '
        b'"metadata": {}, "execution_count": null, "outputs": [], '
        b'"source": "%%fclint\\nmaxAsyncRetryAttempts: 9 # \\udfff"}]}',
        "engine",
        "UnicodeEncodeError in fclint/formats/yaml_nodes.py",
        "a lone surrogate escape in a %%fclint YAML cell: libyaml's CParser encodes it",
    ),
    Reproducer(
        "C4",
        "a.json",
        b'{"maxAsyncRetryAttempts": 1, "destinationConfig": {"onFailure": '
        b'{"destination": "acs:mns:\\ud800::queue/q"}}}',
        "engine",
        "crash in fix_bytes: UnicodeEncodeError",
        "--fix: the FC011 replacement holds the lone surrogate decoded from '\\ud800'; "
        "re-linting the fixed text encodes it",
    ),
    Reproducer(
        "C4",
        "main.tf",
        b'resource "alicloud_fc_function_async_invoke_config" "x" {\n  destination_config {\n'
        b'    on_success {\n      destination = "acs:mns:\\ud800::queue/q"\n    }\n  }\n}\n',
        "engine",
        "crash in fix_bytes: UnicodeEncodeError in fclint/formats/hcl_tree.py",
        "--fix on Terraform: the same, in hcl_tree.read",
    ),
    Reproducer(
        "C4",
        "a.json",
        b'{"maxAsyncRetryAttempts": 1, "destinationConfig": {"onFailure": '
        b'{"destination": "acs:mns:\\ud800::queue/q"}}}',
        "cli",
        "internal error",
        "fclint check --fix exits 2 with 'internal error'",
    ),
    Reproducer(
        "C5",
        "a.json",
        '{"maxAsyncRetryAttempts": "¹"}'.encode(),
        "engine",
        "ValueError in fclint/rules/schema.py:_wrong_type",
        "a quoted superscript digit: str.isdigit() accepts '¹', int() does not (FC004's fix)",
    ),
    Reproducer(
        "C5",
        "a.yaml",
        "maxAsyncEventAgeInSeconds: ²\n".encode(),
        "engine",
        "ValueError in fclint/rules/schema.py:_wrong_type",
        "the same in YAML, unquoted",
    ),
    Reproducer(
        "S1",
        "a.json",
        b'{"maxAsyncRetryAttempts": 9,\r"qualifier": "latest"}',
        "engine",
        "lone CR",
        "a lone CR: fclint counts lines at LF only, LSP (and editors) at CR too",
    ),
    Reproducer(
        "S1",
        "main.tf",
        b'resource "alicloud_fcv3_async_invoke_config" "x" {\r'
        b'  function_name = "f"\r  max_async_retry_attempts = 9\r}\r',
        "engine",
        "lone CR",
        "the same in Terraform (classic Mac line ends)",
    ),
    Reproducer(
        "S2",
        "a.yaml",
        b"maxAsyncRetryAttempts: 9\xe2\x80\xa8qualifier: latest\n",
        "engine",
        "span outside the file (finding, .yaml",
        "YAML counts U+2028 (and U+2029, NEL) as line breaks; LSP and the fixer do not",
    ),
    Reproducer(
        "X1",
        "a.json",
        b'{"maxAsyncEventAgeInSeconds": 6e+6}',
        "engine",
        "a second --fix changes the file again",
        "a number with a signed exponent: its span is the mantissa only (tree-sitter-json "
        "reads 'e+6' as an error), so --fix rewrites '6' into '6000000' ten rounds over",
    ),
    Reproducer(
        "X2",
        "a.yaml",
        b"a: 1\rmaxAsyncRetryAttempts: 9\nqualifier: xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n",
        "engine",
        "--fix edits the wrong place",
        "YAML with a lone CR line break: the fix goes to the LF-counted line 2, inside "
        "the qualifier, and the finding stays",
    ),
    Reproducer(
        "X2",
        "a.yaml",
        b"a: 1\xe2\x80\xa8maxAsyncRetryAttempts: 9\nqualifier: xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n",
        "engine",
        "--fix edits the wrong place",
        "the same with U+2028 as the line break",
    ),
    Reproducer(
        "X3",
        "a.http",
        b"@q =\nPUT /2016-08-15/services/s.latest/functions/f{{q}}/async-invoke-config\n\n{}\n",
        "engine",
        "--fix output is no longer a config",
        "a {{variable}} in the URL: the FC023 fix's span is the whole URL, so --fix "
        "replaces the URL by 'LATEST'",
    ),
    Reproducer(
        "X4",
        "a.ipynb",
        b'{"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [{"id": "0", '
        b'"cell_type": "code", "metadata": {}, "execution_count": null, "outputs": [], "source": '
        b'["x = 1", " + 1\\n", "y = \'the fix lands in this string, not in the call below\'\\n", '
        b'"r = PutFunctionAsyncInvokeConfigRequest(async_task=True)"]}]}',
        "engine",
        "a second --fix changes the file again (.ipynb)",
        "a 'source' item without a final newline: cell line 3 is item 4, but the FC001 fix "
        "goes into item 3, inside y's string, ten rounds over",
    ),
    Reproducer(
        "S3",
        "a.json",
        b'{"destinationConfig"',
        "engine",
        "1-character span",
        "a syntax error at the end of a line: a 1-character span starting past its end",
    ),
    Reproducer(
        "S4",
        "a.yaml",
        b"{DESTINATION",
        "engine",
        "FC000 (2, 1, 2, 2) start line 2 past the last line",
        "a YAML syntax error at the end of a file without a final newline: on a line after the last",
    ),
    Reproducer(
        "S5",
        "a.http",
        b"PUT /2023-03-30/functions/f/async-invoke-config\n    ?qualifier=latest\n\n{}\n",
        "engine",
        "span outside the file (finding, .http",
        "a URL continued on the next line ('?'/'&'): its spans run past the request line",
    ),
    Reproducer(
        "S6",
        "a.ipynb",
        b'{"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [{"id": "0", '
        b'"cell_type": "raw", "metadata": {}, "source": ["destinationConfig:\\n", "  r: 1\\n", "a: 1\\n"]}]}',
        "engine",
        "raw span of a cell finding",
        "a notebook finding over two cell lines: its raw (SARIF) span ends before it starts",
    ),
    Reproducer(
        "S6",
        "a.ipynb",
        _SPREAD_CELL,
        "engine",
        "raw span of a cell finding",
        "a cell line spread over several 'source' items: its raw span runs past the item",
    ),
    Reproducer(
        "S6",
        "a.ipynb",
        _SPREAD_CELL,
        "cli",
        "--format sarif region",
        "the same in the SARIF report",
    ),
    Reproducer(
        "W1",
        "a.py",
        b'body = {"maxAsyncRetryAttempts": 9, "x": "a\\|b"}\n',
        "engine",
        "invalid escape sequence",
        "ast.parse of a user's invalid escape warns: silent on 3.11, but Python 3.12 prints "
        "'<unknown>:1: SyntaxWarning: invalid escape sequence' on fclint's stderr",
    ),
    Reproducer(
        "X1",
        "a.json",
        b'{"maxAsyncRetryAttempts": 2E+0}',
        "engine",
        "--fix edits the wrong place",
        "the same: the FC004 fix '2' replaces the mantissa '2' and the finding stays",
    ),
    Reproducer(
        "N1",
        "a.ipynb",
        b'{"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": '
        b'[{"source": "destinationConfig"}]}',
        "engine",
        "non-deterministic",
        "an invalid cell without an id: nbformat adds a random id, which the FC000 message quotes",
    ),
]

# --- the filters ----------------------------------------------------------------------------

def _known_crash(data: bytes, name: str) -> str | None:
    """The id of the known crash this input may hit, or None. The randomized tests skip such
    inputs; the reproducers above keep the bugs in view. Every crash found so far (C1-C5) is
    fixed: add a branch for a new one until it is, and delete it with the fix."""
    return None


def _known_bad_output(problem: Problem, data: bytes, name: str) -> str | None:
    """The id of the known failure a (non-crash) problem belongs to, or None. Every one found
    so far (S1-S6, X1-X4, W1, N1) is fixed: add a branch for a new one until it is, and delete
    it with the fix."""
    return None


def unexplained(problems: list[Problem], data: bytes, name: str) -> list[Problem]:
    """The problems no known failure explains."""
    return [p for p in problems if _known_bad_output(p, data, name) is None]
