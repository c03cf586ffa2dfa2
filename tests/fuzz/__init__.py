"""Helpers of the fuzz suite (tests/test_fuzz.py): input generators for every format fclint
reads (`bodies`, `formats`), the properties every run must keep (`checks`), the failures
already known and their reproducers (`known`), and a collector for long runs (`collect`)."""
