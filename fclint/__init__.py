"""fclint: a linter for Alibaba Cloud Function Compute asynchronous-invocation configuration."""

__version__ = "0.1.0"
