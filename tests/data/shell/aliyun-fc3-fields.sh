#!/usr/bin/env bash
# Stands for a blog post's deployment script: an MNS queue made with `aliyun mns`, then the
# FC 3.0 async config set with `aliyun fc PutAsyncInvokeConfig`, the destination config as a
# multi-line single-quoted JSON flag and the numbers as flags, the account a 9-digit example.
set -euo pipefail

aliyun mns CreateQueue \
  --QueueName image-dlq \
  --DelaySeconds 0

aliyun fc PutAsyncInvokeConfig \
  --functionName image-processor \
  --qualifier LATEST \
  --destinationConfig '{
    "onFailure": {
      "destination": "acs:mns:cn-beijing:123456789:/queues/image-dlq/messages"
    }
  }' \
  --maxAsyncRetryAttempts 2 \
  --maxAsyncEventAgeInSeconds 3600
