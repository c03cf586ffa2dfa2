"""Messages in the user's words: rules speak the API's language (its key names, the numbers as
Python reads them), the user reads the file's (Terraform's attribute names, `1e3`)."""

from __future__ import annotations

import re
from functools import lru_cache

from fclint.diagnostic import Finding
from fclint.document import Document
from fclint.kinds import CANONICAL_KEYS


def in_users_words(doc: Document, finding: Finding) -> str:
    """The finding's message with each API key it names spelt as the file spells it, the API
    name after it in parentheses where it is another word: `9 is greater than the maximum of 8
    for maximum_retry_attempts (maxAsyncRetryAttempts)` in Terraform. Rules speak the API's
    language; users read their own."""
    message = _number_as_written(doc, finding)
    if doc.spelling is None and doc.source_path is None:
        return message
    path = finding.path
    for index, part in enumerate(path):
        if not isinstance(part, str) or part not in message:
            continue
        written = doc.spelled(path[: index + 1])[-1]
        if not isinstance(written, str) or written == part:
            continue
        # Another of the API's own keys is the format's structure (Serverless Devs writes
        # destination.onSuccess for destinationConfig.onSuccess.destination), not a spelling.
        if CANONICAL_KEYS.get(written.lower(), part) != part:
            continue
        said = written if written.lower() == part.lower() else f"{written} ({part})"
        message = _named(part).sub(said, message)
    return message


_LONGEST = 64  # characters of a number quoted whole


def _number_as_written(doc: Document, finding: Finding) -> str:
    """A message that starts with a number's repr starts with the number as written instead:
    `1e3 is greater than the maximum of 8`, not `1000.0 ...` (nor Terraform's exact 1000)."""
    message = finding.message
    value = doc.get(finding.path) if finding.path else None
    if (isinstance(value, (int, float)) and not isinstance(value, bool)
            and message.startswith(repr(value))):
        written = doc.written(finding.path)
        if written is not None and len(written) > _LONGEST:  # 5,000 digits: their ends
            written = f"{written[:24]}...{written[-8:]} ({len(written):,} characters)"
        if written is not None:
            return written + message[len(repr(value)):]
    return message


@lru_cache(maxsize=128)
def _named(key: str) -> re.Pattern[str]:
    """`key` as a whole word of a message, or quoted."""
    return re.compile(rf"(?<![\w.]){re.escape(key)}(?![\w])")
