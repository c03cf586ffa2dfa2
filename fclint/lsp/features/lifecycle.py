"""The session's start: what the client can do (pull diagnostics, its locale) and its first
settings, read from `initialize`, and the exit once the editor's process is gone."""

from __future__ import annotations

import os
import sys

from lsprotocol import types as lsp
from pygls.capabilities import get_capability

from fclint.lsp.docs import language
from fclint.lsp.language_server import FclintServer
from fclint.lsp.process import watch


def initialize(ls: FclintServer, params: lsp.InitializeParams) -> None:
    ls.pull = get_capability(params.capabilities, "text_document.diagnostic") is not None
    ls.lang = language(params.locale)
    ls.configure(params.initialization_options)
    pid = ls.watched_pid or params.process_id
    if pid:
        watch(pid, client_gone)


def client_gone() -> None:
    """The editor's process ended without `exit`: leave at once. The stdin reader is a thread
    blocked in a read, which an orderly shutdown would wait for forever."""
    print("fclint lsp: the client process is gone; exiting", file=sys.stderr, flush=True)
    try:
        sys.stdout.flush()
    finally:
        os._exit(0)
