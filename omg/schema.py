"""A small declarative schema for YAML mappings (front matter and data files).

Each `Field` says what a key holds; `check_mapping` validates one mapping,
adds a Problem per bad field (with its line) and returns the clean values.
Plain Python so the guide logic does not depend on MkDocs.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any, Callable

from .editortext import control_character_problem
from .problems import Report, closest
from .rawhtml import find_unsafe_html
from .yamlfile import Located

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
EMAIL = re.compile(r"^[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$")
URL = re.compile(r"^https?://[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+(?::\d+)?(?:[/?#][^\s<>\"]*)?$")
PHONE = re.compile(r"^\+?[0-9][0-9 ]{8,15}[0-9]$")
_MARKUP_HINT = re.compile(r"[<{]|\]\(|\]:")  # what any finding of the raw HTML scan needs


@dataclass(frozen=True)
class Field:
    kind: str  # text, slug, slugs, texts, date, email, url, phone, choice, boolean, integer
    required: bool = False
    help: str = ""  # what the field is for: used in fixes and in the guide template
    choices: tuple[str, ...] = ()
    default: Any = None


def check_mapping(mapping: Any, fields: dict[str, Field], *, report: Report, path: str,
                  located: Located, where: tuple = (), what: str = "front matter") -> dict:
    """Validate `mapping` against `fields`; problems go to `report`."""
    base_line = located.line(*where) if where else located.line(default=1)
    if not isinstance(mapping, dict):
        found = type(mapping).__name__ if mapping is not None else "nothing"
        report.add(path, base_line, f"the {what} must be a set of 'name: value' lines, but it is {_kind_name(found)}.",
                   fix="write one field per line, such as 'title: Restorative practice'.")
        return {}
    clean: dict[str, Any] = {}
    for key in mapping:
        if key not in fields:
            suggestion = closest(str(key), fields, hint="")
            fix = f"{suggestion[0].upper()}{suggestion[1:]}" if suggestion else ""
            fix += (" " if fix else "") + f"Known fields are: {', '.join(fields)}."
            report.add(path, located.line(*where, key, default=base_line), f"unknown field '{key}'.",
                       fix=fix, field=str(key))
    for name, spec in fields.items():
        line = located.line(*where, name, default=base_line)
        if name not in mapping or mapping[name] is None or mapping[name] == "":
            if spec.required:
                report.add(path, base_line, f"the required field '{name}' is missing or empty.",
                           fix=f"add '{name}:' ({spec.help}).", field=name)
            else:
                clean[name] = spec.default() if callable(spec.default) else spec.default
            continue
        value, error = _convert(mapping[name], spec)
        if error:
            report.add(path, line, error, fix=_fix(name, spec), field=name)
        else:
            _text_problems(value, report=report, path=path, line=line, name=name)  # reported: the run fails
            clean[name] = value
    return clean


def _text_problems(value: Any, *, report: Report, path: str, line: int, name: str) -> bool:
    """Control characters and unsafe markup in text, read as decoded (after YAML's escapes such as
    "\\u003c"), which the scan of the file as written cannot see. True when there were some."""
    texts = [value] if isinstance(value, str) else [v for v in value if isinstance(v, str)] if isinstance(value, list) else []
    found = False
    for text in texts:
        problem = control_character_problem(text)
        if problem:
            report.add(path, line, f"{problem}.", field=name,
                       fix="retype the text without it; copying from another program can bring invisible characters.")
            found = True
        for finding in find_unsafe_html(text) if _MARKUP_HINT.search(text) else ():
            report.add(path, line, finding.message, fix=finding.fix, field=name)
            found = True
    return found


def _kind_name(type_name: str) -> str:
    return {"list": "a list", "str": "plain text", "int": "a number"}.get(type_name, type_name)


def _fix(name: str, spec: Field) -> str:
    examples = {
        "date": f"write the date as YYYY-MM-DD, for example '{name}: 2026-11-01'.",
        "slugs": f"write a list of ids in lower case with hyphens, for example '{name}: [restorative-practice]'.",
        "texts": f"write a list, for example '{name}: [one, two]'.",
        "slug": "use lower case letters, digits and hyphens only, for example 'restorative-practice'.",
        "email": "write a full address such as 'team@example.gov.uk'.",
        "url": "write the full address starting with https://.",
        "phone": "write digits and spaces only, for example '023 9200 0000' or '+44 23 9200 0000'.",
        "choice": f"use one of: {', '.join(spec.choices)}.",
        "boolean": "write true or false.",
        "integer": "write a whole number.",
        "text": f"write plain text ({spec.help}).",
    }
    return examples.get(spec.kind, spec.help)


def _convert(value: Any, spec: Field) -> tuple[Any, str | None]:
    converter: Callable[[Any, Field], tuple[Any, str | None]] = _CONVERTERS[spec.kind]
    return converter(value, spec)


def _text(value, spec):
    if isinstance(value, str) and value.strip():
        return value.strip(), None
    return None, f"must be text, but found {_shown(value)}."


def _texts(value, spec):
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, (str, int, float)) and str(v).strip() for v in value):
        return None, f"must be a list of words or phrases, but found {_shown(value)}."
    return [str(v).strip() for v in value], None


def _slug(value, spec):
    if isinstance(value, str) and SLUG.match(value):
        return value, None
    return None, f"'{value}' is not an id (lower case letters, digits and hyphens)."


def _slugs(value, spec):
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        return None, f"must be a list of ids, but found {_shown(value)}."
    bad = [v for v in value if not (isinstance(v, str) and SLUG.match(v))]
    if bad:
        found = f"'{bad[0]}'" if isinstance(bad[0], (str, int, float)) else _shown(bad[0])  # a list or fields
        return None, f"{found} is not an id (lower case letters, digits and hyphens)."
    if len(set(value)) != len(value):
        duplicate = next(v for v in value if value.count(v) > 1)
        return None, f"'{duplicate}' is listed twice."
    return list(value), None


_YEARS = range(1900, 3000)  # review dates are counted forward from these: year 9999 has no next year


def _date(value, spec):
    day = None
    if isinstance(value, dt.datetime):
        day = value.date()
    elif isinstance(value, dt.date):
        day = value
    elif isinstance(value, str):
        try:
            day = dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    if day is None:
        shown = f"'{value}'" if isinstance(value, str) and len(value) < 60 else _shown(value)
        return None, f"{shown} is not a real date in the form YYYY-MM-DD."
    if day.year not in _YEARS:
        return None, f"'{day.isoformat()}' is not a date a guide can have (the year must be {_YEARS[0]} to {_YEARS[-1]})."
    return day, None


def _pattern(regex: re.Pattern, noun: str):
    def convert(value, spec):
        text = str(value).strip() if isinstance(value, (str, int)) else None
        if text and regex.match(text):
            return text, None
        return None, f"'{value}' is not a well-formed {noun}."
    return convert


def _choice(value, spec):
    if value in spec.choices:
        return value, None
    hint = closest(str(value), spec.choices)
    return None, f"'{value}' is not allowed" + (f"; {hint}" if hint else ".")


def _boolean(value, spec):
    if isinstance(value, bool):
        return value, None
    return None, f"must be true or false, but found {_shown(value)}."


def _integer(value, spec):
    if isinstance(value, int) and not isinstance(value, bool) and value > 0:
        return value, None
    return None, f"must be a whole number above zero, but found {_shown(value)}."


def _shown(value) -> str:
    if isinstance(value, dict):
        return "a set of fields"
    if isinstance(value, list):
        return "a list"
    text = repr(value)
    return text if len(text) < 60 else text[:57] + "..."


_CONVERTERS = {
    "text": _text, "texts": _texts, "slug": _slug, "slugs": _slugs, "date": _date,
    "email": _pattern(EMAIL, "email address"), "url": _pattern(URL, "web address (https://...)"),
    "phone": _pattern(PHONE, "UK phone number"), "choice": _choice, "boolean": _boolean,
    "integer": _integer,
}
