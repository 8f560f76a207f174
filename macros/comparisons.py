"""`{{ comparison("storage-drivers") }}`: one data file -> one accessible HTML table."""

from __future__ import annotations

from .catalog import Catalog
from .errors import DataError

STATUS_LABELS = {"current": "Current", "deprecated": "Deprecated", "removed": "Removed"}


def columns_of(catalog: Catalog, table: str) -> list[tuple[str, dict]]:
    """(key, property schema) for each displayable column, in schema order; titles are headers."""
    schema = catalog.schemas.schemas[f"{table}.json"]
    props = schema["properties"]["rows"]["items"]["properties"]
    cols = []
    for key, prop in props.items():
        resolved = {**catalog.schemas.resolve(f"{table}.json", prop), **prop}
        if resolved.get("x-column", True):
            cols.append((key, resolved))
    return cols


def _pick(kind: str, wanted, available: list[str], call: str, where) -> list[str]:
    if wanted is None:
        return available
    if isinstance(wanted, str):
        wanted = [wanted]
    for item in wanted:
        if item not in available:
            raise DataError(*where, f"{call} names the {kind} `{item}`, which the table does not have",
                            f"use some of: {', '.join(available)}")
    return list(wanted)


def table_context(catalog: Catalog, name: str, rows=None, columns=None, caption=None, where=("docs", None)) -> dict:
    call = f'comparison("{name}")'
    if name not in catalog.tables:
        raise DataError(*where, f"{call} names a table that does not exist",
                        f"use one of: {', '.join(sorted(catalog.tables))} (files in data/comparisons/)")
    doc = catalog.tables[name]
    all_cols = columns_of(catalog, name)
    col_keys = _pick("column", columns, [k for k, _ in all_cols], call, where)
    if "name" not in col_keys:
        col_keys = ["name"] + col_keys  # the row header is always there
    by_id = {row["id"]: row for row in doc.data["rows"]}
    row_ids = _pick("row", rows, list(by_id), call, where)
    schema_of = dict(all_cols)
    return {
        "name": name,
        "table": doc.data["table"],
        "caption": caption or doc.data["table"]["title"],
        "source_file": doc.path,
        "columns": [(k, schema_of[k]) for k in col_keys],
        "rows": [by_id[i] for i in row_ids],
        "status_labels": STATUS_LABELS,
    }
