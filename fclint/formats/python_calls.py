"""Python files: the async-invoke configs that SDK calls build or send, the dict displays that
the code shows are configs, each translated to the API model and located on the Python text."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace

from fclint.config import Settings
from fclint.diagnostic import Finding, Span
from fclint.document import SENT_AS_WRITTEN, Document, FunctionContext, empty_locator
from fclint.formats.py_comments import comments  # noqa: F401 - the front end's
from fclint.formats import py_evidence as evidence
from fclint.formats import py_operations, py_pulumi
from fclint.formats import py_sdk as sdk
from fclint.formats.fcv3_provider import drop_unsent
from fclint.formats.py_literals import Positions, Translation, Translator, model_name
from fclint.formats.py_parse import parse, syntax_error_span
from fclint.formats.py_scopes import Bindings
from fclint.kinds import Kind, detect

COMMENTS = True
# Cheap pre-check: a file that mentions none of these holds no config and is not parsed.
SNIFF = re.compile(r"async_?invoke_?config|asyncconfig|destination_?config|max_?async|"
                   r"stateful_?invocation|async_?task|stateful_?async_?invocation|"
                   r"invoke_?function", re.IGNORECASE)
# A file that fails to parse is reported only when it surely meant to hold a config.
STRONG = re.compile(r"PutFunctionAsyncInvokeConfigRequest|PutAsyncInvokeConfig(?:Input|Request)|"
                    r"put_(?:function_)?async_invoke_config|destinationConfig|maxAsync"
                    r"(?:EventAgeInSeconds|RetryAttempts)|statefulInvocation|asyncTask")


@dataclass(frozen=True)
class PythonOrigin:
    """Where a document came from: an SDK model call, a client call or a dict display."""

    construct: str  # "model", "client" or "dict"
    name: str  # the model class, client method, or "dict"
    span: Span
    rule_traits: tuple[str, ...] = ()  # what Document.traits adds for this origin


def documents(text: str, path: str, settings: Settings, kind: Kind | None) -> Iterator[Document]:
    yield from python_documents(text, path, settings, kind)


def python_documents(source: str, path: str, settings: Settings, kind: Kind | None,
                     line_offset: int = 0, cell: int | None = None) -> Iterator[Document]:
    """The configs in Python `source`, whose line 1 is line `line_offset + 1` of `path` (or of
    notebook cell `cell`)."""
    if not SNIFF.search(source):
        return
    try:
        tree = parse(source)
    except SyntaxError as error:
        if STRONG.search(source):
            yield _problem(path, settings, f"syntax error: {error.msg}",
                           syntax_error_span(source, error, line_offset), cell)
        return
    except (ValueError, RecursionError, MemoryError) as error:  # NUL bytes, absurd nesting
        if STRONG.search(source):
            yield _problem(path, settings, f"cannot parse: {error}",
                           Span(1 + line_offset, 1, 1 + line_offset, 2), cell)
        return
    yield from _Finder(source, path, settings, kind, line_offset, cell).documents(tree)
    yield from py_operations.documents(tree, source, path, settings,
                                       Positions(source, line_offset), cell)


def _problem(path: str, settings: Settings, message: str, span: Span, cell: int | None) -> Document:
    return Document(path=path, kind=Kind.FC2_REQUEST, data=None, settings=settings,
                    locator_factory=empty_locator, problems=[Finding((), message, code="FC000",
                                                                     span=span)], cell=cell)


class _Finder:
    """Finds the configs of one parsed file, each node read once: client calls first (they know
    the function), then `from_map` calls, then model calls and lone DestinationConfigs, then
    the dict displays that pass the bar of `py_evidence`. A dict or model reaches a call
    written there or through a name assigned it (`body = {...}; client.put_...(…, body)`)."""

    def __init__(self, source: str, path: str, settings: Settings, kind: Kind | None,
                 line_offset: int, cell: int | None) -> None:
        self.path, self.settings, self.kind, self.cell = path, settings, kind, cell
        self.positions = Positions(source, line_offset)
        imports_sdk = any(module in source for module in sdk.SDK_MODULES)
        models = frozenset(n for n in sdk.MODELS if imports_sdk or n not in sdk.GENERIC)
        self.translator = Translator(self.positions, models, self._dicts)
        self.models = models
        self.fc3 = sdk.FC3_MODULE in source
        self.pulumi = (Translator(self.positions, frozenset(py_pulumi.MODELS), self._dicts,
                                  py_pulumi.MODELS, py_pulumi.DICT_KEYS)
                       if py_pulumi.MODULE in source else None)
        self.consumed: set[int] = set()
        self.bindings: Bindings | None = None

    def documents(self, tree: ast.AST) -> Iterator[Document]:
        self.bindings = Bindings(tree)
        nodes = list(ast.walk(tree))
        calls = [n for n in nodes if isinstance(n, ast.Call)]
        for call in calls:
            yield from self._client_call(call)
        if self.pulumi is not None:
            for call in calls:
                resource = py_pulumi.resource_of(call)
                if resource is not None:
                    yield self._pulumi_document(call, resource, self.pulumi)
        for call in calls:
            yield from self._from_map(call)
        for call in calls:
            if id(call) not in self.consumed and model_name(call) == sdk.WRAPPER:
                yield from self._fc3_request(call, {})
        for call in calls:
            name = model_name(call)
            if id(call) in self.consumed or name not in self.models or not _written(call):
                continue  # `Model()` alone writes nothing to check (its fields are set later)
            model = sdk.MODELS[name]  # type: ignore[index]
            if model.kind is not None:
                yield self._document(call, self.kind or model.kind, self._context())
            elif name == "DestinationConfig":
                yield self._document(call, self.kind or self._destination_kind(), self._context(),
                                     prefix=("destinationConfig",))
        for node in nodes:
            if (isinstance(node, ast.Dict) and id(node) not in self.consumed
                    and evidence.worth_reading(node) and evidence.is_config(node)):
                doc = self._dict_document(node)
                if doc is not None:
                    yield doc

    def _values(self, node: ast.AST | None) -> list[ast.AST]:
        """`node` itself, or what the name it is was assigned, not yet read into a config."""
        assert self.bindings is not None
        return [v for v in self.bindings.values(node) if id(v) not in self.consumed]

    def _dicts(self, node: ast.AST | None) -> list[ast.Dict]:
        return [v for v in self._values(node) if isinstance(v, ast.Dict)]

    def _client_call(self, call: ast.Call) -> Iterator[Document]:
        method = call.func.attr if isinstance(call.func, ast.Attribute) else None
        if method == sdk.ALIYUN_FC2_METHOD and (len(call.args) >= 4 or any(
                k.arg in ("serviceName", "functionName", "asyncConfig") for k in call.keywords)):
            args = _bind(call, sdk.ALIYUN_FC2_PARAMS)
            context = self._context(args.get("serviceName"), args.get("functionName"),
                                    args.get("qualifier"))
            for body in self._dicts(args.get("asyncConfig")):  # sent as written, by json.dumps
                yield self._document(body, self.kind or Kind.FC2_REQUEST, context, call,
                                     traits=(SENT_AS_WRITTEN,))
        elif method in sdk.FC2_SDK_METHODS:
            args = _bind(call, sdk.FC2_SDK_PARAMS)
            for request in self._values(args.get("request")):
                if model_name(request) != "PutFunctionAsyncInvokeConfigRequest":
                    continue
                qualifier = _keyword(request, "qualifier")  # the client moves it to the query
                context = self._context(args.get("service_name"), args.get("function_name"))
                if isinstance(qualifier, ast.Constant) and isinstance(qualifier.value, str):
                    context = replace(context, qualifier=qualifier.value)
                yield self._document(request, self.kind or Kind.FC2_REQUEST, context, call)
        elif method in sdk.FC3_SDK_METHODS:
            args = _bind(call, sdk.FC3_SDK_PARAMS)
            for request in self._values(args.get("request")):
                if isinstance(request, ast.Call) and model_name(request) == sdk.WRAPPER:
                    yield from self._fc3_request(request, args)

    def _from_map(self, call: ast.Call) -> Iterator[Document]:
        """`Model().from_map(d)`, `TeaCore.from_map(Model(), d)`, or a name holding `Model()`:
        the SDK reads `d` by the API's keys, in their case."""
        if not (isinstance(call.func, ast.Attribute) and call.func.attr == "from_map"
                and call.args):
            return
        receiver, argument = (call.args[0], call.args[1]) if len(call.args) >= 2 else (
            call.func.value, call.args[0])
        model = next((v for v in self._values(receiver) if model_name(v) in self.models), None)
        if model is None:
            return
        self.consumed.add(id(model))
        name = model_name(model)
        kind = sdk.MODELS[name].kind  # type: ignore[index]
        prefix = ("destinationConfig",) if name == "DestinationConfig" else ()
        if kind is None and not prefix:
            return
        for body in self._dicts(argument):
            yield self._document(body, self.kind or kind or self._destination_kind(),
                                 self._context(), prefix=prefix, unset_none=True)

    def _pulumi_document(self, call: ast.Call, resource: py_pulumi.Resource,
                         translator: Translator) -> Document:
        """A Pulumi resource: the body the bridged Terraform provider sends (the fcv3 one
        sends no event age of 0, no empty destination and no empty qualifier: they are "not
        set", fclint.formats.fcv3_provider)."""
        root_key = self._name_span(call)
        translation = translator.translate(call, root_key, unset_none=True)
        fcv3 = resource.kind is Kind.FC3_REQUEST
        if fcv3:
            drop_unsent(translation.data)
        qualifier = _keyword(call, "qualifier")
        if fcv3 and isinstance(qualifier, ast.Constant) and qualifier.value == "":
            qualifier = None
        context = self._context(_keyword(call, "service_name"), _keyword(call, "function_name"),
                                qualifier)
        self.consumed |= translation.consumed
        self.consumed.add(id(call))
        locator = translation.locator
        return Document.from_data(
            translation.data, path=self.path, kind=self.kind or resource.kind,
            settings=self.settings, locator_factory=lambda: locator, context=context,
            duplicates=translation.duplicates, problems=translation.problems, renderer=repr,
            origin=py_pulumi.origin(call, resource, root_key or self.positions.span(call)),
            spelling=py_pulumi.spelling(resource.kind), opaque_starts=frozenset(translation.opaque),
            cell=self.cell,
        )

    def _fc3_request(self, wrapper: ast.Call, args: dict[str, ast.AST]) -> Iterator[Document]:
        self.consumed.add(id(wrapper))
        context = self._context(function=args.get("function_name"),
                                qualifier=_keyword(wrapper, "qualifier"))
        for body in self._values(_keyword(wrapper, "body")):
            if model_name(body) == "PutAsyncInvokeConfigInput":
                yield self._document(body, self.kind or Kind.FC3_REQUEST, context, wrapper)

    def _dict_document(self, node: ast.Dict) -> Document | None:
        translation = self.translator.translate(node)
        found = self.kind or detect(translation.data, self.settings.api_generation)
        if found is None:
            return None
        return self._from_translation(translation, node, found, self._context(), "dict", "dict")

    def _document(self, node: ast.AST, kind: Kind, context: FunctionContext,
                  client: ast.Call | None = None, prefix: tuple[str, ...] = (),
                  traits: tuple[str, ...] = (), unset_none: bool = False) -> Document:
        root_key = self._name_span(node)
        translation = self.translator.translate(node, root_key, prefix, unset_none)
        if client is not None:
            self.consumed.add(id(client))
        construct = "client" if client is not None else "model" if root_key else "dict"
        name = (model_name(client) if client is not None else model_name(node)) or "dict"
        return self._from_translation(translation, node, kind, context, construct, name, traits)

    def _from_translation(self, translation: Translation, node: ast.AST, kind: Kind,
                          context: FunctionContext, construct: str, name: str,
                          traits: tuple[str, ...] = ()) -> Document:
        self.consumed |= translation.consumed
        self.consumed.add(id(node))
        origin = PythonOrigin(construct, name, self.positions.span(node), traits)
        locator = translation.locator
        return Document.from_data(
            translation.data, path=self.path, kind=kind, settings=self.settings,
            locator_factory=lambda: locator, context=context, duplicates=translation.duplicates,
            problems=translation.problems, renderer=repr, origin=origin,
            spelling=sdk.python_spelling if isinstance(node, ast.Call) else None,
            opaque_starts=frozenset(translation.opaque), cell=self.cell,
        )

    def _name_span(self, node: ast.AST) -> Span | None:
        """The class name of a model call: where a missing key of the whole config is reported."""
        if not isinstance(node, ast.Call):
            return None
        span = self.positions.span(node.func)
        name = model_name(node) or ""
        return Span(span.end_line, span.end_column - len(name), span.end_line, span.end_column)

    def _destination_kind(self) -> Kind:
        """A lone DestinationConfig's body: FC 3.0 by its import, else by the settings."""
        if self.fc3 or self.settings.api_generation == 3:
            return Kind.FC3_REQUEST
        return Kind.FC2_REQUEST

    def _context(self, service: ast.AST | None = None, function: ast.AST | None = None,
                 qualifier: ast.AST | None = None) -> FunctionContext:
        """What the call says of the function; only string literals count, with their spans."""
        values: dict[str, str] = {}
        spans = []
        for part, node in (("service", service), ("function", function), ("qualifier", qualifier)):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                values[part] = node.value
                spans.append((part, py_operations.inside_quotes(self.positions, node)))
        return FunctionContext(region=self.settings.region, account=self.settings.account_id,
                               spans=tuple(spans), **values)


def _bind(call: ast.Call, params: tuple[str, ...]) -> dict[str, ast.AST]:
    """Arguments by parameter name, positional or keyword."""
    bound: dict[str, ast.AST] = dict(zip(params, call.args))
    bound.update((k.arg, k.value) for k in call.keywords if k.arg in params)
    return bound


def _keyword(node: ast.AST | None, name: str) -> ast.AST | None:
    if not isinstance(node, ast.Call):
        return None
    return next((k.value for k in node.keywords if k.arg == name), None)


def _written(call: ast.Call) -> bool:
    return bool(call.args or call.keywords)
