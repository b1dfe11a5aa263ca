"""Strict HSDS 3.0 validators: the shared schemas, our profile patches applied, no extra fields.

`additionalProperties: false` is set on every object schema (as upstream CI does with
`--set-additional-properties-false-everywhere`), so only HSDS fields and the fields our profile
adds validate. Relative `$ref`s ("phone.json") resolve through a `referencing.Registry` built
from the local files; nothing is fetched.
"""
import copy
import json
from datetime import datetime
from functools import cache
from pathlib import Path
from urllib.parse import urlparse

import pytest
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

SCHEMA_DIR = Path(__file__).resolve().parents[2] / "shared" / "hsds" / "v3.0" / "schema"
PROFILE_DIR = Path(__file__).resolve().parents[1] / "directory" / "profile"
BASE = "https://hsds.test/v3.0/"

needs_hsds = pytest.mark.skipif(not SCHEMA_DIR.is_dir(), reason="../shared/hsds is absent")


def merge_patch(target, patch):
    """Apply an RFC 7396 JSON Merge Patch."""
    if not isinstance(patch, dict):
        return copy.deepcopy(patch)
    result = dict(target) if isinstance(target, dict) else {}
    for key, value in patch.items():
        if value is None:
            result.pop(key, None)
        else:
            result[key] = merge_patch(result.get(key), value)
    return result


def strict(node):
    """Return a copy of a schema with additionalProperties false on every object schema."""
    if isinstance(node, list):
        return [strict(item) for item in node]
    if not isinstance(node, dict):
        return node
    result = {key: strict(value) for key, value in node.items()}
    if isinstance(node.get("properties"), dict) and "additionalProperties" not in node:
        result["additionalProperties"] = False
    return result


def profiled(name, schema):
    """Apply our profile's patch for `name` (e.g. "service.json") when there is one."""
    patch = PROFILE_DIR / name
    return merge_patch(schema, json.loads(patch.read_text())) if patch.exists() else schema


def compiled_service():
    """The compiled service schema with each definition patched by its profile file."""
    schema = profiled("service.json", json.loads(
        (SCHEMA_DIR / "compiled" / "service_with_definitions.json").read_text()))
    schema["definitions"] = {
        name: profiled(f"{name}.json", definition)
        for name, definition in schema["definitions"].items()
    }
    return schema


@cache
def registry():
    """Every entity schema, the compiled list schemas and the compiled service, strict."""
    documents = {path.name: profiled(path.name, json.loads(path.read_text()))
                 for path in SCHEMA_DIR.glob("*.json") if path.name != "openapi.json"}
    for name in ("service_list", "service_at_location_list", "organization_list"):
        documents[f"compiled/{name}.json"] = json.loads(
            (SCHEMA_DIR / "compiled" / f"{name}.json").read_text())
    # Resolved relative to BASE, so its profile $refs ("service_area.json") reach the files.
    documents["service_with_definitions.json"] = compiled_service()
    resources = []
    for name, schema in documents.items():
        schema = strict(schema)
        schema["$id"] = BASE + name
        resources.append((BASE + name, Resource.from_contents(schema, DRAFT202012)))
    return Registry().with_resources(resources)


def _format_checker():
    # The default checker skips "date-time" and "uri" unless optional packages are installed.
    checker = copy.deepcopy(Draft202012Validator.FORMAT_CHECKER)

    @checker.checks("date-time", raises=ValueError)
    def is_datetime(text):
        if not isinstance(text, str):
            return True
        parsed = datetime.fromisoformat(text)
        return "T" in text and parsed.tzinfo is not None

    @checker.checks("uri", raises=ValueError)
    def is_uri(text):
        return not isinstance(text, str) or bool(urlparse(text).scheme)

    return checker


FORMAT_CHECKER = _format_checker()


def errors(name, instance):
    """Return the validation messages of `instance` against schema file `name`."""
    validator = Draft202012Validator(
        {"$ref": BASE + name}, registry=registry(), format_checker=FORMAT_CHECKER
    )
    return [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(instance)]


def assert_valid(name, instance):
    """Fail with every validation message when `instance` does not match `name`."""
    problems = errors(name, instance)
    assert not problems, "\n".join(problems[:20])


def assert_page(name, body):
    """Check an HSDS Page envelope and validate each item against `name`."""
    page_keys = {"total_items", "total_pages", "page_number", "size", "first_page",
                 "last_page", "empty", "contents"}
    assert set(body) == page_keys
    assert body["size"] == len(body["contents"])
    for item in body["contents"]:
        assert_valid(name, item)
