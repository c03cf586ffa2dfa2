#!/bin/sh
# The aliyun CLI on the async-invocation family beside Put: a flag per query parameter, or the RESTful form.
aliyun fc-open ListStatefulAsyncInvocations --serviceName orders --functionName ship --limit 500 --status failed --startedTimeBegin 1700000000
aliyun fc ListAsyncTasks --functionName ship --limit 50 --status Dequeued
aliyun fc GET "/2023-03-30/functions/ship/async-tasks?limit=101&sortOrderByTime=up"
aliyun fc GET /2023-03-30/functions/ship/async-tasks/9job
aliyun fc-open GetStatefulAsyncInvocation --serviceName orders --functionName ship --invocationId "bad id"
aliyun fc ListAsyncTasks --functionName ship --limit "$LIMIT"
aliyun fc ListAsyncTasks --functionName ship --limit 20
