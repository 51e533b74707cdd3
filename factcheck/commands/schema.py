"""`factcheck schema [--out DIR]`: JSON Schemas for claims files and rule files, for editors."""
from __future__ import annotations

import json
import sys
from pathlib import Path

from .. import atomic
from ..cli import OK
from ..model.claims import ClaimsFileInput
from ..rules import RuleInput

SCHEMAS = {"claims.schema.json": (ClaimsFileInput, "A factcheck claims file: one article's source and claims"),
           "rule.schema.json": (RuleInput, "A factcheck rule file")}


def register(commands) -> None:
    parser = commands.add_parser("schema", help="write JSON Schemas for claims and rule files")
    parser.add_argument("--out", type=Path, help="folder to write the schemas to (default: print the claims schema)")
    parser.set_defaults(handler=run)


def schema_of(model, title: str) -> dict:
    schema = model.model_json_schema(by_alias=True)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = title
    return schema


def run(args) -> int:
    if args.out is None:
        model, title = SCHEMAS["claims.schema.json"]
        sys.stdout.write(json.dumps(schema_of(model, title), indent=2, sort_keys=True) + "\n")
        return OK
    for name, (model, title) in SCHEMAS.items():
        atomic.write_text(args.out / name, json.dumps(schema_of(model, title), indent=2, sort_keys=True) + "\n")
        print(f"wrote {args.out / name}")
    return OK
