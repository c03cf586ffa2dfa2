"""The fast path may only skip documents on which no rule reports anything."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fclint import fastpath, names
from fclint.config import Settings
from fclint.engine import lint_text
from fclint.formats import json_body
from fclint.kinds import Kind
from fclint.rules import RULES

BLOCK = re.compile(r"```(\S+)(?: (\S+))?\n(.*?)```", re.S)


def _document(text: str, kind: Kind | None = None):  # type: ignore[no-untyped-def]
    return next(json_body.documents(text, "x.json", Settings(), kind), None)


@pytest.mark.parametrize("code", sorted(RULES))
def test_every_rule_example_takes_the_full_path(code: str) -> None:
    """A rule whose own example the gate let through would never fire on such files."""
    if code == "FC056":
        pytest.skip("FC056's example is clean: no bundled schema can trigger it")
    example = RULES[code].section("Example")
    for language, kind, text in BLOCK.findall(example):
        if language != "json":
            continue  # .http documents always take the full path
        doc = _document(text, Kind(kind) if kind else None)
        if doc is not None:
            assert not fastpath.certainly_clean(doc), code


REGIONS = sorted(names.FC2_REGIONS)
name = st.from_regex(r"[A-Za-z_][A-Za-z0-9_-]{0,20}", fullmatch=True)
qualifier = st.one_of(st.just("LATEST"), st.from_regex(r"[1-9][0-9]{0,3}", fullmatch=True), name)
account = st.from_regex(r"[0-9]{1,20}", fullmatch=True)
region = st.one_of(st.sampled_from(REGIONS), st.just("cn-hangzou"), st.just(""))
destination = st.one_of(
    st.builds(lambda r, a, kind, n, m: f"acs:mns:{r}:{a}:/{kind}/{n}/{m}", region, account,
              st.sampled_from(["queues", "topics", "queue"]), name,
              st.sampled_from(["messages", "message"])),
    st.builds(lambda r, a, s, q, f: f"acs:fc:{r}:{a}:services/{s}{'.' + q if q else ''}/functions/{f}",
              region, account, name, st.one_of(st.none(), qualifier, st.just("latest")), name),
    st.builds(lambda r, a, f: f"acs:fc:{r}:{a}:functions/{f}", region, account, name),
    st.builds(lambda r, a, b: f"acs:eventbridge:{r}:{a}:eventbus/{b}", region, account, name),
    st.text(max_size=30),
)
body = st.fixed_dictionaries({}, optional={
    "maxAsyncEventAgeInSeconds": st.one_of(st.integers(-5, 3_000_000), st.floats(0, 100)),
    "maxAsyncRetryAttempts": st.one_of(st.integers(-2, 10), st.booleans()),
    "statefulInvocation": st.booleans(),
    "qualifier": qualifier,
    "destinationConfig": st.fixed_dictionaries({}, optional={
        "onSuccess": st.fixed_dictionaries({"destination": destination}),
        "onFailure": st.fixed_dictionaries({"destination": destination}),
    }),
})


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(body)
def test_what_the_gate_passes_lints_clean(data: dict) -> None:  # type: ignore[type-arg]
    import json

    text = json.dumps({"maxAsyncRetryAttempts": 3, **data})
    doc = _document(text)
    assert doc is not None
    if fastpath.certainly_clean(doc):
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(fastpath, "certainly_clean", lambda doc: False)
            assert lint_text(text, "x.json", Settings()).diagnostics == []


def test_clean_bodies_do_take_the_fast_path() -> None:
    text = ('{"destinationConfig": {"onFailure": {"destination": '
            '"acs:mns:cn-hangzhou:1234567890123456:/queues/dlq/messages"}}, '
            '"maxAsyncEventAgeInSeconds": 3600, "maxAsyncRetryAttempts": 2}')
    doc = _document(text)
    assert doc is not None and fastpath.certainly_clean(doc)


def _lint_without_gates(text: str) -> list:  # type: ignore[type-arg]
    """The engine with neither the fast path nor the per-key gate: every rule runs."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(fastpath, "certainly_clean", lambda doc: False)
        patch.setattr(fastpath, "dirty_keys", lambda doc: None)
        return lint_text(text, "x.json", Settings()).diagnostics


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(body, st.dictionaries(st.sampled_from(["maxAsyncRetryAttempt", "destinationConfg", "x"]),
                             st.integers(0, 3), max_size=2))
