"""What the alicloud provider's fcv3 async-invoke-config resource sends, where it differs from
what is written: shared by the front ends that read that resource (Terraform, and Pulumi's
bridge of it, in YAML and in Python). From resource_alicloud_fcv3_async_invoke_config.go."""

from __future__ import annotations

from typing import Any

AGE = "maxAsyncEventAgeInSeconds"


def drop_unsent(data: Any) -> None:
    """Remove from the body what the resource does not send, so that it is not set rather
    than judged:

    - an event age of 0: it sends the age only when it is above 0 (`GetOk ... && v > 0`);
    - a side whose destination is "": it sends `{}` for it (it copies a destination only when
      `nodeNative != ""`), as for a side not written at all. A block left with no side goes
      too: "" is how a destination is cleared (Update sends it when it changed), not a block
      that names nothing (FC008)."""
    if not isinstance(data, dict):
        return
    if AGE in data and data[AGE] == 0:
        del data[AGE]
    config = data.get("destinationConfig")
    if not isinstance(config, dict):
        return
    cleared = [which for which in ("onSuccess", "onFailure")
               if isinstance(config.get(which), dict) and config[which].get("destination") == ""]
    for which in cleared:
        del config[which]
    if cleared and not config:
        del data["destinationConfig"]
