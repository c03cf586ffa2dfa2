"""The subcommands of `fclint`, each imported only when it runs."""
