// Broken HCL that is not about async invocation: not ours to report.
resource "alicloud_oss_bucket" "b" {
  bucket = "x
}
