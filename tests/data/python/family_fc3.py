"""The FC 3.0 SDK's calls of the async-invocation family beside Put (alibabacloud_fc20230330)."""
from alibabacloud_fc20230330 import models as fc3
from alibabacloud_fc20230330.client import Client


def tasks(client: Client) -> None:
    client.list_async_tasks("ship", fc3.ListAsyncTasksRequest(
        limit=0, status="Dequeued", invocation_id_prefix="job-", include_payload="yes", sort_order_by_time="desc"))
    client.get_async_task("ship", "job-42", fc3.GetAsyncTaskRequest(qualifier="prod"))
    client.stop_async_task_async(function_name="ship", task_id="job/42", request=fc3.StopAsyncTaskRequest())
    configs = fc3.ListAsyncInvokeConfigsRequest(function_name="ship", limit=1000)


def invoke(client: Client) -> None:
    headers = fc3.InvokeFunctionHeaders(x_fc_invocation_type="async", x_fc_async_task_id="job-42")
    client.invoke_function_with_options("ship", fc3.InvokeFunctionRequest(body=b"{}"), headers, None)
