"""aliyun-fc2's calls of the async-invocation family: headers as a dict, the list's limit."""
import fc2

client = fc2.Client(endpoint="https://1234567890123456.cn-hangzhou.fc.aliyuncs.com")
client.invoke_function("orders", "ship", payload=b"{}", headers={
    "x-fc-invocation-type": "async",
    "X-Fc-Stateful-Async-Invocation-Id": "job 42",
})
client.invoke_function("orders", "ship", b"{}", {"X-Fc-Invocation-Type": "Sync", "X-Fc-Stateful-Async-Invocation-Id": "job-42"})
client.invoke_function("orders", "ship", b"{}", {"x-fc-invocation-type": "Async",
                                                 "x-fc-stateful-async-invocation-id": "job-42"})
client.list_function_async_invoke_configs("orders", "ship", limit=500)
client.list_function_async_invoke_configs("orders", "ship", 20, "token")
