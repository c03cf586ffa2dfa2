"""The kinds of body fclint knows, and how to tell them apart by their content."""

from __future__ import annotations

import enum
from functools import lru_cache
from typing import Any


class Kind(enum.Enum):
    """A body of the async-invoke-config APIs; the value names its schema in `schemas/`."""

    FC2_REQUEST = "fc2-request"
    FC2_CONFIG = "fc2-config"
    FC2_LIST = "fc2-list"
    FC3_REQUEST = "fc3-request"
    FC3_CONFIG = "fc3-config"
    FC3_LIST = "fc3-list"
    # The async tasks' responses: GetStatefulAsyncInvocation / GetAsyncTask (one record),
    # ListStatefulAsyncInvocations / ListAsyncTasks (a page of them).
    FC2_INVOCATION = "fc2-invocation"
    FC2_INVOCATIONS = "fc2-invocations"
    FC3_TASK = "fc3-task"
    FC3_TASKS = "fc3-tasks"

    # Asked for on every rule call and used as a key of caches, file after file: plain
    # attributes set once per member, and the identity hash (Enum's own hash is a Python
    # function; members are singletons, compared by identity).
    generation: int
    is_request: bool
    is_list: bool
    items: str | None  # the key of a page of task records
    __hash__ = object.__hash__

    def __init__(self, value: str) -> None:
        self.generation = 3 if value.startswith("fc3") else 2
        self.is_request = value.endswith("request")
        self.is_list = value.endswith("list")
        self.items = {"fc2-invocations": "invocations", "fc3-tasks": "tasks"}.get(value)

    @property
    def title(self) -> str:
        return KIND_TITLES[self]


KIND_TITLES = {
    Kind.FC2_REQUEST: "PutFunctionAsyncInvokeConfig request body",
    Kind.FC2_CONFIG: "FC 2.0 async invoke config response",
    Kind.FC2_LIST: "ListFunctionAsyncInvokeConfigs response",
    Kind.FC3_REQUEST: "PutAsyncInvokeConfig request body",
    Kind.FC3_CONFIG: "FC 3.0 AsyncConfig response",
    Kind.FC3_LIST: "ListAsyncInvokeConfigs response",
    Kind.FC2_INVOCATION: "GetStatefulAsyncInvocation response",
    Kind.FC2_INVOCATIONS: "ListStatefulAsyncInvocations response",
    Kind.FC3_TASK: "GetAsyncTask response",
    Kind.FC3_TASKS: "ListAsyncTasks response",
}
# A task record is known by its id and two more of its keys, as the SDKs' to_map writes them
# (StatefulAsyncInvocation, AsyncTask).
TASK_KEYS = {
    2: ("invocationId", frozenset({"serviceName", "functionName", "status", "startedTime",
                                   "endTime", "alreadyRetriedTimes", "destinationStatus",
                                   "invocationPayload", "invocationErrorMessage", "events",
                                   "durationMs", "instanceId", "requestId"})),
    3: ("taskId", frozenset({"functionArn", "status", "startedTime", "endTime",
                             "alreadyRetriedTimes", "destinationStatus", "taskPayload",
                             "taskErrorMessage", "events", "durationMs", "instanceId",
                             "requestId"})),
}

# Keys that only an async-invoke config has; one of them (or a near miss) marks a file as ours.
STRONG_KEYS = (
    "destinationConfig", "maxAsyncEventAgeInSeconds", "maxAsyncRetryAttempts",
    "statefulInvocation", "asyncTask",
)
RESPONSE_KEYS = frozenset(
    {"service", "function", "serviceName", "functionName", "createdTime", "lastModifiedTime",
     "functionArn"}
)
FC3_MARKERS = frozenset({"asynctask", "functionarn"})
FC2_MARKERS = frozenset({"statefulinvocation", "service", "servicename"})
# Every key any body may hold, by its lower-case spelling: the canonical camelCase form.
CANONICAL_KEYS = {
    key.lower(): key
    for key in (*STRONG_KEYS, *RESPONSE_KEYS, "onSuccess", "onFailure", "destination",
                "qualifier", "configs", "nextToken")
}
# AWS Lambda's event-invoke config (`aws lambda put-function-event-invoke-config`, its output,
# SAM's EventInvokeConfig): `DestinationConfig` spells FC's key and `MaximumRetryAttempts` is
# one slip from it, but these two are Lambda's own. A body holding one is Lambda's, unless it
# also writes one of FC's own keys as the API spells them (a Lambda name slipped into it).
LAMBDA_KEYS = frozenset({"maximumretryattempts", "maximumeventageinseconds"})
_FC_ONLY_KEYS = frozenset(STRONG_KEYS) - {"destinationConfig"}
_SQUASHED_STRONG = {k.lower(): k for k in STRONG_KEYS}
_STRONG_SET = frozenset(STRONG_KEYS)


