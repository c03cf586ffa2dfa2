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
    """Checks `asyncConfiguration` in a Serverless Devs `s.yaml` for the FC 2.0 component
    (`devsapp/fc`): `destination` is an object whose `onSuccess` and `onFailure` are the ARN strings
    themselves, spelled in lower camelCase."""
    return _problems(doc, "FC032")


@rule("FC033", Severity.ERROR, needs="problems")
def devs_fc3_shape(doc: Document) -> Iterator[Finding]:
    """Checks `asyncInvokeConfig` in a Serverless Devs `s.yaml` for the FC 3.0 component (`fc3`):
    `destinationConfig.onSuccess` is an object holding `destination`, and the FC 2.0 component's
    `destination:` key is not used."""
    return _problems(doc, "FC033")


@rule("FC037", Severity.ERROR, needs="problems")
def ros_fc3_qualifier(doc: Document) -> Iterator[Finding]:
    """Reports a `Qualifier` property on an `ALIYUN::FC3::AsyncInvokeConfig` resource of a ROS
    template."""
    return _problems(doc, "FC037")


@rule("FC038", Severity.ERROR, needs="problems")
def ros_destination_length(doc: Document) -> Iterator[Finding]:
    """Checks that a destination of an `ALIYUN::FC3::AsyncInvokeConfig` resource has at most 512
    characters."""
    return _problems(doc, "FC038")
