"""`python -m fclint` runs the command line."""

from fclint.cli import entry

entry()
