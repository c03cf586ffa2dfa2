"""The language-server spec that jupyter-lsp finds through the `jupyter_lsp_spec_v1` entry point,
so that JupyterLab with jupyterlab-lsp starts `fclint lsp` for notebooks and files unasked.

Plain data, importing nothing from jupyter-lsp: the spec must load (and validate against
jupyter-lsp's schema, version 2) in any environment that has fclint, with or without Jupyter.
"""

from __future__ import annotations

import importlib.util
import sys
from typing import Any

KEY = "fclint"
# fclint is not on a package index yet: it installs from a checkout of its repository.
INSTALL = "pip install '.[jupyter]' (in a checkout of fclint)"
SPEC_VERSION = 2  # jupyter-lsp's "current-version" enum; the only version 2.x accepts
# jupyterlab-lsp matches a document to servers by its language name or its MIME type: notebooks
# say "python" and text/x-ipython, JupyterLab's editors the MIME types of their CodeMirror modes.
# "fclint": the `%%fclint` cells that fclint's JupyterLab extension (jupyterlab-extension/)
# hands to jupyterlab-lsp as documents of their own (fclint/lsp/notebooks_virtual.py).
LANGUAGES = ["python", "json", "yaml", "fclint"]
MIME_TYPES = [
    "text/x-python", "text/python", "text/x-ipython",
    "application/json", "text/json", "application/x-json",
    "text/x-yaml", "text/yaml", "application/x-yaml",
]
# The editor settings `fclint lsp` reads from workspace/didChangeConfiguration (fclint/lsp/
# settings.py), shown by JupyterLab in Settings > Language Servers.
CONFIG_SCHEMA: dict[str, Any] = {
    "title": "fclint language server settings",
    "type": "object",
    "properties": {
        "fclint.maxEventAge": {"type": "integer", "minimum": 1,
                               "description": "The longest maxAsyncEventAgeInSeconds allowed."},
        "fclint.select": {"type": "array", "items": {"type": "string"},
                          "description": "Rule codes or prefixes to report (default: all)."},
        "fclint.ignore": {"type": "array", "items": {"type": "string"},
                          "description": "Rule codes or prefixes not to report."},
        "fclint.region": {"type": "string", "description": "The region the functions run in."},
        "fclint.accountId": {"type": "string", "description": "The account the functions are in."},
        "fclint.debounceMs": {"type": "integer", "minimum": 0, "maximum": 10000,
                              "description": "Milliseconds of quiet typing before a lint."},
    },
}


class FclintSpec:
    """A jupyter-lsp spec maker: called with the language-server manager, it returns
    `{"fclint": spec}`; `is_installed` lets jupyter-lsp skip it without the server's extra."""

    key = KEY

    def is_installed(self, manager: Any = None) -> bool:
        """True when `fclint lsp` can start: pygls (part of fclint's install) is importable."""
        return importlib.util.find_spec("pygls") is not None

    def __call__(self, manager: Any = None) -> dict[str, dict[str, Any]]:
        spec: dict[str, Any] = {
            # This interpreter, not `fclint` on PATH: the Jupyter server's environment is the one
            # that had fclint installed, whatever PATH the server was started with.
            "argv": [sys.executable, "-m", "fclint", "lsp"],
            "languages": list(LANGUAGES),
            "mime_types": list(MIME_TYPES),
            "version": SPEC_VERSION,
            "display_name": "fclint",
            # The server lints the text it is sent: jupyter-lsp need not write .virtual_documents.
            "requires_documents_on_disk": False,
            "config_schema": CONFIG_SCHEMA,
            "install": {"pip": INSTALL},
        }
        if not self.is_installed(manager):
            spec["troubleshoot"] = ("fclint lsp needs pygls and lsprotocol, which come with "
                                    f"fclint: {INSTALL}, in the Jupyter server's environment.")
        return {KEY: spec}


spec = FclintSpec()
