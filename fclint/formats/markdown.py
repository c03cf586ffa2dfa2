"""Markdown documents (`.md`, `.markdown`): each fenced code block is handed to the front end of
its language (its info string's first word, or its content when it has none), laid where it
stands in the file, so every finding is at its line and column in the Markdown file. A block
of any other language, and the prose, are not read."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import is_dataclass, replace

from fclint.config import Settings
from fclint.document import Document
from fclint.formats import module
from fclint.formats.md_fences import Fence, fences
from fclint.kinds import Kind

# Prose may quote `# fclint: ignore[...]` (this project's README does); a suppression inside
# a block would need the blocks' comments told apart from the prose's, so none is read.
COMMENTS = False


class _Sniff:
    """A case-blind search that costs what a case-sensitive one does: Python's `re` with
    IGNORECASE took 0.3 ms over a 7 KB README without a match, lower-casing first 0.04 ms."""

    def __init__(self, pattern: str) -> None:
        self.pattern = re.compile(pattern)

    def search(self, text: str) -> re.Match[str] | None:
        return self.pattern.search(text.lower())


# The words without which no block could be a config of any language read: the front ends'
# own sniffs together, but "destination" only as a key (`destinationConfg:`, `"destination":`,
# `destination =`), since prose says "destination" often. A document without them is not parsed.
SNIFF = _Sniff(
    r"destination[a-z0-9_]*[\"']?[ \t]*[:=]|maxasync|statefulinvocation|asynctask"
    r"|async(?:configuration|invokeconfig)|async[-_]?invoke[-_]?config"
    r"|stateful-async-invocation|async-task")
LANGUAGES = {
    "json": "json", "jsonc": "jsonc", "yaml": "yaml", "yml": "yaml",
    "hcl": "terraform", "terraform": "terraform", "tf": "terraform",
    "http": "http", "rest": "http",
    "sh": "shell", "shell": "shell", "bash": "shell", "zsh": "shell",
    "console": "console", "shell-session": "console", "shellsession": "console",
}
FRONT_ENDS = {"json": "json_body", "jsonc": "json_body", "yaml": "yaml_files",
              "terraform": "terraform", "http": "http_requests"}
_COMMAND = re.compile(r"^[ \t]*(\$[ \t]+)?(?:sudo[ \t]+)?(?:s[ \t]+cli|aliyun|terraform|tofu)[ \t]",
                      re.MULTILINE)
_TERRAFORM = re.compile(r'^[ \t]*(?:resource|provider|data|variable|module)[ \t]+"', re.MULTILINE)
_REQUEST = re.compile(r"[ \t]*(?:GET|PUT|POST|DELETE|PATCH)[ \t]+\S*(?:async-invoke-config|"
                      r"stateful-async-invocation|async-task)", re.IGNORECASE)
_FENCE_LINE = re.compile(r"^[ \t]*(?:```|~~~)", re.MULTILINE)
# `//` and `/* */` comments of a ```json or ```jsonc block, and the strings that may hold such
# text: documentation annotates its JSON so, whatever the info string says.
_JSONC = re.compile(r'"(?:[^"\\\n]|\\.)*"|//[^\n]*|/\*.*?\*/', re.DOTALL)
# `...` or `…` where a value or more keys would be: an excerpt, not a body to parse.
_ELISION = re.compile(r"(?<![\w\"'.])(?:\.\.\.|…)(?![\w\"'.])")


def documents(text: str, path: str, settings: Settings, kind: Kind | None) -> Iterator[Document]:
    """The documents of every block. Blocks say what they are, so `kind` (for bodies named on
    the command line) is not applied to them: it would make every JSON block a body."""
    if not SNIFF.search(text):
        return
    for fence in fences(text):
        if not SNIFF.search(fence.body):
            continue
        if fence.language:
            language = LANGUAGES.get(fence.language)
            if language is not None:
                yield from _block_documents(language, fence, path, settings)
        elif (language := sniffed(fence.body)) is not None:
            yield from _guessed(_block_documents(language, fence, path, settings))


def sniffed(body: str) -> str | None:
    """The language of a block without an info string, by its content; None for Markdown
    (a block that shows fences)."""
    if _FENCE_LINE.search(body):
        return None
    stripped = body.lstrip()
    if stripped.startswith(("{", "[")):
        return "json"
    if _TERRAFORM.search(body):
        return "terraform"
    if _REQUEST.match(stripped.partition("\n")[0]):
        return "http"
    command = _COMMAND.search(body)
    if command is not None:
        return "console" if command.group(1) else "shell"
    return "yaml"


def _guessed(documents: Iterator[Document]) -> Iterator[Document]:
    """The documents of a block whose language was guessed, but for a guess that failed: a
    document that is nothing but a syntax error says the block is not in that language."""
    for doc in documents:
        if doc.data is not None or not any(p.code == "FC000" for p in doc.problems):
            yield doc


def _block_documents(language: str, fence: Fence, path: str,
                     settings: Settings) -> Iterator[Document]:
    text = fence.text
    if language in ("shell", "console"):
        found = module("shell").script_documents(text, path, settings,
                                                 console=language == "console")
    else:
        if language in ("json", "jsonc"):
            text = _JSONC.sub(_blank_comment, text)
        found = module(FRONT_ENDS[language]).documents(text, path, settings, None)
    excerpt = language in ("json", "jsonc", "yaml") and _ELISION.search(fence.body) is not None
    for doc in found:
        if excerpt and any(problem.code == "FC000" for problem in doc.problems):
            continue  # elided on purpose: its syntax error, and what recovery read, are not real
        yield _alone(doc)


def _alone(doc: Document) -> Document:
    """`doc` without the project its front end would read: a block is an example, not a file
    of the module or s.yaml beside it (whose functions a `main.tf` next to a README declares),
    and what it refers to may be declared in another block or nowhere. The cross-config rules
    (FC021, FC041, FC043) do not run on blocks."""
    origin = doc.origin
    if getattr(origin, "project", None) is None:
        return doc
    if is_dataclass(origin) and not isinstance(origin, type):
        doc.origin = replace(origin, project=None)  # a copy: TfResource is frozen
    return doc


def _blank_comment(match: re.Match[str]) -> str:
    """A comment as spaces (its line breaks kept), a string as it is."""
    found = match.group()
    return found if found.startswith('"') else re.sub(r"[^\n]", " ", found)
