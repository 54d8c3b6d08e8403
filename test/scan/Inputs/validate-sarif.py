#!/usr/bin/env python3
"""Validates a JSON document against a JSON schema (the draft-04 keywords the
SARIF 2.1.0 schema uses), with the standard library only.

    validate-sarif.py SCHEMA DOCUMENT

Prints "valid" or one line per violation (with its JSON path); exits 1 on a
violation. The keywords: $ref (local), type, enum, required, properties,
additionalProperties, items, minItems, uniqueItems, minimum, maximum,
pattern, anyOf, oneOf. "format" is not checked.
"""
import json
import re
import sys

TYPES = {
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "string": lambda v: isinstance(v, str),
    "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
    "boolean": lambda v: isinstance(v, bool),
    "null": lambda v: v is None,
}


class Validator:
    def __init__(self, root):
        self.root = root

    def resolve(self, ref):
        assert ref.startswith("#/"), "only local references: " + ref
        node = self.root
        for part in ref[2:].split("/"):
            node = node[part]
        return node

    def errors(self, schema, value, path):
        if "$ref" in schema:
            yield from self.errors(self.resolve(schema["$ref"]), value, path)
            return
        if "type" in schema:
            types = schema["type"]
            types = types if isinstance(types, list) else [types]
            if not any(TYPES[t](value) for t in types):
                yield "%s: expected %s, got %r" % (path, "/".join(types),
                                                    value)
                return
        if "enum" in schema and value not in schema["enum"]:
            yield "%s: %r is not one of %r" % (path, value, schema["enum"])
        if isinstance(value, dict):
            for name in schema.get("required", []):
                if name not in value:
                    yield "%s: missing required property '%s'" % (path, name)
            properties = schema.get("properties", {})
            extra = schema.get("additionalProperties", True)
            for name, item in value.items():
                where = "%s.%s" % (path, name)
                if name in properties:
                    yield from self.errors(properties[name], item, where)
                elif extra is False:
                    yield "%s: property not allowed here" % where
                elif isinstance(extra, dict):
                    yield from self.errors(extra, item, where)
        if isinstance(value, list):
            if len(value) < schema.get("minItems", 0):
                yield "%s: fewer than %d items" % (path, schema["minItems"])
            if schema.get("uniqueItems"):
                seen = [json.dumps(v, sort_keys=True) for v in value]
                if len(seen) != len(set(seen)):
                    yield "%s: items are not unique" % path
            if "items" in schema:
                for i, item in enumerate(value):
                    yield from self.errors(schema["items"], item,
                                           "%s[%d]" % (path, i))
        if TYPES["number"](value):
            if "minimum" in schema and value < schema["minimum"]:
                yield "%s: %r is below %r" % (path, value, schema["minimum"])
            if "maximum" in schema and value > schema["maximum"]:
                yield "%s: %r is above %r" % (path, value, schema["maximum"])
        if isinstance(value, str) and "pattern" in schema and \
                not re.search(schema["pattern"], value):
            yield "%s: %r does not match %s" % (path, value, schema["pattern"])
        if "anyOf" in schema and not any(
                not list(self.errors(s, value, path)) for s in schema["anyOf"]):
            yield "%s: matches none of anyOf" % path
        if "oneOf" in schema and sum(
                not list(self.errors(s, value, path))
                for s in schema["oneOf"]) != 1:
            yield "%s: does not match exactly one of oneOf" % path


def main():
    with open(sys.argv[1]) as f:
        schema = json.load(f)
    with open(sys.argv[2]) as f:
        document = json.load(f)
    problems = list(Validator(schema).errors(schema, document, "$"))
    for problem in problems:
        print(problem)
    if problems:
        return 1
    print("valid")
    return 0


if __name__ == "__main__":
    sys.exit(main())
