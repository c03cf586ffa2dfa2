provider "alicloud" {
  region = "cn-hangzhou"
}

provider "alicloud" {
  alias  = "bj"
  region = "cn-beijing"
}

resource "alicloud_fc_function_async_invoke_config" "orders" {
  service_name                 = "orders"
  function_name                = "checkout"
  qualifier                    = "latest"
  maximum_event_age_in_seconds = "3000000"
  maximum_retry_attempts       = 9
  stateful_invocation          = "true"

  destination_config {
    on_failure {
      destination = "acs:mns:cn-shanghai:1234567890123456:/queues/dlq/messages"
    }
    on_success {
      destination = "acs:fc:cn-hangzhou:1234567890123456:services/orders.LATEST/functions/checkout"
    }
  }
}

resource "alicloud_fcv3_async_invoke_config" "report" {
  provider                       = alicloud.bj
  function_name                  = "report"
  max_async_event_age_in_seconds = 172800
  max_async_retry_attempts       = var.retries
  async_task                     = "yes"

  destination_config {
    on_success {
      destination = "acs:fc:cn-beijing:1234567890123456:functions/report"
    }
    on_failure {
      destination = "${local.dlq}"
    }
  }
}
