# A module that configures no async invocation: fclint reads nothing here.
provider "alicloud" {
  region = "cn-hangzhou"
}

variable "name" {
  default = "vpc-example"
}

resource "alicloud_vpc" "default" {
  vpc_name   = var.name
  cidr_block = "172.16.0.0/12"
}

resource "alicloud_fc_function" "default" {
  service     = "svc"
  name        = "fn"
  runtime     = "python3.10"
  handler     = "index.handler"
  memory_size = "512"
}

output "vpc_id" {
  value = alicloud_vpc.default.id
}
