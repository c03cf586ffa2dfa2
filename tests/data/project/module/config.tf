resource "alicloud_fcv3_async_invoke_config" "resize" {
  function_name = alicloud_fcv3_function.resize.function_name
  destination_config {
    on_success {
      destination = "acs:fc:cn-hangzhou:1234567890123456:functions/${alicloud_fcv3_function.notify.function_name}"
    }
    on_failure {
      destination = "acs:fc:cn-hangzhou:1234567890123456:functions/web"
    }
  }
}

resource "alicloud_fcv3_async_invoke_config" "notify" {
  function_name = alicloud_fcv3_function.notify.function_name
  destination_config {
    on_success {
      destination = "acs:fc:cn-hangzhou:1234567890123456:functions/${alicloud_fcv3_function.resize.function_name}"
    }
    on_failure {
      destination = "acs:fc:cn-hangzhou:1234567890123456:functions/${alicloud_fcv3_function.notfy.function_name}"
    }
  }
}

resource "alicloud_fcv3_async_invoke_config" "web" {
  function_name = "web"
  destination_config {
    on_success {
      destination = "acs:fc:cn-hangzhou:1234567890123456:functions/${alicloud_fcv3_function.web.function_name}"
    }
  }
}
