"""The meta-test over the rule registry: well-formed unique codes and names, complete docs, and
each rule's own Example flagged by it while its Use-instead is not."""

from __future__ import annotations

import re

import pytest

from fclint.config import Settings
from fclint.engine import lint_text
from fclint.kinds import Kind
from fclint.rules import RULES, Rule
from fclint.rules.registry import SECTIONS

FENCE = re.compile(r"^```(?P<info>[^\n]*)\n(?P<body>.*?)^```[ \t]*$", re.MULTILINE | re.DOTALL)
KEBAB = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")
# FC056 reports schema keywords no other rule claims; the bundled schemas use none, so no
# example can trigger it (test_rules.py injects such a keyword to exercise it instead).
NEVER_FLAGGED = {"FC056"}


def blocks(rule: Rule, section: str) -> list[tuple[str, str]]:
    """The (info string, text) of each fenced code block in one section of a rule's docs."""
    return [(m.group("info").strip(), m.group("body")) for m in FENCE.finditer(rule.section(section))]


# The file each fenced block of rule docs is linted as, by its info string's language.
EXAMPLE_FILES = {"json": "example.json", "http": "example.http", "hcl": "main.tf",
                 "yaml": "example.s.yaml", "python": "example.py", "sh": "example.sh"}


def codes_of(info: str, text: str) -> set[str]:
    language, *rest = info.split()
    path = EXAMPLE_FILES[language]
    kind = Kind(rest[0]) if rest else None
    return {d.code for d in lint_text(text, path, Settings(), kind).diagnostics}


def test_codes_are_well_formed_and_unique() -> None:
    codes = [rule.code for rule in RULES.values()]
    assert len(codes) == len(set(codes))
    assert all(re.fullmatch(r"FC\d{3}", code) for code in codes), codes
    assert all(key == rule.code for key, rule in RULES.items())


def test_every_rule_has_its_docs_and_every_doc_a_rule() -> None:
    """`fclint.rules.codes()` reads the codes from the docs' names (without importing the
    rules): the two must be the same set, or --select would refuse a rule or take a ghost."""
    from fclint.rules import codes

    assert codes() == frozenset(RULES)


def test_names_are_unique_lowercase_kebab() -> None:
    names = [rule.name for rule in RULES.values()]
    assert len(names) == len(set(names))
    assert all(KEBAB.fullmatch(name) for name in names), names
    assert all(rule.name == rule.check.__name__.replace("_", "-") for rule in RULES.values())


@pytest.mark.parametrize("code", sorted(RULES))
def test_docs_have_every_section(code: str) -> None:
    rule = RULES[code]
    headings = re.findall(r"^## (.+)$", rule.doc, re.MULTILINE)
    assert headings == list(SECTIONS), headings
    for section in SECTIONS:
        assert rule.section(section), f"{code}: empty '{section}'"
    assert rule.summary.endswith("."), rule.summary


@pytest.mark.parametrize("code", sorted(RULES))
def test_examples_are_fenced_with_a_known_info_string(code: str) -> None:
    kinds = {kind.value for kind in Kind}
    for section in ("Example", "Use instead"):
        found = blocks(RULES[code], section)
        assert found, f"{code}: no code block in '{section}'"
        for info, _text in found:
            language, *rest = info.split()
            assert language in EXAMPLE_FILES, info
            assert all(word in kinds for word in rest), info


@pytest.mark.parametrize("code", sorted(RULES))
def test_example_is_flagged(code: str) -> None:
    if code in NEVER_FLAGGED:
        pytest.skip(f"{code} is a safety net that no bundled schema can trigger")
    for info, text in blocks(RULES[code], "Example"):
        assert code in codes_of(info, text), f"{code} Example not flagged:\n{text}"


@pytest.mark.parametrize("code", sorted(RULES))
def test_use_instead_is_not_flagged(code: str) -> None:
    for info, text in blocks(RULES[code], "Use instead"):
        assert code not in codes_of(info, text), f"{code} Use-instead flagged:\n{text}"


@pytest.mark.parametrize("code", sorted(RULES))
def test_use_instead_is_clean_of_errors(code: str) -> None:
    """What the docs recommend must not be an error under any other rule either."""
    for info, text in blocks(RULES[code], "Use instead"):
        language, *rest = info.split()
        path = EXAMPLE_FILES[language]
        kind = Kind(rest[0]) if rest else None
        errors = [d for d in lint_text(text, path, Settings(), kind).diagnostics
                  if d.severity.name == "ERROR"]
        assert errors == [], f"{code} Use-instead has errors: {errors}"


def test_fixable_rules_declare_it() -> None:
    """Rules that attach fixes say so (certain or a choice), and the fix appears on their
    Example, of the kind declared."""
    for rule in RULES.values():
        if rule.fix is None or rule.code in NEVER_FLAGGED:
            continue
        fixes = []
        for info, text in blocks(rule, "Example"):
            language, *rest = info.split()
            path = EXAMPLE_FILES[language]
            kind = Kind(rest[0]) if rest else None
            fixes += [d.fix for d in lint_text(text, path, Settings(), kind).diagnostics
                      if d.code == rule.code and d.fix is not None]
        assert fixes, f"{rule.code} is fixable but its Example offers no fix"
        assert {f.kind for f in fixes} == {rule.fix}, rule.code


def test_what_rules_read_and_need_exists() -> None:
    """`reads` names top-level keys of a request body, `needs` a trait some document has: a
    misspelling would make the engine skip a rule that should run."""
    from fclint import schemas

    request_keys = {key for kind in (Kind.FC2_REQUEST, Kind.FC3_REQUEST)
                    for key in schemas.load_schema(kind.value)["properties"]}
    traits = {"problems", "project", "http", "terraform", "engine", "operation"}
    for rule in RULES.values():
        assert set(rule.reads or ()) <= request_keys, rule.code
        assert rule.needs is None or rule.needs in traits, rule.code
