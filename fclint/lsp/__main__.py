"""`python -m fclint.lsp` runs the language server over stdio."""

from fclint.lsp import main

raise SystemExit(main())
