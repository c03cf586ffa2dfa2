"""Shell scripts (`.sh`, and shell blocks of Markdown): the command lines that configure async
invocation become documents. `s cli fc api PutFunctionAsyncInvokeConfig --path '{...}' --body
'{...}'` (Serverless Devs), `aliyun fc-open PutFunctionAsyncInvokeConfig` (FC 2.0) and `aliyun
fc PutAsyncInvokeConfig` (FC 3.0) with their body and names, the other async-config operations
with their names, and `terraform import` of the two async-config resources with its ID."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from fclint.config import Settings
from fclint.diagnostic import Span
from fclint.document import Document, FunctionContext, empty_locator
from fclint.formats import Comment
from fclint.formats.shell_words import Command, Word, comment_ranges, commands, without_prompts
from fclint.kinds import Kind
from fclint.names import PLACEHOLDER
from fclint.source import LineIndex

COMMENTS = True


def comments(text: str, marker: str) -> Iterator[Comment]:
    """The script's comments that hold `marker` (for inline suppressions)."""
    index = LineIndex(text)
    for start, end in comment_ranges(without_prompts(text), marker):
        yield Comment(index.span(start, end), text[start:end])


# A comment line put before a finding could cut a `\`-continued command short or land inside
# a quoted JSON argument, so the editor offers no "ignore" quick fix that inserts one (a
# `# fclint: ignore[CODE]` written after the command's last line works).
IGNORE_ABOVE = False
# Every command read names an async-invoke-config operation or resource; other scripts are
# not parsed at all.
SNIFF = re.compile(r"async[-_]?invoke[-_]?config|stateful[-_]?async[-_]?invocation|async[-_]?tasks?",
                   re.IGNORECASE)
IMPORT_TYPES = {"alicloud_fc_function_async_invoke_config": Kind.FC2_REQUEST,
                "alicloud_fcv3_async_invoke_config": Kind.FC3_REQUEST}
_ADDRESS = re.compile(r"(?:module\.[A-Za-z0-9_-]+(?:\[[^\]]*\])?\.)*(?P<type>[a-z0-9_]+)"
                      r"\.[A-Za-z_][A-Za-z0-9_-]*(?:\[[^\]]*\])?")
# `terraform import` options that take the next argument when written without `=`.
_IMPORT_VALUE_OPTIONS = frozenset({"-config", "-lock-timeout", "-var", "-var-file", "-state",
                                   "-state-out", "-backup", "-provider", "-parallelism"})
_WRAPPERS = frozenset({"sudo", "npx", "time", "exec", "command", "env", "noglob"})
_WRAPPER_ARGUMENT = re.compile(r"-|[A-Za-z_][A-Za-z0-9_]*=")  # sudo's -E, env's A=1
_CONSOLE_CONTINUATION = re.compile(r"^([ \t]*)>(?=[ \t])")


@dataclass(frozen=True)
class TfImport:
    """`terraform import ADDRESS ID` of an async-invoke-config resource (`doc.origin`)."""

    type: str
    address: str
    id: str
    id_span: Span
    id_expands: bool  # `$ID`: the ID is the shell's to fill in

    rule_traits = ("terraform",)  # FC036 is a rule about the provider


def documents(text: str, path: str, settings: Settings, kind: Kind | None) -> Iterator[Document]:
    """The documents of a script; `$ ` prompts pasted from a terminal are taken as prompts."""
    yield from script_documents(text, path, settings)


def script_documents(text: str, path: str, settings: Settings,
                     console: bool = False) -> Iterator[Document]:
    """The documents of shell text; `console` (a terminal transcript) reads only the lines
    after a `$ ` prompt, with their continuations, and takes the rest for output."""
    if not SNIFF.search(text):
        return
    from fclint.formats import shell_cli  # scripts without a call of ours never load it

    script = _console_commands(text) if console else without_prompts(text)
    index = LineIndex(text)
    for command in commands(script, SNIFF):
        words = _unwrapped(command)
        if not words:
            continue
        program = words[0].value.rsplit("/", 1)[-1]
        if program in ("terraform", "tofu") and len(words) > 1 and words[1].value == "import":
            doc = _import_document(words[2:], index, path, settings)
            if doc is not None:
                yield doc
        else:
            yield from shell_cli.cli_documents(words, index, path, settings)


