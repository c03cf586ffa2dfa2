"""JSON files: an API body (request, response or list), recognised by its keys."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from fclint import fastpath
from fclint.config import Settings
from fclint.document import Document, FunctionContext
from fclint.jsondoc import parse_json
from fclint.kinds import STRONG_KEYS, Kind, detect

COMMENTS = False
# Text that marks a file as probably ours even when it cannot be parsed.
SNIFF = re.compile("|".join(k[3:] for k in STRONG_KEYS) + "|async-invoke-config", re.I)


def documents(text: str, path: str, settings: Settings, kind: Kind | None) -> Iterator[Document]:
    if kind is None and '"Resources"' in text:  # a ROS or Fun template has them
        parsed = parse_json(text)
        if isinstance(parsed.data, dict) and _is_template(parsed.data):
            from fclint.formats import yaml_files  # a ROS template: YAML's reader and rules

            yield from yaml_files.template_documents(text, path, settings)
            return
    doc = json_document(text, path, settings, kind, _home(settings.region, settings.account_id))
    if doc is not None:
        yield doc



def _is_template(data: dict[str, Any]) -> bool:
    from fclint.formats import yaml_ros

    return yaml_ros.is_template(data)


@lru_cache(maxsize=64)
def _home(region: str | None, account: str | None) -> FunctionContext:
    """The function's region and account from the configuration, shared (it is immutable)."""
    return FunctionContext(region=region, account=account)


def json_document(
    text: str, path: str, settings: Settings, kind: Kind | None, context: FunctionContext,
    line_offset: int = 0, **extra: Any,
) -> Document | None:
    """A Document for a JSON body, or None when it is not an FC config (nor broken like one)."""
    parsed = parse_json(text, line_offset)
    found = kind or detect(parsed.data, settings.api_generation)
    if found is None:
        if not parsed.problems or not SNIFF.search(text[:65536]):
            return None
        found = Kind.FC3_REQUEST if settings.api_generation == 3 else Kind.FC2_REQUEST
        parsed.data = None
    plain = not parsed.problems and not parsed.duplicates and not extra
    if plain and fastpath.clean_data(found, parsed.data, context):
        return Document(data=parsed.data, path=path, kind=found, settings=settings,
                        locator_factory=lambda: parsed.locator, context=context, known_clean=True)
    return Document.from_data(
        parsed.data, path=path, kind=found, settings=settings,
        known_clean=False if plain else None,
        locator_factory=lambda: parsed.locator, context=context,
        duplicates=parsed.duplicates, problems=parsed.problems, **extra,
    )
