"""The guide template (omg/templates/guide.md), new guides made from it, and
the check that no placeholder from it is ever published.

Placeholders are valid values (so the schema passes and the editor sees one
message per placeholder, not a cascade): `replace-me` where an id goes and
text starting `REPLACE:` where words go. Only the review date, which `omg new`
fills in, is left invalid in the file itself, for editors who copy it by hand.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from pathlib import Path

import yaml

from .guide import FIELDS, Guide
from .problems import Report

TEMPLATE = Path(__file__).parent / "templates" / "guide.md"
PLACEHOLDER_ID = "replace-me"
PLACEHOLDER_TEXT = "REPLACE:"
# Editors may copy the template by hand, so these lines fail the check as they stand;
# `omg new` fills them in.
TITLE_LINE = "title: \"REPLACE: the guide's title\""
DATE_LINE = "last_reviewed: YYYY-MM-DD"


def slugify(title: str) -> str:
    """'Children's services (CSC)' -> 'childrens-services-csc'."""
    ascii_text = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode("ascii")
    ascii_text = re.sub(r"['\u2019]", "", ascii_text.lower())  # "children's" -> "childrens"
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")


def render_template(title: str, *, today: dt.date) -> str:
    """The text of a new guide called `title`, reviewed `today`."""
    text = TEMPLATE.read_text(encoding="utf-8")
    for line in (TITLE_LINE, DATE_LINE):
        if text.count(line + "\n") != 1:
            raise ValueError(f"{TEMPLATE}: the line '{line}' must appear exactly once.")
    text = text.replace(TITLE_LINE + "\n", f"title: {_yaml_scalar(title)}\n")
    return text.replace(DATE_LINE + "\n", f"last_reviewed: {today.isoformat()}\n")


def _yaml_scalar(text: str) -> str:
    """`text` as written after 'title: ', quoted only when YAML needs it."""
    try:
        if yaml.safe_load(f"title: {text}") == {"title": text}:
            return text
    except yaml.YAMLError:
        pass
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar


IDS_SHOWN = 8  # in a placeholder's fix: enough to choose from, short enough to read


def check_placeholders(guides, *, report: Report, known: dict | None = None) -> None:
    """One problem for each placeholder left from the template; `known` (field -> ids) names the ids to use."""
    for guide in guides:
        _check_fields(guide, report, known or {})
        _check_body(guide, report)


def is_placeholder(value) -> bool:
    return value == PLACEHOLDER_ID or (isinstance(value, str) and PLACEHOLDER_TEXT in value)


def _check_fields(guide: Guide, report: Report, known: dict) -> None:
    for name, spec in FIELDS.items():
        value = getattr(guide, name, None)
        values = value if isinstance(value, list) else [value]
        found = next((v for v in values if is_placeholder(v)), None)
        if found is None:
            continue
        fix = f"replace it with {spec.help}" + ("." if spec.required else ", or delete the line.")
        if name in ("related", "keywords", "aliases"):
            fix = f"replace it with {spec.help}, or write [] for none."
        fix += _ids_to_use(known.get(name), besides=guide.slug, label="Guides you can list" if name == "related" else "Ids you can use")
        report.add(guide.path, guide.line_of(name), f"'{_shorten(found)}' is a placeholder from the guide template.",
                   fix=fix, field=name)


def _ids_to_use(ids, *, besides: str, label: str) -> str:
    """' Ids you can use: a, b, c.', so an editor need not open the data file to find one."""
    choices = sorted(i for i in (ids or ()) if i not in (besides, PLACEHOLDER_ID))
    if not choices:
        return ""
    more = len(choices) - IDS_SHOWN
    return f" {label}: " + ", ".join(choices[:IDS_SHOWN]) + (f" and {more} more." if more > 0 else ".")


def _check_body(guide: Guide, report: Report) -> None:
    for offset, line in enumerate(guide.body.split("\n")):
        if PLACEHOLDER_TEXT in line:
            report.add(guide.path, guide.body_line + offset,
                       f"the text '{_shorten(line.strip())}' is a placeholder from the guide template.",
                       fix="write the section in your own words in its place.")


def _shorten(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 3].rstrip() + "..."
