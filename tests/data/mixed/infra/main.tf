resource "alicloud_fc_function_async_invoke_config" "this" {
  service_name           = "svc"
  function_name          = "fn"
  maximum_retry_attempts = 9
}