def test_rules_skipped_for_clean_keys_would_have_found_nothing(data: dict, unknown: dict) -> None:  # type: ignore[type-arg]
    """The per-key gate (Rule.reads, fastpath.dirty_keys) changes how long a body takes,
    never what is reported on it: the same findings as when every rule runs."""
    import json

    text = json.dumps({**data, **unknown})
    assert lint_text(text, "x.json", Settings()).diagnostics == _lint_without_gates(text)


@pytest.mark.parametrize("body, dirty", [
    ('{"maxAsyncRetryAttempts": 9}', {"maxAsyncRetryAttempts"}),
    ('{"maxAsyncRetryAttempts": 2.0, "maxAsyncEventAgeInSeconds": 30}',
     {"maxAsyncRetryAttempts", "maxAsyncEventAgeInSeconds"}),
    ('{"maxAsyncRetryAttemps": 2, "qualifier": "latest"}', {"maxAsyncRetryAttemps", "qualifier"}),
    ('{"destinationConfig": {"onSuccess": {"destination": "acs:mns:cn-hangzhou:1:/queues/q/message"}}}',
     {"destinationConfig"}),
    ('{"destinationConfig": {"onSuccess": {"destination": "acs:mns:cn-hangzhou:1:/queues/q/messages"}, '
     '"onFailure": {"destination": "acs:mns:cn-hangzhou:1:/queues/q/messages"}}}', {"destinationConfig"}),
    ('{"maxAsyncRetryAttempts": 2}', set()),
])
def test_dirty_keys_are_the_keys_the_strict_schema_objects_to(body: str, dirty: set) -> None:  # type: ignore[type-arg]
    doc = _document(body)
    assert doc is not None and fastpath.dirty_keys(doc) == dirty


@pytest.mark.parametrize("body, why", [
    ('{"MaxAsyncRetryAttempts": 9}', "a key in another case: FC003 reads the spelling"),
    ('{"maxAsyncRetryAttempts": 9, "maxAsyncRetryAttempts": 2}', "a duplicate key"),
    ('{"configs": [{"maxAsyncRetryAttempts": 9}]}', "a list response, not a request"),
])
def test_dirty_keys_say_nothing_about_what_the_strict_schema_does_not_see(body: str, why: str) -> None:
    doc = _document(body)
    assert doc is not None and fastpath.dirty_keys(doc) is None, why


def test_a_known_function_turns_the_gate_off() -> None:
    """The cross-region and cross-account rules read the configuration too."""
    text = ('{"destinationConfig": {"onFailure": {"destination": '
            '"acs:mns:cn-beijing:1234567890123456:/queues/dlq/messages"}}, "maxAsyncRetryAttempts": 9}')
    doc = next(json_body.documents(text, "x.json", Settings(region="cn-hangzhou"), None))
    assert fastpath.dirty_keys(doc) is None
    codes = [d.code for d in lint_text(text, "x.json", Settings(region="cn-hangzhou")).diagnostics]
    assert sorted(codes) == ["FC006", "FC018"]


@pytest.mark.parametrize("bus, clean", [
    ("etl-audit-bus", True),  # starts like the reserved prefix, and is fine
    ("eventbridge-reserved-audit", False),  # FC028
    ("eventbridge-reserve", True),
])
def test_the_gate_knows_the_reserved_bus_prefix(bus: str, clean: bool) -> None:
    text = json_body_text(f"acs:eventbridge:cn-hangzhou:1234567890123456:eventbus/{bus}")
    doc = _document(text)
    assert doc is not None and fastpath.certainly_clean(doc) is clean
    assert bool(lint_text(text, "x.json", Settings()).diagnostics) is not clean


def json_body_text(destination: str) -> str:
    return '{"destinationConfig": {"onFailure": {"destination": "%s"}}}' % destination