def _unwrapped(command: Command) -> list[Word]:
    """The words from the program on: `sudo -E s cli ...` and `env A=1 s cli ...` are
    `s cli ...`."""
    words = list(command.words)
    while words and (words[0].value in _WRAPPERS or (
            len(words) < len(command.words) and _WRAPPER_ARGUMENT.match(words[0].value))):
        words.pop(0)
    return words


def _console_commands(text: str) -> str:
    """A transcript with everything but its commands blanked: a `$ ` line and the lines it
    continues onto (a trailing backslash, an open quote, a `> ` continuation prompt)."""
    lines = text.split("\n")
    out = []
    state = ""  # the quote open at the end of the previous line; "\\" after a continuation
    for line in lines:
        if state:
            line = _CONSOLE_CONTINUATION.sub(lambda m: m.group(1) + " ", line) if state == "\\" else line
            out.append(line)
            state = _open_after(line, "" if state == "\\" else state)
        elif without_prompts(line) != line:
            out.append(without_prompts(line))
            state = _open_after(out[-1], "")
        else:
            out.append(" " * len(line))
    return "\n".join(out)


def _open_after(line: str, quote: str) -> str:
    """What is open at the end of `line`: a quote (' or "), a backslash continuation, or ""."""
    i = 0
    while i < len(line):
        char = line[i]
        if quote == "'":
            quote = "" if char == "'" else quote
        elif char == "\\":
            if i == len(line.rstrip("\r")) - 1:
                return quote or "\\"
            i += 1
        elif quote == '"':
            quote = "" if char == '"' else quote
        elif char in "'\"":
            quote = char
        elif char == "#" and (i == 0 or line[i - 1] in " \t"):
            break
        i += 1
    return quote


def _import_document(words: list[Word], index: LineIndex, path: str,
                     settings: Settings) -> Document | None:
    """The document of `terraform import [options] ADDRESS ID`, for an async-config type."""
    positional = []
    skip = False
    for word in words:
        if skip:
            skip = False
        elif word.value.startswith("-") and len(word.value) > 1:
            skip = word.value.split("=", 1)[0] in _IMPORT_VALUE_OPTIONS and "=" not in word.value
        else:
            positional.append(word)
    if len(positional) < 2:
        return None
    address, id_word = positional[:2]
    match = _ADDRESS.fullmatch(address.value)
    if match is None or match.group("type") not in IMPORT_TYPES:
        return None
    kind = IMPORT_TYPES[match.group("type")]
    origin = TfImport(match.group("type"), address.value, id_word.value, id_word.span(index),
                      id_word.expands)
    return Document(path=path, kind=kind, data=None, settings=settings,
                    locator_factory=empty_locator, origin=origin,
                    context=_import_context(origin, id_word, index, kind, settings))


def _import_context(origin: TfImport, word: Word, index: LineIndex, kind: Kind,
                    settings: Settings) -> FunctionContext:
    """The names an import ID of the right shape gives, located in it (FC023, FC026 check
    them as they check a request path's)."""
    home = FunctionContext(region=settings.region, account=settings.account_id)
    if origin.id_expands or PLACEHOLDER.search(origin.id):  # `<id>`: the docs' stand-in
        return home
    parts = origin.id.split(":")
    names = ("function",) if kind is Kind.FC3_REQUEST else ("service", "function", "qualifier")
    if len(parts) > len(names) or (kind is Kind.FC2_REQUEST and len(parts) < 2) or not all(parts):
        return home
    spans, values, at = [], {}, 0
    for part, value in zip(names, parts):
        spans.append((part, word.span(index, at, at + len(value))))
        values[part] = value
        at += len(value) + 1
    return FunctionContext(service=values.get("service"), function=values.get("function"),
                           qualifier=values.get("qualifier"), region=settings.region,
                           account=settings.account_id, spans=tuple(spans))
