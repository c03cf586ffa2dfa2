"""`fclint clean`: remove the result cache, as `ruff clean` does."""

from __future__ import annotations

import argparse
import sys

from fclint import cache
from fclint.errors import EXIT_OK


def run_clean(args: argparse.Namespace) -> int:
    folder = cache.cache_dir(args.cache_dir)
    if cache.clean(folder):
        print(f"fclint: removed {folder}", file=sys.stderr)
    else:
        print(f"fclint: no cache at {folder}", file=sys.stderr)
    return EXIT_OK
