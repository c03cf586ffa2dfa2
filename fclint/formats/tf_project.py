"""The project of a Terraform file: its module, that is every `.tf` file of its folder. Functions
are `alicloud_fc_function` / `alicloud_fcv3_function`, HTTP triggers `alicloud_fc_trigger`
(`type = "http"`) / `alicloud_fcv3_trigger` (`trigger_type = "http"`), edges the destinations of
the async-invoke-config resources. References such as `alicloud_fcv3_function.f.function_name`
name a function by its address when its name is not a literal."""

from __future__ import annotations

import os
import re
from functools import lru_cache

from fclint.formats import hcl_tree
from fclint.formats.hcl_tree import Attribute, Block, HclFile
from fclint.project import Edge, FunctionDef, Node, Project, known, node, qualifier, target

FC2_CONFIG = "alicloud_fc_function_async_invoke_config"
FC3_CONFIG = "alicloud_fcv3_async_invoke_config"
# The attribute that holds each resource type's name, as references read it.
NAMED = {"alicloud_fc_service": "name", "alicloud_fc_function": "name",
         "alicloud_fcv3_function": "function_name"}
_REFERENCE = re.compile(r"(alicloud_fc_service|alicloud_fc_function|alicloud_fcv3_function)"
                        r"\.([A-Za-z_][A-Za-z0-9_-]*)\.(name|function_name)")
_IN_TEMPLATE = re.compile(r"\$\{\s*" + _REFERENCE.pattern + r"\s*\}")


def build(path: str, parsed: HclFile) -> Project:
    """The project of the file at `path` (parsed already), with its siblings read from disk when
    the file is on disk; a sibling that cannot be read is left out and leaves it incomplete."""
    files: list[tuple[str, HclFile]] = [(path, parsed)]
    complete = True
    if os.path.isfile(path):
        folder = os.path.dirname(path)
        try:
            names = sorted(os.listdir(folder or "."))
        except OSError:
            names, complete = [], False
        for name in names:
            sibling = os.path.join(folder, name)
            if not name.endswith(".tf") or name == os.path.basename(path):
                continue
            try:
                stat = os.stat(sibling)
            except OSError:
                complete = False
                continue
            other = _read(os.path.abspath(sibling), stat.st_mtime_ns, stat.st_size)
            if other is None:
                complete = False
            elif other.blocks:
                files.append((sibling, other))
    return _Module(files).project(complete)


@lru_cache(maxsize=512)
def _read(path: str, mtime_ns: int, size: int) -> HclFile | None:
    """A sibling's blocks, cached while the file is unchanged; None when it cannot be read."""
    try:
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
    except (OSError, UnicodeDecodeError):
        return None
    if "alicloud_fc" not in text:  # nothing of ours: not worth parsing
        return HclFile([], None)
    return hcl_tree.read(text)


class _Module:
    """The resources of a module, with the literal names behind their addresses."""

    def __init__(self, files: list[tuple[str, HclFile]]) -> None:
        self.resources = [(path, block) for path, parsed in files for block in parsed.blocks
                          if block.type == "resource" and len(block.labels) == 2]
        names: dict[str, set[str | None]] = {}
        for _path, block in self.resources:
            attribute = NAMED.get(block.labels[0])
            if attribute is not None:
                names.setdefault(".".join(block.labels), set()).add(self.literal(block.attribute(attribute)))
        self.names = names

    def project(self, complete: bool) -> Project:
        project = Project(complete=complete)
        http: set[Node | None] = set()
        for path, block in self.resources:
            kind = block.labels[0]
            if kind in ("alicloud_fc_function", "alicloud_fcv3_function"):
                project.declared.add("@" + "#".join(block.labels))
                found = self.function(block)
                if found is not None:
                    project.functions.append(FunctionDef(found, False, path, block.label_spans[1]))
                elif kind == "alicloud_fc_function":
                    project.partial.append((2, known(self.name(block, "service"))))
                else:
                    project.partial.append((3, None))
            elif kind == "alicloud_fc_trigger" and self.literal(block.attribute("type")) == "http":
                http.add(node(2, self.name(block, "service"), self.name(block, "function")))
            elif kind == "alicloud_fcv3_trigger" and self.literal(block.attribute("trigger_type")) == "http":
                http.add(node(3, None, self.name(block, "function_name")))
            elif kind in (FC2_CONFIG, FC3_CONFIG):
                project.edges.extend(self.edges(path, block))
        project.functions = [FunctionDef(f.node, f.node in http, f.path, f.span)
                             for f in project.functions]
        return project

    def function(self, block: Block) -> Node | None:
        address = ".".join(block.labels)
        if block.labels[0] == "alicloud_fc_function":
            return node(2, self.name(block, "service"), self.resolve(address))
        return node(3, None, self.resolve(address))

    def edges(self, path: str, block: Block) -> list[Edge]:
        fc2 = block.labels[0] == FC2_CONFIG
        source = node(2 if fc2 else 3, self.name(block, "service_name") if fc2 else None,
                      self.name(block, "function_name"))
        written = block.attribute("qualifier")
        own_qualifier = (qualifier(None) if written is None
                         else self.literal(written) if written.value.kind == hcl_tree.LITERAL else None)
        found = []
        for config in block.children("destination_config")[:1]:
            for which in ("on_success", "on_failure"):
                for holder in config.children(which)[:1]:
                    attribute = holder.attribute("destination")
                    value = attribute.value if attribute is not None else None
                    if value is None or value.kind == hcl_tree.OPAQUE or not isinstance(value.value, str):
                        continue
                    to = target(value.value, self.substitute)
                    found.append(Edge(source, to.node, value.value, path, value.span, to.region,
                                      own_qualifier, to.qualifier))
        return found

    def name(self, block: Block, attribute: str) -> str | None:
        """A name attribute: a literal, or a reference to a resource of the module."""
        found = block.attribute(attribute)
        if found is None:
            return None
        literal = self.literal(found)
        if literal is not None:
            return literal
        text = str(found.value.value).strip()
        # A bare reference, or one alone in a template: "${alicloud_fc_service.s.name}".
        reference = _REFERENCE.fullmatch(text) or _IN_TEMPLATE.fullmatch(text)
        return self.reference(reference) if reference else None

    def reference(self, match: re.Match[str]) -> str | None:
        kind, label, attribute = match.group(1, 2, 3)
        if NAMED[kind] != attribute:
            return None
        return self.resolve(f"{kind}.{label}")

    def resolve(self, address: str) -> str | None:
        """The resource's literal name; its address token when the name is not literal; None
        when the module gives it two different names (a duplicated address)."""
        names = self.names.get(address, {None})
        if len(names) > 1:
            return None
        return next(iter(names)) or "@" + address.replace(".", "#")

    def substitute(self, text: str) -> str:
        """`text` with each `${reference}` to a named resource replaced by its name."""

        def replace(match: re.Match[str]) -> str:
            return self.reference(match) or match.group(0)

        return _IN_TEMPLATE.sub(replace, text)

    @staticmethod
    def literal(attribute: Attribute | None) -> str | None:
        if attribute is None or attribute.value.kind != hcl_tree.LITERAL:
            return None
        return known(attribute.value.value) if isinstance(attribute.value.value, str) else None
