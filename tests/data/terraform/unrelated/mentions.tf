# The type named in a comment and a string, never as a resource:
# alicloud_fc_function_async_invoke_config
locals {
  note = "see alicloud_fcv3_async_invoke_config"
}