def squash(key: str) -> str:
    """`max_async_retry_attempts`, `MaxAsyncRetryAttempts` and `maxAsyncRetryAttempts` all alike."""
    return key.replace("_", "").replace("-", "").lower()


def is_strong_key(key: str) -> bool:
    return strong_key_for(key) is not None


@lru_cache(maxsize=4096)
def strong_key_for(key: str, cutoff: float = 0.8) -> str | None:
    """The key only an async-invoke config has that `key` spells, in any case, or nearly
    (a `difflib` ratio of at least `cutoff`)."""
    squashed = squash(key)
    if squashed in _SQUASHED_STRONG:
        return _SQUASHED_STRONG[squashed]
    if not squashed:
        return None
    import difflib  # a run answered from the result cache never gets here

    close = difflib.get_close_matches(squashed, _SQUASHED_STRONG, n=1, cutoff=cutoff)
    return _SQUASHED_STRONG[close[0]] if close else None


def detect(data: Any, api_generation: int | None = None) -> Kind | None:
    """The kind of `data`, or None when it is not an async-invoke config at all."""
    if not isinstance(data, dict):
        return None
    data_keys = tuple(data)  # files share a handful of key sets
    if _may_be_task(data_keys):
        task = detect_task(data)
        if task is not None:
            return task
    found = _detect_by_keys(data_keys, api_generation)
    if found is not _BY_VALUES:
        return found  # type: ignore[return-value]
    keys = {squash(k) for k in data}
    configs = _get_folded(data, "configs")
    if isinstance(configs, list) and "destinationconfig" not in keys:
        items = [item for item in configs if isinstance(item, dict)]
        if not configs or any(detect(item) for item in items):
            generation = _generation({squash(k) for item in items for k in item}, api_generation)
            return Kind.FC3_LIST if generation == 3 else Kind.FC2_LIST
        return None
    return _kind_of_keys(tuple(data), keys, api_generation)


# With a `configs` key, whether a body is a list depends on its values, not only its keys.
_BY_VALUES = object()


@lru_cache(maxsize=1024)
def _detect_by_keys(data_keys: tuple[str, ...], api_generation: int | None) -> Kind | None | object:
    if any(k.lower() == "configs" for k in data_keys):
        return _BY_VALUES
    return _kind_of_keys(data_keys, {squash(k) for k in data_keys}, api_generation)


@lru_cache(maxsize=1024)
def _may_be_task(data_keys: tuple[str, ...]) -> bool:
    """Whether a body with these keys can be a task record or a page of them: most bodies are
    not, and a key set is answered once."""
    return not _TASK_MARKERS.isdisjoint(data_keys)


_TASK_MARKERS = frozenset({id_key for id_key, _ in TASK_KEYS.values()} | {"invocations", "tasks"})


def _task_generation(record: Any) -> int | None:
    if not isinstance(record, dict):
        return None
    for generation, (id_key, others) in TASK_KEYS.items():
        if id_key in record and len(others.intersection(record)) >= 2:
            return generation
    return None


def detect_task(data: dict[str, Any]) -> Kind | None:
    """A task record, or a page of them whose every record is one (an empty page says
    nothing)."""
    generation = _task_generation(data)
    if generation is not None:
        return Kind.FC3_TASK if generation == 3 else Kind.FC2_INVOCATION
    for key, kind in (("invocations", Kind.FC2_INVOCATIONS), ("tasks", Kind.FC3_TASKS)):
        page = data.get(key)
        if (isinstance(page, list) and page and set(data) <= {key, "nextToken"}
                and all(_task_generation(r) == kind.generation for r in page)):
            return kind
    return None


def _kind_of_keys(data_keys: tuple[str, ...], keys: set[str], api_generation: int | None) -> Kind | None:
    if not _STRONG_SET.intersection(data_keys) and not any(is_strong_key(k) for k in data_keys):
        return None
    if keys & LAMBDA_KEYS and not _FC_ONLY_KEYS.intersection(data_keys):
        return None
    generation = _generation(keys, api_generation)
    is_response = bool(keys & {k.lower() for k in RESPONSE_KEYS})
    if generation == 3:
        return Kind.FC3_CONFIG if is_response else Kind.FC3_REQUEST
    return Kind.FC2_CONFIG if is_response else Kind.FC2_REQUEST


def _generation(keys: set[str], api_generation: int | None) -> int:
    if keys & FC3_MARKERS and not keys & FC2_MARKERS:
        return 3
    if keys & FC2_MARKERS:
        return 2
    return api_generation or 2


def _get_folded(data: dict[str, Any], key: str) -> Any:
    for k, v in data.items():
        if k.lower() == key:
            return v
    return None


def kind_from_name(name: str) -> Kind:
    try:
        return Kind(name)
    except ValueError:
        names = ", ".join(k.value for k in Kind)
        raise ValueError(f"unknown kind {name!r}; choose one of {names}") from None
