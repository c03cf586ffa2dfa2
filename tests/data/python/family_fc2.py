"""The FC 2.0 SDK's calls of the async-invocation family beside Put (alibabacloud_fc_open20210406)."""
from alibabacloud_fc_open20210406 import models as fc_models
from alibabacloud_fc_open20210406.client import Client


def tasks(client: Client) -> None:
    listed = client.list_stateful_async_invocations("orders", "ship", fc_models.ListStatefulAsyncInvocationsRequest(
        limit=500, status="failed", started_time_begin=1700000000, prefix="job-"))
    good = fc_models.ListStatefulAsyncInvocationsRequest(
        limit=100, status="Failed", started_time_begin=1700000000000, invocation_id_prefix="job-",
        include_payload=True, sort_order_by_time="desc")
    client.get_stateful_async_invocation("orders", "ship", "42-job", fc_models.GetStatefulAsyncInvocationRequest())
    client.stop_stateful_async_invocation("orders", "ship", "job-42", fc_models.StopStatefulAsyncInvocationRequest(qualifier="prod"))
    configs = fc_models.ListFunctionAsyncInvokeConfigsRequest(limit=200)
    functions = fc_models.ListStatefulAsyncInvocationFunctionsRequest(limit=0)


def invoke(client: Client, payload: bytes, name: str) -> None:
    headers = fc_models.InvokeFunctionHeaders(x_fc_invocation_type="Sync", x_fc_stateful_async_invocation_id="job-42")
    queued = fc_models.InvokeFunctionHeaders(x_fc_invocation_type="Async", x_fc_stateful_async_invocation_id=name)
    client.get_stateful_async_invocation_with_options("orders", "ship", name, None, None, None)
