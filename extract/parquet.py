"""Articles as Parquet: one row per article, with an Arrow schema read off the JSON Schema.

The schema is derived from `article.schema.json`, the output contract, so the two cannot drift:
nested facts become lists of structs, offsets 64-bit integers, nullable objects nullable structs.
Plain Parquet types only, so pandas, DuckDB, Polars and Spark read the files without hints.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any, BinaryIO

import pyarrow as pa
import pyarrow.parquet as pq

from .facts import Article, article_json

SCALARS = {
    "string": pa.string(),
    "integer": pa.int64(),
    "number": pa.float64(),
    "boolean": pa.bool_(),
}


def json_schema() -> dict:
    return json.loads(resources.files("extract").joinpath("article.schema.json").read_text())


@cache
def arrow_schema() -> pa.Schema:
    """The Arrow schema of one article row, its columns in the contract's order."""
    schema = json_schema()
    return pa.schema(
        pa.field(name, arrow_type(spec, schema["$defs"]))
        for name, spec in schema["properties"].items()
    )


def arrow_type(spec: dict, defs: dict) -> pa.DataType:
    """The Arrow type of one JSON Schema node (every Arrow field is nullable)."""
    spec = _resolved(spec, defs)
    kind = spec.get("type")
    if isinstance(kind, list):  # ["string", "null"]: Arrow fields are nullable anyway
        kind = next(name for name in kind if name != "null")
    if kind == "object" or "properties" in spec:
        return pa.struct(
            pa.field(name, arrow_type(item, defs)) for name, item in spec["properties"].items()
        )
    if kind == "array":
        return pa.list_(arrow_type(spec["items"], defs))
    if kind is None and "enum" in spec:
        return pa.string()
    if kind is None and "const" in spec:
        return SCALARS["string"] if isinstance(spec["const"], str) else pa.int64()
    if kind is None:  # a schema node this mapping does not know: fail where the schema is read
        raise ValueError(f"no Arrow type for JSON Schema node {spec}")
    return SCALARS[kind]


def _resolved(spec: dict, defs: dict) -> dict:
    """`spec` with `$ref`, `allOf` and a nullable `oneOf` merged into one plain node."""
    if "$ref" in spec:
        return _resolved(defs[spec["$ref"].rsplit("/", 1)[-1]], defs)
    if "oneOf" in spec:
        options = [option for option in spec["oneOf"] if option.get("type") != "null"]
        return _resolved(options[0], defs)
    if "allOf" not in spec:
        return spec
    merged: dict[str, Any] = {"type": "object", "properties": {}}
    for part in [*spec["allOf"], {k: v for k, v in spec.items() if k != "allOf"}]:
        part = _resolved(part, defs)
        merged["properties"].update(part.get("properties", {}))
    return merged


def articles_table(articles: list[Article]) -> pa.Table:
    return pa.Table.from_pylist([article_json(article) for article in articles], arrow_schema())


def write_articles(articles: list[Article], out: BinaryIO) -> None:
    pq.write_table(articles_table(articles), out, compression="zstd")
