#!/bin/sh
# Stands for the FC 2.0 "asynchronous invocation configuration commands" page of Serverless
# Devs: `s cli fc api PutFunctionAsyncInvokeConfig --path '{...}' --body '{...}'`, run with
# sudo, once as a working example and once as the page's syntax template (every value a
# string, <placeholders> that the shell reads as redirections).
sudo s cli fc api PutFunctionAsyncInvokeConfig --region cn-hangzhou --access default --path '{"serviceName": "mytest","functionName": "mytest"}' --body '{"statefulInvocation": true}'
sudo s cli fc api PutFunctionAsyncInvokeConfig --region <regionid> --access <accessname> --path '{"serviceName": "serviceName","functionName": "functionName","qualifier": "qualifier"}' --body '{"maxAsyncEventAgeInSeconds": "maxAsyncEventAgeInSeconds","statefulInvocation": "true or false"}'
s cli fc api GetFunctionAsyncInvokeConfig --path '{"serviceName": "orders", "functionName": "checkout", "qualifier": "latest"}'
