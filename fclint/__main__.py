"""`python -m fclint` runs the command line."""

from fclint.cli import main

raise SystemExit(main())
