"""What the official Python SDKs call the async-invoke config: their model classes, each field's
Python name and wire key (as the models' `to_map` writes it), and the client methods that send it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from fclint.kinds import Kind

# Python attribute -> wire key, as `to_map()` of alibabacloud_fc_open20210406 and
# alibabacloud_fc20230330 writes them.
WIRE_KEYS = {
    "destination_config": "destinationConfig",
    "on_success": "onSuccess",
    "on_failure": "onFailure",
    "destination": "destination",
    "max_async_event_age_in_seconds": "maxAsyncEventAgeInSeconds",
    "max_async_retry_attempts": "maxAsyncRetryAttempts",
    "stateful_invocation": "statefulInvocation",
    "async_task": "asyncTask",
    "qualifier": "qualifier",
    "created_time": "createdTime",
    "last_modified_time": "lastModifiedTime",
    "function_arn": "functionArn",
}
PYTHON_NAMES = {wire: python for python, wire in WIRE_KEYS.items()}


def python_spelling(path: tuple[str | int, ...]) -> tuple[str | int, ...]:
    """An API pointer as a model's keyword arguments spell it: max_async_retry_attempts."""
    return tuple(PYTHON_NAMES.get(part, part) if isinstance(part, str) else part for part in path)


@dataclass(frozen=True)
class Model:
    """An SDK model class: its `__init__` parameters in order, and the kind of body it is when
    it stands at the top (None for the parts of a body); `keys` maps each parameter to the
    wire key it is sent as, and `skip` names the parameters that are not part of the body
    (the function's names, read as its context, and a framework's own arguments)."""

    fields: tuple[str, ...]
    kind: Kind | None = None
    keys: Mapping[str, str] = field(default_factory=lambda: WIRE_KEYS)
    skip: frozenset[str] = frozenset()


MODELS = {
    # alibabacloud_fc_open20210406 (FC 2.0); its client sends `qualifier` as ?qualifier=.
    "PutFunctionAsyncInvokeConfigRequest": Model(
        ("destination_config", "max_async_event_age_in_seconds", "max_async_retry_attempts",
         "stateful_invocation", "qualifier"), Kind.FC2_REQUEST),
    # alibabacloud_fc20230330 (FC 3.0)
    "PutAsyncInvokeConfigInput": Model(
        ("async_task", "destination_config", "max_async_event_age_in_seconds",
         "max_async_retry_attempts"), Kind.FC3_REQUEST),
    "AsyncConfig": Model(
        ("async_task", "created_time", "destination_config", "function_arn",
         "last_modified_time", "max_async_event_age_in_seconds", "max_async_retry_attempts"),
        Kind.FC3_CONFIG),
    # Both generations.
    "DestinationConfig": Model(("on_failure", "on_success")),
    "Destination": Model(("destination",)),
}
# Names common enough in other libraries that only a file importing the SDK makes them ours.
GENERIC = frozenset({"AsyncConfig", "DestinationConfig", "Destination"})
SDK_MODULES = ("alibabacloud_fc_open20210406", "alibabacloud_fc20230330")
FC3_MODULE = "alibabacloud_fc20230330"

# FC 3.0's request wrapper: `PutAsyncInvokeConfigRequest(body=PutAsyncInvokeConfigInput(...),
# qualifier=...)`.
WRAPPER = "PutAsyncInvokeConfigRequest"

# Client methods, with their parameters in order. The 2021-04-06 SDK and aliyun-fc2 share a
# method name; aliyun-fc2 2.5.2 (fc2/client.py) has only that one,
# `put_function_async_invoke_config(self, serviceName, qualifier, functionName, asyncConfig,
# headers={})`, and sends `json.dumps(asyncConfig)` as the body: the dict as it is written.
FC2_SDK_METHODS = ("put_function_async_invoke_config", "put_function_async_invoke_config_async",
                   "put_function_async_invoke_config_with_options",
                   "put_function_async_invoke_config_with_options_async")
FC2_SDK_PARAMS = ("service_name", "function_name", "request")
ALIYUN_FC2_METHOD = "put_function_async_invoke_config"
ALIYUN_FC2_PARAMS = ("serviceName", "qualifier", "functionName", "asyncConfig")
FC3_SDK_METHODS = ("put_async_invoke_config", "put_async_invoke_config_async",
                   "put_async_invoke_config_with_options",
                   "put_async_invoke_config_with_options_async")
FC3_SDK_PARAMS = ("function_name", "request")
