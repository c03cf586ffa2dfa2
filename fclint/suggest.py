"""Did-you-mean for keys: case and separators first, known confusions next, then spelling. A
helper below the rules and the formats, which both make suggestions."""

from __future__ import annotations

import difflib
from functools import lru_cache
from collections.abc import Iterable

from fclint.kinds import squash

# Keys people bring from AWS Lambda, Terraform and the other FC generation.
CONFUSIONS = {
    "maximumretryattempts": "maxAsyncRetryAttempts",
    "maxretryattempts": "maxAsyncRetryAttempts",
    "retryattempts": "maxAsyncRetryAttempts",
    "maxasyncretries": "maxAsyncRetryAttempts",
    "maximumeventageinseconds": "maxAsyncEventAgeInSeconds",
    "maxeventageinseconds": "maxAsyncEventAgeInSeconds",
    "eventageinseconds": "maxAsyncEventAgeInSeconds",
    "maxasynceventage": "maxAsyncEventAgeInSeconds",
    "destinations": "destinationConfig",
    "destination": "destinationConfig",
    "success": "onSuccess",
    "failure": "onFailure",
    "statefulasyncinvocation": "statefulInvocation",
    "asynctask": "statefulInvocation",
    "statefulinvocation": "asyncTask",
}


def suggest(key: str, candidates: Iterable[str]) -> str | None:
    """The candidate `key` was most likely meant to be, if any is close enough."""
    return _suggest(key, tuple(candidates))


@lru_cache(maxsize=4096)  # the same slips recur across a repository's files
def _suggest(key: str, candidates: tuple[str, ...]) -> str | None:
    choices = {squash(c): c for c in candidates}
    squashed = squash(key)
    if squashed in choices:
        return choices[squashed]
    confused = CONFUSIONS.get(squashed)
    if confused in choices.values():
        return confused
    close = difflib.get_close_matches(squashed, list(choices), n=1, cutoff=0.6)
    return choices[close[0]] if close else None
