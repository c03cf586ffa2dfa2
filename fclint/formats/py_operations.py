"""Python: the async-invocation family's SDK calls beside Put, read as `Call`s: the request
models of the list and get operations (`ListStatefulAsyncInvocationsRequest(limit=500)`,
`ListAsyncTasksRequest(...)`), `InvokeFunctionHeaders(...)`, and the task id given to the
clients' get and stop methods. Names, wire keys and parameter orders are those of
alibabacloud_fc_open20210406 2.0.12 and alibabacloud_fc20230330 4.8.3 (models' `to_map`,
client methods)."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator

from fclint.config import Settings
from fclint.diagnostic import Span
from fclint.document import Document, FunctionContext, empty_locator
from fclint.formats.operations import Call, Param
from fclint.formats.py_literals import Positions, model_name
from fclint.kinds import Kind

# A file that names none of these makes no call of the family.
SNIFF = re.compile(r"StatefulAsyncInvocation|AsyncTask|async_task|stateful_async_invocation|"
                   r"AsyncInvokeConfigs|InvokeFunctionHeaders|invoke_function", re.IGNORECASE)
FC2_MODULE, FC3_MODULE = "alibabacloud_fc_open20210406", "alibabacloud_fc20230330"

# Request model -> (operation, generation); its keywords are the query parameters.
QUERY_MODELS = {
    "ListFunctionAsyncInvokeConfigsRequest": ("ListFunctionAsyncInvokeConfigs", 2),
    "ListStatefulAsyncInvocationsRequest": ("ListStatefulAsyncInvocations", 2),
    "GetStatefulAsyncInvocationRequest": ("GetStatefulAsyncInvocation", 2),
    "StopStatefulAsyncInvocationRequest": ("StopStatefulAsyncInvocation", 2),
    "ListStatefulAsyncInvocationFunctionsRequest": ("ListStatefulAsyncInvocationFunctions", 2),
    "ListAsyncInvokeConfigsRequest": ("ListAsyncInvokeConfigs", 3),
    "ListAsyncTasksRequest": ("ListAsyncTasks", 3),
    "GetAsyncTaskRequest": ("GetAsyncTask", 3),
    "StopAsyncTaskRequest": ("StopAsyncTask", 3),
}
HEADERS_MODEL = "InvokeFunctionHeaders"  # both SDKs: told apart by their imports and fields
# The headers model's keywords that are no header.
NOT_HEADERS = frozenset({"common_headers"})
# Client method -> (operation, generation, the task id's position and keyword), every variant
# (`_async`, `_with_options`, `_with_options_async`) taking the same leading arguments.
ID_METHODS = {
    "get_stateful_async_invocation": ("GetStatefulAsyncInvocation", 2, 2, "invocation_id"),
    "stop_stateful_async_invocation": ("StopStatefulAsyncInvocation", 2, 2, "invocation_id"),
    "get_async_task": ("GetAsyncTask", 3, 1, "task_id"),
    "stop_async_task": ("StopAsyncTask", 3, 1, "task_id"),
}
_VARIANT = re.compile(r"(?:_with_options)?(?:_async)?$")
# aliyun-fc2 2.5.2 (fc2/client.py): `invoke_function(self, serviceName, functionName,
# payload=None, headers={}, qualifier=None)` sends the dict's headers as they are written;
# `list_function_async_invoke_configs(self, serviceName, functionName, limit=None,
# nextToken=None, headers={})`.
ALIYUN_FC2 = re.compile(r"^\s*(?:import\s+fc2\b|from\s+fc2(?:\.\w+)?\s+import\b)", re.MULTILINE)
ALIYUN_FC2_HEADERS = ("invoke_function", 3)
ALIYUN_FC2_QUERY = {"list_function_async_invoke_configs": (
    "ListFunctionAsyncInvokeConfigs", {"limit": 2, "nextToken": 3})}


def camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part[:1].upper() + part[1:] for part in rest)


def header_name(keyword: str, generation: int) -> str:
    """`x_fc_invocation_type` as each SDK sends it: `X-Fc-Invocation-Type` (2021-04-06) or
    `x-fc-invocation-type` (2023-03-30)."""
    parts = keyword.split("_")
    return "-".join(p.capitalize() for p in parts) if generation == 2 else "-".join(parts)


def calls(tree: ast.AST, source: str, positions: Positions) -> Iterator[tuple[Call, ast.Call]]:
    """Each call of the family in a parsed file, with the node it was read from."""
    both = FC2_MODULE in source and FC3_MODULE in source
    default = 3 if FC3_MODULE in source and not both else 2
    legacy = ALIYUN_FC2.search(source) is not None
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = model_name(node)
        if name in QUERY_MODELS:
            operation, generation = QUERY_MODELS[name]
            yield Call(operation, generation, _keywords(node, positions, camel), typed=True,
                       names=_names(node, positions, {"qualifier": None})), node
        elif name == HEADERS_MODEL and node.keywords:
            generation = _headers_generation(node, default, both)
            headers = _keywords(node, positions, lambda k, g=generation: header_name(k, g))
            yield Call("InvokeFunction", generation, headers=headers, typed=True), node
        elif isinstance(node.func, ast.Attribute) and legacy and (
                found := _aliyun_fc2_call(node, positions)) is not None:
            yield found, node
        elif isinstance(node.func, ast.Attribute):
            method = _VARIANT.sub("", node.func.attr)
            if method in ID_METHODS:
                found = _id_call(node, method, positions)
                if found is not None:
                    yield found, node


def _headers_generation(node: ast.Call, default: int, both: bool) -> int:
    names = {k.arg for k in node.keywords}
    if "x_fc_async_task_id" in names:
        return 3
    if any(n and n.startswith("x_fc_stateful_async_invocation") for n in names):
        return 2
    return 2 if both else default


def _keywords(node: ast.Call, positions: Positions, wire: object) -> tuple[Param, ...]:
    found = []
    for keyword in node.keywords:
        if keyword.arg is None or keyword.arg in NOT_HEADERS:
            continue
        value = _literal(keyword.value)
        found.append(Param(wire(keyword.arg), value, positions.span(keyword.value),  # type: ignore[operator]
                           positions.keyword_span(keyword), keyword.arg))
    return tuple(found)


def _aliyun_fc2_call(node: ast.Call, positions: Positions) -> Call | None:
    """aliyun-fc2's `invoke_function(..., headers={...})` or
    `list_function_async_invoke_configs(..., limit=...)`, read from its literal arguments."""
    method = node.func.attr  # type: ignore[attr-defined]
    if method == ALIYUN_FC2_HEADERS[0]:
        given = _argument(node, "headers", ALIYUN_FC2_HEADERS[1])
        if not isinstance(given, ast.Dict):
            return None
        headers = tuple(
            Param(key.value, _literal(value), positions.span(value), positions.span(key),
                  key.value)
            for key, value in zip(given.keys, given.values)
            if isinstance(key, ast.Constant) and isinstance(key.value, str))
        return Call("InvokeFunction", 2, headers=headers, typed=True, names=_names(
            node, positions, {"service": ("serviceName", 0), "function": ("functionName", 1),
                              "qualifier": ("qualifier", 4)}))
    if method in ALIYUN_FC2_QUERY:
        operation, places = ALIYUN_FC2_QUERY[method]
        query = []
        for name, index in places.items():
            argument = _argument(node, name, index)
            if argument is not None:
                span = positions.span(argument)
                query.append(Param(name, _literal(argument), span, span, name))
        return Call(operation, 2, tuple(query), typed=True, known_keys=False, names=_names(
            node, positions, {"service": ("serviceName", 0), "function": ("functionName", 1)}))
    return None


def _names(node: ast.Call, positions: Positions,
           places: dict[str, tuple[str, int] | None]) -> tuple[tuple[str, str, Span], ...]:
    """The function's names a call writes as string literals: by part, the keyword (and the
    position) of its argument (None: the part's own name, by keyword only)."""
    found = []
    for part, place in places.items():
        keyword, index = place if place is not None else (part, 1 << 30)
        argument = _argument(node, keyword, index)
        if isinstance(argument, ast.Constant) and isinstance(argument.value, str):
            found.append((part, argument.value, inside_quotes(positions, argument)))
    return tuple(found)


def inside_quotes(positions: Positions, node: ast.AST) -> Span:
    """A one-line string literal's characters, without its prefix and quotes, so that a fix
    replacing the value keeps them; the whole literal otherwise."""
    span = positions.span(node)
    if span.line != span.end_line:
        return span
    text = positions.lines[span.line - 1 - positions.line_offset][span.column - 1:span.end_column - 1]
    body = text.lstrip("rRuUbBfF")
    for quote in ('"""', "'''", '"', "'"):
        if body.startswith(quote) and body.endswith(quote) and len(body) >= 2 * len(quote):
            start = span.column + len(text) - len(body) + len(quote)
            return Span(span.line, start, span.line, span.end_column - len(quote))
    return span


def _argument(node: ast.Call, keyword: str, index: int) -> ast.AST | None:
    found = next((k.value for k in node.keywords if k.arg == keyword), None)
    if found is None and len(node.args) > index:
        found = node.args[index]
    return found


def _id_call(node: ast.Call, method: str, positions: Positions) -> Call | None:
    operation, generation, index, keyword = ID_METHODS[method]
    argument = _argument(node, keyword, index)
    if argument is None or not isinstance(_literal(argument), str):
        return None
    span = positions.span(argument)
    param = Param("invocationId", _literal(argument), span, span, keyword)
    places: dict[str, tuple[str, int] | None] = (
        {"service": ("service_name", 0), "function": ("function_name", 1)} if generation == 2
        else {"function": ("function_name", 0)})
    return Call(operation, generation, invocation_id=param, typed=True,
                names=_names(node, positions, places))


def _literal(node: ast.AST) -> object:
    """A literal's value; None for what the code computes (a name, a call, an f-string)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, (str, int, float, bool)):
        return node.value
    if (isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub)
            and isinstance(node.operand, ast.Constant)
            and isinstance(node.operand.value, (int, float))
            and not isinstance(node.operand.value, bool)):
        return -node.operand.value
    return None


def documents(tree: ast.AST, source: str, path: str, settings: Settings, positions: Positions,
              cell: int | None) -> Iterator[Document]:
    """A document without data for each call of the family, whose origin is the call."""
    if not SNIFF.search(source):
        return
    for found, _node in calls(tree, source, positions):
        kind = Kind.FC3_REQUEST if found.generation == 3 else Kind.FC2_REQUEST
        context = FunctionContext.read({part: value for part, value, _ in found.names},
                                       [(part, span) for part, _, span in found.names], settings)
        yield Document(path=path, kind=kind, data=None, settings=settings, context=context,
                       locator_factory=empty_locator, origin=found, cell=cell)
