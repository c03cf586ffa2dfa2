# Stands for the import example of the provider's docs, pasted with its `$ ` prompt.
$ terraform import alicloud_fc_function_async_invoke_config.example my_function
