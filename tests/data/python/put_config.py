"""Set the async-invocation config of two functions with the FC 2.0 (2021-04-06) SDK."""

from alibabacloud_fc_open20210406 import models as fc_models
from alibabacloud_fc_open20210406.client import Client

ACCOUNT = "1234567890123456"
QUEUE = f"acs:mns:cn-hangzhou:{ACCOUNT}:/queues/ok/messages"


def configure(client: Client, retries: int) -> None:
    # A name and an f-string: fclint reads neither, and says nothing of them.
    client.put_function_async_invoke_config("orders", "checkout", fc_models.PutFunctionAsyncInvokeConfigRequest(
        destination_config=fc_models.DestinationConfig(
            on_success=fc_models.Destination(destination=QUEUE),
            on_failure=fc_models.Destination(destination=f"acs:mns:cn-hangzhou:{ACCOUNT}:/queues/failed/messages"),
        ),
        max_async_retry_attempts=retries,
    ))
    # Literals are read: the self-destination, the retry count and the qualifier's case.
    client.put_function_async_invoke_config("orders", "refund", fc_models.PutFunctionAsyncInvokeConfigRequest(
        destination_config=fc_models.DestinationConfig(
            on_failure=fc_models.Destination(
                destination="acs:fc:cn-hangzhou:1234567890123456:services/orders.LATEST/functions/refund"),
        ),
        max_async_event_age_in_seconds=3600,
        max_async_retry_attempts=10,
        stateful_invocation="true",
    ))


# Built here, sent elsewhere: still linted.
STAGING = fc_models.PutFunctionAsyncInvokeConfigRequest(qualifier="Latest", max_async_event_age_in_seconds=0)
