"""Naming rules and known values of Function Compute (research: fc-domain.md sections 1 and 4)."""

from __future__ import annotations

import re

FC2_REGIONS = frozenset(
    """ap-northeast-1 ap-south-1 ap-southeast-1 ap-southeast-2 ap-southeast-3 ap-southeast-5
    cn-beijing cn-chengdu cn-hangzhou cn-hangzhou-finance cn-hongkong cn-huhehaote cn-north-2-gov-1
    cn-qingdao cn-shanghai cn-shenzhen cn-zhangjiakou eu-central-1 eu-west-1 us-east-1
    us-west-1""".split()
)
FC3_REGIONS = (FC2_REGIONS - {"cn-north-2-gov-1"}) | frozenset(
    """ap-northeast-2 ap-southeast-7 cn-wulanchabu me-central-1 cn-shanghai-finance-1
    cn-heyuan-acdr-1 cn-shanghai-cloudspe""".split()
)
ALL_REGIONS = FC2_REGIONS | FC3_REGIONS

REGION_SHAPE = re.compile(r"[a-z]{2}(?:-[a-z0-9]+)+")
# Service, function and alias names: a letter or underscore, then letters, digits, '_' or '-'.
NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")
SERVICE_MAX = 128
FUNCTION_MAX = 64
FUNCTION_MAX_LEGACY = 128
ALIAS_MAX = 128
VERSION = re.compile(r"[1-9][0-9]*")
MNS_NAME_MAX = 120
BUS_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9-]*")
BUS_NAME_MAX = 127

# Values that documentation and templates use in place of a real account id or name.
PLACEHOLDER = re.compile(
    r"\{\{[^{}]*\}\}"  # {{ var }}
    r"|(?<!\$)\{[A-Za-z_][A-Za-z0-9_.-]*\}"  # {uid}, {please_replace_me}; not ${vars.x}
    r"|<[A-Za-z_][A-Za-z0-9_ .-]*>"  # <accountId>
)
INTERPOLATION = re.compile(r"\$\{[^{}]*\}")  # ${vars.x}, ${env(X)}: resolved by the deploy tool
ACCOUNT_DIGITS = 16  # every Alibaba Cloud account id (UID) the documents and consoles show
MASKED_ACCOUNT = re.compile(r"\d*\*+\d*")  # 1986***743, 188077086902****
PLACEHOLDER_ACCOUNTS = frozenset({"xxx", "xxxx", "xxxxxx", "accountid", "account-id", "uid", "123", "1234"})


def qualifier_problem(qualifier: str) -> str | None:
    """Why `qualifier` cannot name LATEST, a version or an alias (None when it can)."""
    if qualifier == "LATEST" or VERSION.fullmatch(qualifier):
        return None
    if qualifier.upper() == "LATEST":
        return "qualifiers are case-sensitive: did you mean 'LATEST'?"
    if qualifier == "":
        return "the qualifier is empty"
    if qualifier == "0" or (qualifier.isdigit() and qualifier.startswith("0")):
        return "version ids start at 1"
    if not NAME.fullmatch(qualifier):
        return "an alias starts with a letter or '_' and holds only letters, digits, '_' and '-'"
    if len(qualifier) > ALIAS_MAX:
        return f"an alias has at most {ALIAS_MAX} characters"
    return None


def name_problem(name: str, what: str, limit: int) -> str | None:
    """Why `name` is not a valid service or function name (None when it is)."""
    if not name:
        return f"the {what} name is empty"
    if what == "service" and "." in name:
        return None  # reported by service-name-dot
    if not NAME.fullmatch(name):
        return (
            f"a {what} name starts with a letter or '_' and holds only letters, digits, '_' and '-'"
        )
    if len(name) > limit:
        return f"a {what} name has at most {limit} characters"
    return None
