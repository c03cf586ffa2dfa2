"""Python files: the async-invoke configs that SDK calls build or send, and dict literals with
the API's keys, each translated to the API model and located on the Python text."""

from __future__ import annotations

import ast
import io
import re
import tokenize
from collections.abc import Iterator
from dataclasses import dataclass

from fclint.config import Settings
from fclint.diagnostic import Finding, Span
from fclint.document import Document, FunctionContext, empty_locator
from fclint.formats import Comment
from fclint.formats import py_sdk as sdk
from fclint.formats.py_literals import Positions, Translation, Translator, model_name
from fclint.kinds import Kind, detect, is_strong_key

COMMENTS = True
# Cheap pre-check: a file that mentions none of these holds no config and is not parsed.
SNIFF = re.compile(r"async_?invoke_?config|asyncconfig|destination_?config|max_?async|"
                   r"stateful_?invocation|async_?task", re.IGNORECASE)
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


def documents(text: str, path: str, settings: Settings, kind: Kind | None) -> Iterator[Document]:
    yield from python_documents(text, path, settings, kind)


def python_documents(source: str, path: str, settings: Settings, kind: Kind | None,
                     line_offset: int = 0, cell: int | None = None) -> Iterator[Document]:
    """The configs in Python `source`, whose line 1 is line `line_offset + 1` of `path` (or of
    notebook cell `cell`)."""
    if not SNIFF.search(source):
        return
    try:
        tree = ast.parse(source)
    except SyntaxError as error:
        if STRONG.search(source):
            line = (error.lineno or 1) + line_offset
            column = max(error.offset or 1, 1)
            yield _problem(path, settings, f"syntax error: {error.msg}",
                           Span(line, column, line, column + 1), cell)
        return
    except (ValueError, RecursionError, MemoryError) as error:  # NUL bytes, absurd nesting
        if STRONG.search(source):
            yield _problem(path, settings, f"cannot parse: {error}",
                           Span(1 + line_offset, 1, 1 + line_offset, 2), cell)
        return
    yield from _Finder(source, path, settings, kind, line_offset, cell).documents(tree)


def comments(text: str, marker: str) -> Iterator[Comment]:
    """The comments holding `marker`, as Python's tokenizer finds them: text in a string, an
    f-string or a docstring is no comment. Of a file that does not tokenize to the end, the
    comments before the first error: the tokenizer reads left to right, so those are certain,
    while after an unterminated string nothing is known to be code (Python 3.11 reads on, past
    an error token; 3.12 raises)."""
    try:
        for token in tokenize.generate_tokens(io.StringIO(text).readline):
            if token.type == tokenize.ERRORTOKEN:
                return
            if token.type == tokenize.COMMENT and marker in token.string:
                (line, column), (end_line, end_column) = token.start, token.end
                yield Comment(Span(line, column + 1, end_line, end_column + 1), token.string)
    except (tokenize.TokenError, SyntaxError):  # IndentationError too; 3.12: NUL, nesting
        return


def _problem(path: str, settings: Settings, message: str, span: Span, cell: int | None) -> Document:
    return Document(path=path, kind=Kind.FC2_REQUEST, data=None, settings=settings,
                    locator_factory=empty_locator, problems=[Finding((), message, code="FC000",
                                                                     span=span)], cell=cell)


