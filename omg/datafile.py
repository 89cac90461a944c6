"""Data files: one concept a file, a top-level key holding a list of entries.

    contacts:
      - id: rp-training
        team: ...

Loaded and validated once; every entry needs a unique `id`.
"""

from __future__ import annotations

from pathlib import Path

from . import yamlfile
from .listing import relative_path
from .problems import Report
from .schema import Field, check_mapping


def load_entries(path: Path, *, key: str, fields: dict[str, Field], report: Report,
                 root: Path) -> dict[str, dict]:
    """Entries of `path` by id; problems (with lines) go to `report`."""
    shown = relative_path(path, root)
    located = read_data_file(path, shown=shown, report=report)
    if located is None:
        return {}
    data = located.data
    if not isinstance(data, dict) or key not in data:
        report.add(shown, 1, f"the file must start with '{key}:' followed by a list of entries.",
                   fix=f"put '{key}:' on the first line and each entry below it starting with '  - id: ...'.")
        return {}
    extra = [k for k in data if k != key]
    for name in extra:
        report.add(shown, located.line(name), f"unexpected top-level key '{name}'.",
                   fix=f"this file holds only '{key}:'; move or delete the '{name}' block.")
    items = data[key] or []
    if not isinstance(items, list):
        report.add(shown, located.line(key), f"'{key}' must be a list of entries, each starting with '- id:'.",
                   fix="start each entry with '  - id: ' on its own line.")
        return {}
    entries: dict[str, dict] = {}
    for index, item in enumerate(items):
        clean = check_mapping(item, fields, report=report, path=shown, located=located,
                              where=(key, index), what=f"entry {index + 1} of '{key}'")
        entry_id = clean.get("id")
        if not entry_id or any(clean.get(name) is None for name, spec in fields.items() if spec.required):
            continue  # already reported; a half-valid entry must not reach the site
        if entry_id in entries:
            report.add(shown, located.line(key, index, "id"), f"the id '{entry_id}' is used twice.",
                       fix="give each entry its own id, or merge the two entries.", field="id")
            continue
        clean["_line"] = located.line(key, index, "id")
        clean["_given"] = set(item)  # fields present, even when invalid
        entries[entry_id] = clean
    return entries


def read_data_file(path: Path, *, shown: str, report: Report) -> yamlfile.Located | None:
    """The parsed file, or None once its problem is in `report`."""
    try:
        return yamlfile.load(yamlfile.read_text(path))
    except yamlfile.YamlProblem as problem:
        report.add(shown, problem.line, f"this data file {problem.message}", fix=problem.fix)
        return None
