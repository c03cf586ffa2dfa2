"""fclint's version, where every module may read it: the package's `__init__` also loads the
IPython extension (a front end), which the report formats must not import."""

__version__ = "0.1.0"
