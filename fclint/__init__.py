"""fclint: a linter for Alibaba Cloud Function Compute asynchronous-invocation configuration."""

from fclint.version import __version__

__all__ = ["__version__", "load_ipython_extension"]


def load_ipython_extension(ipython: object) -> None:
    """`%load_ext fclint`: register the `%%fclint` cell magic (see fclint.magic)."""
    from fclint.magic import load_ipython_extension as load

    load(ipython)
