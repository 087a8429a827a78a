"""Every field the SDK's request-body models define is a field the served operation knows.

The server refuses a body field an operation does not define (CBC.0100 naming it, #18 item 7),
so a field the SDK may send but the document does not declare would break a correct client.
This walks every operation of `BssClient` that the server serves, takes its request model's
`body` type and every model nested in it, and checks each JSON key against the served
`/openapi.json` request-body schema at the same place.
"""

import inspect
import json
import re
import urllib.request

import huaweicloudsdkbss.v2.model as models
from huaweicloudsdkbss.v2 import bss_client

HTTP_INFO = re.compile(
    r'"method": "(?P<method>[A-Z]+)",\s*"resource_path": "(?P<path>[^"]+)",\s*'
    r'"request_type": request\.__class__\.__name__,\s*"response_type": "(?P<response>\w+)"')


def sdk_operations():
    """(method, path, request model class) for each operation of the client."""
    source = inspect.getsource(bss_client)
    for m in HTTP_INFO.finditer(source):
        request = getattr(models, m["response"].removesuffix("Response") + "Request", None)
        if request is not None:
            yield m["method"], m["path"], request


def model_of(type_name: str):
    inner = re.fullmatch(r"list\[(\w+)\]", type_name)
    name = inner[1] if inner else type_name
    return getattr(models, name, None) if name[:1].isupper() else None


def resolve(doc, schema):
    while isinstance(schema, dict) and "$ref" in schema:
        schema = doc["components"]["schemas"][schema["$ref"].rsplit("/", 1)[-1]]
    return schema or {}


def properties(doc, schema) -> dict:
    """Every property an object schema (or any branch of its composition) defines."""
    schema = resolve(doc, schema)
    out = dict(schema.get("properties", {}))
    for key in ("oneOf", "anyOf", "allOf"):
        for part in schema.get(key, []):
            out.update(properties(doc, part))
    if schema.get("type") == "array" or "items" in schema:
        out.update(properties(doc, schema.get("items", {})))
    return out


def missing_fields(doc, model, schema, where: str, seen: set) -> list:
    if model in seen:
        return []
    seen = seen | {model}
    known = properties(doc, schema)
    out = []
    for attr, type_name in model.openapi_types.items():
        key = model.attribute_map[attr]
        if key not in known:
            out.append(f"{where}.{key}")
            continue
        nested = model_of(type_name)
        if nested is not None:
            out += missing_fields(doc, nested, known[key], f"{where}.{key}", seen)
    return out


def test_every_sdk_body_field_is_known_to_the_served_operation(server):
    with urllib.request.urlopen(server.url + "/openapi.json") as r:
        doc = json.load(r)
    checked, missing = 0, []
    for method, path, request in sdk_operations():
        op = doc["paths"].get(path, {}).get(method.lower())
        body_type = request.openapi_types.get("body")
        if op is None or body_type is None or model_of(body_type) is None:
            continue
        schema = op.get("requestBody", {}).get("content", {}).get("application/json", {})
        checked += 1
        missing += [f"{method} {path}: {m}" for m in
                    missing_fields(doc, model_of(body_type), schema.get("schema", {}), "body",
                                   set())]
    assert checked >= 15, f"only {checked} served SDK operations take a body"
    assert missing == [], "fields the SDK may send that the server would refuse:\n" + \
        "\n".join(missing)
