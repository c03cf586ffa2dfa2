"""What the alicloud provider's fcv3 async-invoke-config resource sends, where it differs from
what is written: shared by the front ends that read that resource (Terraform, and Pulumi's
bridge of it, in YAML and in Python)."""

from __future__ import annotations

from typing import Any


def drop_unsent_destinations(data: Any) -> None:
    """Remove a side whose destination is "": the resource sends `{}` for it (it copies a
    destination only when `nodeNative != ""`), as it does for a side not written at all, so
    such a side is not set, not an empty destination (FC009). A block left with no side
    goes too: "" is how a destination is cleared (Update sends it when it changed), not a
    block that names nothing (FC008). From resource_alicloud_fcv3_async_invoke_config.go."""
    config = data.get("destinationConfig") if isinstance(data, dict) else None
    if not isinstance(config, dict):
        return
    cleared = [which for which in ("onSuccess", "onFailure")
               if isinstance(config.get(which), dict) and config[which].get("destination") == ""]
    for which in cleared:
        del config[which]
    if cleared and not config:
        del data["destinationConfig"]