class _Finder:
    """Finds the configs of one parsed file: client calls first (they know the function), then
    model calls, then lone DestinationConfigs, then dict displays, each node read once."""

    def __init__(self, source: str, path: str, settings: Settings, kind: Kind | None,
                 line_offset: int, cell: int | None) -> None:
        self.path, self.settings, self.kind, self.cell = path, settings, kind, cell
        self.positions = Positions(source, line_offset)
        imports_sdk = any(module in source for module in sdk.SDK_MODULES)
        models = frozenset(n for n in sdk.MODELS if imports_sdk or n not in sdk.GENERIC)
        self.translator = Translator(self.positions, models)
        self.models = models
        self.fc3 = sdk.FC3_MODULE in source
        self.consumed: set[int] = set()

    def documents(self, tree: ast.AST) -> Iterator[Document]:
        nodes = list(ast.walk(tree))
        calls = [n for n in nodes if isinstance(n, ast.Call)]
        for call in calls:
            yield from self._client_call(call)
        for call in calls:
            if id(call) not in self.consumed and model_name(call) == sdk.WRAPPER:
                yield from self._fc3_request(call, {})
        for call in calls:
            name = model_name(call)
            if id(call) in self.consumed or name not in self.models:
                continue
            model = sdk.MODELS[name]  # type: ignore[index]
            if model.kind is not None:
                yield self._document(call, self.kind or model.kind, self._context())
        for call in calls:
            name = model_name(call)
            if id(call) not in self.consumed and name == "DestinationConfig" and name in self.models:
                generation = Kind.FC3_REQUEST if self.fc3 else self._default_kind()
                yield self._document(call, self.kind or generation, self._context(),
                                     prefix=("destinationConfig",))
        for node in nodes:
            if isinstance(node, ast.Dict) and id(node) not in self.consumed and _keyed(node):
                doc = self._dict_document(node)
                if doc is not None:
                    yield doc

    def _client_call(self, call: ast.Call) -> Iterator[Document]:
        method = call.func.attr if isinstance(call.func, ast.Attribute) else None
        if method in sdk.FC2_SDK_METHODS:
            aliyun = len(call.args) >= 4 or any(
                k.arg in ("serviceName", "functionName", "asyncConfig") for k in call.keywords)
            if aliyun:
                args = _bind(call, sdk.ALIYUN_FC2_PARAMS)
                body = args.get("asyncConfig")
                context = self._context(args.get("serviceName"), args.get("functionName"),
                                        args.get("qualifier"))
                if isinstance(body, ast.Dict):
                    yield self._document(body, self.kind or Kind.FC2_REQUEST, context, call)
                return
            args = _bind(call, sdk.FC2_SDK_PARAMS)
            request = args.get("request")
            if model_name(request) == "PutFunctionAsyncInvokeConfigRequest" and request is not None:
                qualifier = _keyword(request, "qualifier")  # the client moves it to the query
                context = self._context(args.get("service_name"), args.get("function_name"))
                if isinstance(qualifier, ast.Constant) and isinstance(qualifier.value, str):
                    context = _with_qualifier(context, qualifier.value)
                yield self._document(request, self.kind or Kind.FC2_REQUEST, context, call)
        elif method in sdk.FC3_SDK_METHODS:
            args = _bind(call, sdk.FC3_SDK_PARAMS)
            request = args.get("request")
            if isinstance(request, ast.Call) and model_name(request) == sdk.WRAPPER:
                yield from self._fc3_request(request, args)

    def _fc3_request(self, wrapper: ast.Call, args: dict[str, ast.AST]) -> Iterator[Document]:
        self.consumed.add(id(wrapper))
        body = _keyword(wrapper, "body")
        if model_name(body) != "PutAsyncInvokeConfigInput" or body is None:
            return
        context = self._context(function=args.get("function_name"),
                                qualifier=_keyword(wrapper, "qualifier"))
        yield self._document(body, self.kind or Kind.FC3_REQUEST, context, wrapper)

    def _dict_document(self, node: ast.Dict) -> Document | None:
        translation = self.translator.translate(node)
        found = self.kind or detect(translation.data, self.settings.api_generation)
        if found is None:
            return None
        return self._from_translation(translation, node, found, self._context(), "dict", "dict")

    def _document(self, node: ast.AST, kind: Kind, context: FunctionContext,
                  client: ast.Call | None = None, prefix: tuple[str, ...] = ()) -> Document:
        root_key = self._name_span(node)
        translation = self.translator.translate(node, root_key, prefix)
        if client is not None:
            self.consumed.add(id(client))
        construct = "client" if client is not None else "model" if root_key else "dict"
        name = (model_name(client) if client is not None else model_name(node)) or "dict"
        return self._from_translation(translation, node, kind, context, construct, name)

    def _from_translation(self, translation: Translation, node: ast.AST, kind: Kind,
                          context: FunctionContext, construct: str, name: str) -> Document:
        self.consumed |= translation.consumed
        self.consumed.add(id(node))
        origin = PythonOrigin(construct, name, self.positions.span(node))
        locator = translation.locator
        return Document.from_data(
            translation.data, path=self.path, kind=kind, settings=self.settings,
            locator_factory=lambda: locator, context=context, duplicates=translation.duplicates,
            problems=translation.problems, renderer=repr, origin=origin,
            opaque_starts=frozenset(translation.opaque), cell=self.cell,
        )

    def _name_span(self, node: ast.AST) -> Span | None:
        """The class name of a model call: where a missing key of the whole config is reported."""
        if not isinstance(node, ast.Call):
            return None
        span = self.positions.span(node.func)
        name = model_name(node) or ""
        return Span(span.end_line, span.end_column - len(name), span.end_line, span.end_column)

    def _default_kind(self) -> Kind:
        return Kind.FC3_REQUEST if self.settings.api_generation == 3 else Kind.FC2_REQUEST

    def _context(self, service: ast.AST | None = None, function: ast.AST | None = None,
                 qualifier: ast.AST | None = None) -> FunctionContext:
        """What the call says of the function; only string literals count, with their spans."""
        values: dict[str, str] = {}
        spans = []
        for part, node in (("service", service), ("function", function), ("qualifier", qualifier)):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                values[part] = node.value
                spans.append((part, self.positions.span(node)))
        return FunctionContext(region=self.settings.region, account=self.settings.account_id,
                               spans=tuple(spans), **values)


def _with_qualifier(context: FunctionContext, qualifier: str) -> FunctionContext:
    from dataclasses import replace

    return replace(context, qualifier=qualifier)


def _bind(call: ast.Call, params: tuple[str, ...]) -> dict[str, ast.AST]:
    """Arguments by parameter name, positional or keyword."""
    bound: dict[str, ast.AST] = dict(zip(params, call.args))
    bound.update((k.arg, k.value) for k in call.keywords if k.arg in params)
    return bound


def _keyword(node: ast.AST | None, name: str) -> ast.AST | None:
    if not isinstance(node, ast.Call):
        return None
    return next((k.value for k in node.keywords if k.arg == name), None)


def _keyed(node: ast.Dict) -> bool:
    """A dict display with a key of the API (or near one): worth reading in full."""
    return any(isinstance(k, ast.Constant) and isinstance(k.value, str)
               and (k.value.lower() == "configs" or is_strong_key(k.value)) for k in node.keys)
