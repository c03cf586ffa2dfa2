# Terraform: the FC 2.0 and FC 3.0 resources
resource "alicloud_fc_function_async_invoke_config" "fc2" {
  service_name  = "orders"
  function_name = "checkout"
  qualifier     = "LATEST" # wrong case
  maximum_event_age_in_seconds = 0
  maximum_retry_attempts       = 9
  destination_config {
    on_failure {
      destination = "acs:mns:cn-hangzhou:1234567890123456:/queues/dlq/messages"
    }
    on_success {
      destination = "acs:fc:cn-hangzhou:1234567890123456:services/orders.LATEST/functions/audit"
    }
  }
}

resource "alicloud_fc_function_async_invoke_config" "week" {
  service_name                 = "orders"
  function_name                = "report"
  maximum_event_age_in_seconds = 1209600
  maximum_retry_attempts       = 2
}

resource "alicloud_fcv3_async_invoke_config" "fc3" {
  function_name                  = "checkout"
  max_async_event_age_in_seconds = 172800 // the provider caps it
  max_async_retry_attempts       = -1
  destination_config {
    on_failure {
      destination = "acs:fc:cn-hangzhou:1234567890123456:functions/audit"
    }
  }
}
