"""Checks across the configs of one project: an s.yaml, or the `.tf` files of one folder. The
destination function must be deployed there (FC043), not be an HTTP function (FC041), not be
the function itself (FC020) and not lead back to it (FC021); unknown names are never judged."""

from __future__ import annotations

from pathlib import Path

import pytest
from clihelp import DATA

import fclint.rules.project  # noqa: F401  (registers FC021, FC041, FC043 until rules/__init__ does)
from fclint.config import Settings
from fclint.engine import lint_text
from fclint.formats import tf_project

PROJECT = DATA / "project"
REAL = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "real"
CROSS = {"FC020", "FC021", "FC041", "FC043"}


def located(path: Path, text: str | None = None, codes: set[str] = CROSS) -> list[str]:
    text = path.read_text(encoding="utf-8") if text is None else text
    result = lint_text(text, str(path), Settings())
    return [f"{d.span.line}:{d.span.column} {d.code}" for d in result.diagnostics if d.code in codes]


def messages(path: Path) -> dict[str, str]:
    result = lint_text(path.read_text(encoding="utf-8"), str(path), Settings())
    return {f"{d.span.line}:{d.span.column} {d.code}": d.message for d in result.diagnostics}


# --- the data files -----------------------------------------------------------------------------

FILES = {
    "fc2.s.yaml": [
        "19:24 FC041",  # orders.LATEST/web: web has an HTTP trigger
        "30:24 FC021",  # ship -> checkout, and checkout -> ship through ${vars.service.name}
        "31:24 FC043",  # 'refnd' in service orders, which the file deploys: a typo of 'refund'
        "42:24 FC020",  # web -> web, seen only once ${vars.service.name} is resolved
        "42:24 FC041",  # ... and web is the HTTP function
        "57:24 FC020",  # refund -> refund, literal: the core's FC020, reported once
        # 43: ${vars.other} is not a var: unknown. 58: service billing is not deployed here.
    ],
    "fc3.s.yaml": [
        "24:26 FC041",  # step-c answers HTTP
        "38:26 FC021",  # a -> b -> c -> a, reported on the destination written last
        # 26: FC 3.0 names are per region and account; not-here may be deployed elsewhere.
        # 40: step-a in cn-beijing is another function than the cn-shanghai step-a.
    ],
    "module/config.tf": [
        "8:21 FC041",  # web has an alicloud_fcv3_trigger of type http in functions.tf
        "17:21 FC021",  # resize -> notify -> resize, notify known by its address only
        "20:21 FC043",  # alicloud_fcv3_function.notfy is declared nowhere in the module
        "29:21 FC020",  # web -> web through its own reference
        "29:21 FC041",
    ],
    "module/functions.tf": [],  # functions only: no config, so nothing to report here
}


@pytest.mark.parametrize("name", sorted(FILES))
def test_project_files(name: str) -> None:
    assert located(PROJECT / name) == FILES[name]


def test_messages_name_the_cycle_and_the_near_miss() -> None:
    found = messages(PROJECT / "fc2.s.yaml")
    assert "orders/ship -> orders/checkout -> orders/ship" in found["30:24 FC021"]
    assert "did you mean 'refund'?" in found["31:24 FC043"]
    found = messages(PROJECT / "module" / "config.tf")
    assert "alicloud_fcv3_function.notify -> resize -> alicloud_fcv3_function.notify" in found["17:21 FC021"]
    assert "alicloud_fcv3_function.notfy is not declared" in found["20:21 FC043"]


# --- small cases ----------------------------------------------------------------------------

HEAD = "edition: 1.0.0\nvars:\n  svc: orders\n  tpl: '{{ serviceName }}'\nservices:\n"


def fc2(entry: str, service: str, name: str, *lines: str) -> str:
    body = "".join(f"            {line}\n" for line in lines)
    config = f"        asyncConfiguration:\n          destination:\n{body}" if lines else ""
    return (f"  {entry}:\n    component: fc\n    props:\n      region: cn-hangzhou\n"
            f"      service:\n        name: {service}\n      function:\n        name: {name}\n{config}")


