"""The language server's handlers, one module a feature group: plain functions named after
their LSP method, taking the server as `ls`, which `fclint.lsp.server` registers."""
