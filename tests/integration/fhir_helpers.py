"""Reading FHIR Bundles in tests: validate with fhir.resources (R4B models, FHIR 4.3.0) and see
everything a reader of the file would, attachments decoded."""

from __future__ import annotations

import base64
import json
from typing import Any

from fhir.resources.R4B.bundle import Bundle


def validated(document: dict[str, Any]) -> Bundle:
    """The Bundle, parsed by fhir.resources' models (raises on anything FHIR refuses)."""
    return Bundle.model_validate(document)


def readable(document: dict[str, Any]) -> str:
    """Everything a reader of the file sees: the JSON and every attachment, decoded."""
    texts = [json.dumps(document, ensure_ascii=False)]
    for entry in document["entry"]:
        for content in entry["resource"].get("content", []):
            texts.append(base64.b64decode(content["attachment"]["data"]).decode("utf-8"))
    return "\n".join(texts)
