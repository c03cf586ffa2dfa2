"""How a Serverless Devs `s.yaml` is laid out: which of its entries an FC component deploys.
Read by the s.yaml front end and by its project (the cross-file rules), which share it."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from fclint.diagnostic import Pointer
from fclint.formats.yaml_nodes import Converted


def is_devs(converted: Converted) -> bool:
    keys = converted.keys(())
    return keys is not None and "edition" in keys and (
        converted.shape(("services",)) == "map" or converted.shape(("resources",)) == "map")


def fc_entries(converted: Converted) -> Iterator[tuple[Pointer, int]]:
    """The pointer to the `props` map of each entry of `services` (FC 2.0) and `resources`
    (FC 3.0) that an FC component deploys, and its generation. Only the parts it names are
    converted: a big file's other entries stay as parsed."""
    for section, generation in (("services", 2), ("resources", 3)):
        for name in converted.keys((section,)) or ():
            entry = (section, name)
            if (converted.shape(entry) == "map" and fc_component(converted.get(entry + ("component",)))
                    and converted.shape(entry + ("props",)) == "map"):
                yield entry + ("props",), generation


def fc_component(component: Any) -> bool:
    """`fc`, `devsapp/fc`, `fc3@0.1.2`, or a path or variable (`${path(..)}`) we cannot judge."""
    if not isinstance(component, str):
        return False
    if "${" in component:
        return True
    name = component.rsplit("/", 1)[-1].split("@", 1)[0].strip().lower()
    return name.startswith("fc")
