"""Rules for the shapes that deployment tools written in YAML want: Serverless Devs' two FC
components and ROS's FC3 resource. The YAML front end finds these while translating a file."""

from __future__ import annotations

from collections.abc import Iterator

from fclint.diagnostic import Finding, Severity
from fclint.document import Document
from fclint.rules.registry import rule


def _problems(doc: Document, code: str) -> Iterator[Finding]:
    return (p for p in doc.problems if p.code == code)


@rule("FC032", Severity.ERROR, needs="problems")
def devs_fc2_shape(doc: Document) -> Iterator[Finding]:
    """## What it does
    Checks `asyncConfiguration` in a Serverless Devs `s.yaml` for the FC 2.0 component
    (`devsapp/fc`): `destination` is an object whose `onSuccess` and `onFailure` are the ARN
    strings themselves, spelled in lower camelCase.

    ## Why is this bad?
    The component reads `destination.onSuccess` as a string and its keys case-sensitively: an
    object (the FC 3.0 shape) or `OnSuccess` is dropped or sent malformed, and the results you
    expect go nowhere.

    ## Example
    ```yaml
    edition: 1.0.0
    services:
      app:
        component: devsapp/fc
        props:
          region: cn-hangzhou
          service: {name: svc}
          function:
            name: fn
            asyncConfiguration:
              destination:
                onFailure:
                  destination: acs:mns:cn-hangzhou:1234567890123456:/queues/dlq/messages
    ```

    ## Use instead
    ```yaml
    edition: 1.0.0
    services:
      app:
        component: devsapp/fc
        props:
          region: cn-hangzhou
          service: {name: svc}
          function:
            name: fn
            asyncConfiguration:
              destination:
                onFailure: acs:mns:cn-hangzhou:1234567890123456:/queues/dlq/messages
    ```
    """
    return _problems(doc, "FC032")


@rule("FC033", Severity.ERROR, needs="problems")
def devs_fc3_shape(doc: Document) -> Iterator[Finding]:
    """## What it does
    Checks `asyncInvokeConfig` in a Serverless Devs `s.yaml` for the FC 3.0 component (`fc3`):
    `destinationConfig.onSuccess` is an object holding `destination`, and the FC 2.0
    component's `destination:` key is not used.

    ## Why is this bad?
    The FC 3.0 component passes `destinationConfig` to the API as it is: a bare ARN string
    where an object belongs is rejected, and the FC 2.0 `destination:` key is ignored.

    ## Example
    ```yaml
    edition: 3.0.0
    resources:
      app:
        component: fc3
        props:
          region: cn-hangzhou
          functionName: fn
          asyncInvokeConfig:
            destinationConfig:
              onFailure: acs:mns:cn-hangzhou:1234567890123456:/queues/dlq/messages
    ```

    ## Use instead
    ```yaml
    edition: 3.0.0
    resources:
      app:
        component: fc3
        props:
          region: cn-hangzhou
          functionName: fn
          asyncInvokeConfig:
            destinationConfig:
              onFailure:
                destination: acs:mns:cn-hangzhou:1234567890123456:/queues/dlq/messages
    ```
    """
    return _problems(doc, "FC033")


@rule("FC037", Severity.ERROR, needs="problems")
def ros_fc3_qualifier(doc: Document) -> Iterator[Finding]:
    """## What it does
    Reports a `Qualifier` property on an `ALIYUN::FC3::AsyncInvokeConfig` resource of a ROS
    template.

    ## Why is this bad?
    The resource has no such property: ROS rejects the template, and the version or alias you
    meant cannot be chosen this way.

    ## Example
    ```yaml
    ROSTemplateFormatVersion: '2015-09-01'
    Resources:
      Config:
        Type: ALIYUN::FC3::AsyncInvokeConfig
        Properties:
          FunctionName: fn
          Qualifier: prod
          MaxAsyncRetryAttempts: 2
    ```

    ## Use instead
    ```yaml
    ROSTemplateFormatVersion: '2015-09-01'
    Resources:
      Config:
        Type: ALIYUN::FC3::AsyncInvokeConfig
        Properties:
          FunctionName: fn
          MaxAsyncRetryAttempts: 2
    ```
    """
    return _problems(doc, "FC037")


@rule("FC038", Severity.ERROR, needs="problems")
def ros_destination_length(doc: Document) -> Iterator[Finding]:
    """## What it does
    Checks that a destination of an `ALIYUN::FC3::AsyncInvokeConfig` resource has at most 512
    characters.

    ## Why is this bad?
    ROS validates `Destination` against a maximum length of 512 and rejects the stack.

    ## Example
    ```yaml
    ROSTemplateFormatVersion: '2015-09-01'
    Resources:
      Config:
        Type: ALIYUN::FC3::AsyncInvokeConfig
        Properties:
          FunctionName: fn
          DestinationConfig:
            OnFailure:
              Destination: acs:fc:cn-hangzhou:1234567890123456:functions/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa
    ```

    ## Use instead
    ```yaml
    ROSTemplateFormatVersion: '2015-09-01'
    Resources:
      Config:
        Type: ALIYUN::FC3::AsyncInvokeConfig
        Properties:
          FunctionName: fn
          DestinationConfig:
            OnFailure:
              Destination: acs:fc:cn-hangzhou:1234567890123456:functions/next
    ```
    """
    return _problems(doc, "FC038")
