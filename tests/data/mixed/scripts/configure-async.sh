#!/bin/sh
aliyun fc PutAsyncInvokeConfig --functionName checkout --qualifier LATEST \
  --body '{"maxAsyncRetryAttempts": 12}'
