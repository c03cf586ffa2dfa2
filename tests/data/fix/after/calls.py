"""Set an async-invocation config with the FC 2.0 SDK."""
from alibabacloud_fc_open20210406 import models as fc_models
from alibabacloud_fc20230330 import models as fc3_models

REQUEST = fc_models.PutFunctionAsyncInvokeConfigRequest(
    max_async_retry_attempts=9,  # too many
    stateful_invocation=True,
    max_async_event_age_in_seconds=3600,
    destination_config=fc_models.DestinationConfig(
        on_failure=fc_models.Destination(destination="acs:mns:cn-hangzhou:1234567890123456:/queues/dlq/messages"),
    ),
)

STAGING = fc_models.PutFunctionAsyncInvokeConfigRequest(max_async_event_age_in_seconds=1209600)
PREVIEW = fc_models.PutFunctionAsyncInvokeConfigRequest(max_async_event_age_in_seconds=0)
FC3 = fc3_models.PutAsyncInvokeConfigInput(
    destination_config=fc3_models.DestinationConfig(
        on_success=fc3_models.Destination(destination="acs:fc:cn-hangzhou:1234567890123456:functions/audit"),
    ),
)