OTHER = fc2("other", "orders", "other")
CASES = {
    "missing in a deployed service": (
        fc2("a", "orders", "a", "onFailure: acs:fc:::services/orders/functions/gone") + OTHER,
        ["16:24 FC043"]),
    "missing, service from a literal var": (
        fc2("a", "${vars.svc}", "a", "onFailure: acs:fc:::services/${vars.svc}/functions/gone") + OTHER,
        ["16:24 FC043"]),
    "a service the file does not deploy": (
        fc2("a", "orders", "a", "onFailure: acs:fc:::services/billing/functions/gone") + OTHER, []),
    "a template var is unknown": (
        fc2("a", "orders", "a", "onFailure: acs:fc:::services/${vars.tpl}/functions/gone") + OTHER, []),
    "a function whose name is unknown may be it": (
        fc2("a", "orders", "a", "onFailure: acs:fc:::services/orders/functions/gone")
        + fc2("b", "orders", "${env(NAME)}"), []),
    "another region": (
        fc2("a", "orders", "a", "onFailure: acs:fc:cn-beijing:1234567890123456:services/orders/functions/gone")
        + OTHER, []),
    "self on another qualifier is no loop": (
        fc2("a", "${vars.svc}", "a", "onFailure: acs:fc:::services/${vars.svc}.prod/functions/a"), []),
    "self through a literal var": (
        fc2("a", "${vars.svc}", "a", "onFailure: acs:fc:::services/${vars.svc}/functions/a"),
        ["16:24 FC020"]),
    "self written out: the core's FC020, once": (
        fc2("a", "orders", "a", "onFailure: acs:fc:::services/orders/functions/a"), ["16:24 FC020"]),
    "a cycle of two, once": (
        fc2("a", "orders", "a", "onSuccess: acs:fc:::services/orders/functions/b")
        + fc2("b", "orders", "b", "onSuccess: acs:fc:::services/orders/functions/a"),
        ["27:24 FC021"]),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_cases(name: str) -> None:
    text, expected = CASES[name]
    assert located(Path("s.yaml"), HEAD + text) == expected


# --- Terraform modules on disk ----------------------------------------------------------------

FUNCTIONS = """resource "alicloud_fcv3_function" "a" {\n  function_name = "a"\n}\n
resource "alicloud_fcv3_function" "b" {\n  function_name = "b"\n}\n"""


def config(name: str, destination: str) -> str:
    return (f'resource "alicloud_fcv3_async_invoke_config" "{name}" {{\n'
            f"  function_name = alicloud_fcv3_function.{name}.function_name\n"
            "  destination_config {\n    on_success {\n"
            f'      destination = "acs:fc:cn-hangzhou:1234567890123456:functions/{destination}"\n'
            "    }\n  }\n}\n")


def test_a_cycle_across_files_is_reported_once(tmp_path: Path) -> None:
    (tmp_path / "functions.tf").write_text(FUNCTIONS)
    (tmp_path / "a.tf").write_text(config("a", "b"))
    (tmp_path / "b.tf").write_text(config("b", "${alicloud_fcv3_function.a.function_name}"))
    assert located(tmp_path / "a.tf") == []
    assert located(tmp_path / "b.tf") == ["5:21 FC021"]  # b.tf is the later file: it closes it


def test_siblings_are_reread_when_they_change(tmp_path: Path) -> None:
    (tmp_path / "a.tf").write_text(config("a", "${alicloud_fcv3_function.b.function_name}"))
    assert located(tmp_path / "a.tf") == ["5:21 FC043"]  # b is declared nowhere
    (tmp_path / "functions.tf").write_text(FUNCTIONS)
    assert located(tmp_path / "a.tf") == []


def test_an_unreadable_sibling_leaves_missing_functions_unjudged(tmp_path: Path) -> None:
    (tmp_path / "a.tf").write_text(config("a", "${alicloud_fcv3_function.b.function_name}"))
    (tmp_path / "broken.tf").write_bytes(b'resource "alicloud_fcv3_function" "b" { x = "\xff" }\n')
    assert located(tmp_path / "a.tf") == []


def test_unsaved_text_is_linted_with_the_siblings_on_disk(tmp_path: Path) -> None:
    (tmp_path / "functions.tf").write_text(FUNCTIONS)
    (tmp_path / "a.tf").write_text(config("a", "b"))
    assert located(tmp_path / "a.tf", config("a", "a")) == ["5:21 FC020"]


def test_siblings_are_read_only_for_function_destinations(tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(*_args: object) -> None:
        raise AssertionError("the module was read")

    monkeypatch.setattr(tf_project, "build", fail)
    (tmp_path / "functions.tf").write_text(FUNCTIONS)
    text = config("a", "b").replace("acs:fc:cn-hangzhou:1234567890123456:functions/b",
                                    "acs:mns:cn-hangzhou:1234567890123456:/queues/q/messages")
    assert located(tmp_path / "a.tf", text) == []


def test_a_file_not_on_disk_is_its_own_module() -> None:
    assert located(Path("no-such-dir") / "main.tf", FUNCTIONS + config("a", "gone")) == []
    assert located(Path("no-such-dir") / "main.tf",
                   FUNCTIONS + config("a", "${alicloud_fcv3_function.c.function_name}")) == ["12:21 FC043"]


# --- the real files -----------------------------------------------------------------------------

REAL_FILES = [
    # Destination functions declared in the same file, named through ${vars.service.name}, whose
    # value is a "{{ serviceName }}" template: not known, so nothing is judged.
    "sdevs-fc2_start-ffmpeg_http-transcode.s.yaml",
    "sdevs-fc2_start-ffmpeg_rtmp-snapshot.s.yaml",
    "sdevs-fc2_start-ffmpeg_transcode.s.yaml",
    # function -> function1, both declared (function_name not literal: known by address); the
    # folder holds the landing-with-terraform copy of the same resources, which agrees.
    "tf_terraform-provider-alicloud_docs_fcv3_async_invoke_config.example.tf",
    "tf_landing-with-terraform_fcv3-async-invoke-config.main.tf",
]


@pytest.mark.parametrize("name", REAL_FILES)
def test_real_files_draw_no_cross_file_findings(name: str) -> None:
    if not (REAL / name).is_file():
        pytest.skip("the shared corpus is not here")
    assert located(REAL / name) == []


def test_real_fcv3_module_is_indexed() -> None:
    """The corpus example is read as a module: its three functions and the config's two edges."""
    path = REAL / "tf_terraform-provider-alicloud_docs_fcv3_async_invoke_config.example.tf"
    if not path.is_file():
        pytest.skip("the shared corpus is not here")
    from fclint.formats import hcl_tree

    project = tf_project.build(str(path), hcl_tree.read(path.read_text(encoding="utf-8")))
    nodes = {f.node for f in project.functions}
    assert (3, None, "@alicloud_fcv3_function#function1") in nodes
    mine = [e for e in project.edges if e.path == str(path)]
    assert [(e.source, e.target) for e in mine] == [
        ((3, None, "@alicloud_fcv3_function#function"), (3, None, "@alicloud_fcv3_function#function1"))
    ] * 2
