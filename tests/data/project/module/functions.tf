# The functions of the module; their async configs are in config.tf.
resource "alicloud_fcv3_function" "resize" {
  function_name = "resize"
  runtime       = "python3.10"
  handler       = "index.handler"
}

resource "alicloud_fcv3_function" "notify" {
  function_name = format("%s-notify", var.prefix)
  runtime       = "python3.10"
  handler       = "index.handler"
}

resource "alicloud_fcv3_function" "web" {
  function_name = "web"
  runtime       = "python3.10"
  handler       = "index.handler"
}

resource "alicloud_fcv3_trigger" "web_http" {
  function_name = alicloud_fcv3_function.web.function_name
  trigger_name  = "http"
  trigger_type  = "http"
}
