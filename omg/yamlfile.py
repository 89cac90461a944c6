"""Safe YAML loading that remembers where every value came from.

PyYAML's safe loader already refuses `!!python/...` tags; on top of that we
refuse duplicate keys (PyYAML keeps the last one silently) and we record the
line of every key so that errors can point at it.
"""

from __future__ import annotations

import os
import re
import time
from dataclasses import dataclass
from pathlib import Path

import yaml

MAX_FILE_BYTES = 1_000_000  # a one-minute guide or data file is a few KB


class YamlProblem(Exception):
    def __init__(self, line: int | None, message: str, fix: str):
        super().__init__(message)
        self.line, self.message, self.fix = line, message, fix


@dataclass
class Located:
    """Loaded YAML plus a map from key paths to 1-based line numbers."""

    data: object
    lines: dict[tuple, int]

    def line(self, *path, default: int | None = None) -> int | None:
        while True:
            if path in self.lines:
                return self.lines[path]
            if not path:
                return default
            path = path[:-1]


_TEXTS: dict[str, tuple[tuple[int, int, int], str]] = {}  # path -> (its stat, its text): each check reads the file


def read_text(path: Path) -> str:
    """The file as text, or YamlProblem naming why it cannot be read."""
    try:
        info = os.stat(path)
        stamp = (info.st_mtime_ns, info.st_size, info.st_ino)
        known = _TEXTS.get(str(path))
        if known and known[0] == stamp:
            return known[1]
        raw = path.read_bytes()
    except OSError as error:
        raise YamlProblem(None, f"cannot be read ({error.strerror}).",
                          "check the file exists and is a normal file.") from None
    if len(raw) > MAX_FILE_BYTES:
        raise YamlProblem(None, f"is {len(raw):,} bytes, over the {MAX_FILE_BYTES:,} byte limit.",
                          "a guide or data file is a few kilobytes; remove pasted content or images.")
    if b"\x00" in raw:
        raise YamlProblem(None, "is a binary file, not text.",
                          "save it as plain text (UTF-8), for example from a text editor.")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise YamlProblem(line, f"is not UTF-8 text (byte 0x{raw[error.start]:02x}).",
                          "save the file as UTF-8; Word's 'smart quotes' in another encoding cause this.") from None
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    # Only files unchanged for a while: two saves within one clock tick can leave the same stamp (as git knows).
    if len(raw) == stamp[1] and time.time_ns() - stamp[0] > 2_000_000_000:
        _TEXTS[str(path)] = (stamp, text)
    return text


class _Loader(yaml.SafeLoader):
    """SafeLoader that leaves dates as text, so a bad date is a field error
    with a line rather than a bare ValueError from PyYAML."""

    yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }

    def compose_node(self, parent, index):
        # Aliases let a few lines expand into billions of values (a "YAML bomb");
        # editors never need them, so they are refused before anything expands.
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise YamlProblem(event.start_mark.line + 1, f"uses a YAML alias (*{event.anchor}), which is not allowed.",
                              "write the value out in full where it is needed, without '&' or '*' names.")
        return super().compose_node(parent, index)


# libyaml reads the same YAML about ten times faster (MkDocs reads front matter with it too).
# Only plain text takes that way: anything with anchors or aliases, odd characters, or
# any problem at all is read again by _Loader above, which words every error.
_FastLoader = type("_FastLoader", (yaml.CSafeLoader,), {"yaml_implicit_resolvers": _Loader.yaml_implicit_resolvers}) \
    if getattr(yaml, "__with_libyaml__", False) else None
_FAST_MAX_CHARS = 20_000


def _read_document(loader, offset: int) -> Located:
    """The one document `loader` holds, with the line of every key and item."""
    node = loader.get_single_node()
    if node is None:
        return Located(None, {})
    lines: dict[tuple, int] = {(): node.start_mark.line + 1 + offset}
    _walk(node, (), lines, offset)
    try:
        return Located(loader.construct_document(node), lines)
    except (ValueError, TypeError, OverflowError) as error:
        # An explicit tag on a value it does not fit: "!!timestamp 2025-13-45", "!!int x".
        bad = _first_tagged(node)
        line = bad.start_mark.line + 1 + offset if bad is not None else None
        value = f" '{bad.value}'" if bad is not None else ""
        raise YamlProblem(line, f"has a value{value} that its YAML tag cannot read ({error}).",
                          "remove the tag (the word starting '!!') and write the value plainly; "
                          "dates are written YYYY-MM-DD.") from None


def _first_tagged(node):
    """The first value with a tag written in the text (such as !!timestamp), if any."""
    if isinstance(node, yaml.ScalarNode):
        return node if node.tag and node.tag != _STR and node.value and \
            _RESOLVER.resolve(yaml.ScalarNode, node.value, (True, False)) != node.tag else None
    children = [v for pair in node.value for v in pair] if isinstance(node, yaml.MappingNode) else \
        node.value if isinstance(node, yaml.SequenceNode) else []
    return next((found for child in children if (found := _first_tagged(child)) is not None), None)


def _load_fast(text: str, offset: int) -> Located | None:
    if (_FastLoader is None or len(text) > _FAST_MAX_CHARS or "&" in text or "*" in text
            or yaml.reader.Reader.NON_PRINTABLE.search(text)):
        return None
    loader = _FastLoader(text)
    try:
        return _read_document(loader, offset)
    except Exception:  # read again, slowly, for the exact message
        return None
    finally:
        loader.dispose()


# Most front matter is one `name: value` line per field, each value a phrase, a quoted phrase
# or a [list] of them. _load_lines reads exactly that shape without a YAML parser, about five
# times faster; for anything else, or anything it is unsure of, it gives way to the readers above.
_FIELD = re.compile(r"([A-Za-z_][A-Za-z0-9_]*): +(.*?) *")
_PHRASE = re.compile(r"[^-?:,\[\]{}#&*!|>'\"%@`\s\\][^:#\[\]{}\t\\]*")  # plain text, no YAML indicators
_ITEM = re.compile(r""" *(?:"([^"\\]*)"|'((?:[^']|'')*)'|([^-?:,\[\]{}#&*!|>'"%@`\s\\][^:#,\[\]{}\t\\]*?)) *(,|\])""")


class _Resolver(yaml.resolver.Resolver):
    yaml_implicit_resolvers = _Loader.yaml_implicit_resolvers


_RESOLVER = _Resolver()
_STR = "tag:yaml.org,2002:str"


def _text(value: str) -> str | None:
    """A phrase or a quoted phrase as YAML reads it; None when only YAML can say."""
    if value[:1] == '"':
        inner = value[1:-1]
        return inner if len(value) > 1 and value[-1] == '"' and '"' not in inner and "\\" not in inner else None
    if value[:1] == "'":
        inner = value[1:-1]
        return inner.replace("''", "'") if len(value) > 1 and value[-1] == "'" and "'" not in inner.replace("''", "") else None
    if _PHRASE.fullmatch(value) and _RESOLVER.resolve(yaml.ScalarNode, value, (True, False)) == _STR:
        return value  # text, not a number, a yes/no or a null
    return None


def _items(value: str) -> list[str] | None:
    """A one-line [list] of phrases or quoted phrases; None when only YAML can say."""
    if value == "[]":
        return []
    items, position = [], 1
    while match := _ITEM.match(value, position):
        double, single, plain, end = match.groups()
        if plain is not None:
            plain = plain.rstrip(" ")
            if _RESOLVER.resolve(yaml.ScalarNode, plain, (True, False)) != _STR:
                return None
        items.append(double if double is not None else single.replace("''", "'") if single is not None else plain)
        position = match.end()
        if end == "]":
            return items if position == len(value) else None
    return None


def _load_lines(text: str, offset: int) -> Located | None:
    # Tabs, and the characters YAML also counts as line breaks, are left to YAML.
    if any(char in text for char in "\t\r\x85\u2028\u2029\ufeff") or yaml.reader.Reader.NON_PRINTABLE.search(text):
        return None
    data: dict[str, object] = {}
    lines: dict[tuple, int] = {}
    for number, line in enumerate(text.split("\n"), start=1 + offset):
        if not line or line[0] == "#":
            continue
        match = _FIELD.fullmatch(line)
        if not match or match.group(1) in data:
            return None
        key, value = match.groups()
        if _RESOLVER.resolve(yaml.ScalarNode, key, (True, False)) != _STR:
            return None
        read = _items(value) if value[:1] == "[" else _text(value)  # _text refuses other values that start with '['
        if read is None:
            return None
        data[key] = read
        lines.setdefault((), number)
        lines[(key,)] = number
        if isinstance(read, list):
            lines.update({(key, index): number for index in range(len(read))})
    return Located(data, lines) if data else None


def load(text: str, *, first_line: int = 1) -> Located:
    """Parse YAML text; `first_line` is the file line the text starts on."""
    offset = first_line - 1
    fast = _load_lines(text, offset) or _load_fast(text, offset)
    if fast is not None:
        return fast
    try:
        loader = _Loader(text)
    except yaml.reader.ReaderError as error:
        # PyYAML refuses control characters (often pasted from Word or a PDF) before parsing.
        line = text.count("\n", 0, error.position) + 1 + offset
        raise YamlProblem(line, f"contains the invisible character U+{error.character:04X}, which is not allowed.",
                          "delete it: retype the line, or paste the text as plain text.") from None
    try:
        return _read_document(loader, offset)
    except YamlProblem:
        raise
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 + offset if mark else None
        raise YamlProblem(line, _describe(error), _fix_for(error)) from None
    except yaml.YAMLError as error:
        raise YamlProblem(None, f"is not valid YAML ({error}).", "check the indentation and colons.") from None
    except RecursionError:
        raise YamlProblem(loader.get_mark().line + 1 + offset, "is nested too deeply to read.",
                          "write plain fields and lists; nothing in a guide or data file nests more than a few levels.") from None
    finally:
        loader.dispose()


def _walk(node, path: tuple, lines: dict, offset: int) -> None:
    if isinstance(node, yaml.MappingNode):
        seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            key = key_node.value
            line = key_node.start_mark.line + 1 + offset
            if not isinstance(key_node, yaml.ScalarNode):
                raise YamlProblem(line, "uses a list or a set of fields as a name.",
                                  "start each line with a plain name, such as 'title: ...'.")
            if key in seen:
                raise YamlProblem(line, f"the key '{key}' appears twice (first on line {seen[key]}).",
                                  "keep one of the two lines and delete the other.")
            seen[key] = line
            lines[path + (key,)] = line
            _walk(value_node, path + (key,), lines, offset)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            lines[path + (index,)] = item.start_mark.line + 1 + offset
            _walk(item, path + (index,), lines, offset)


def _describe(error: yaml.MarkedYAMLError) -> str:
    problem = (error.problem or "").strip()
    if "could not determine a constructor" in problem or "python/" in str(error):
        return "uses a YAML tag (such as !!python/...) that is not allowed."
    context = f"{error.context} " if error.context else ""
    return f"is not valid YAML: {context}{problem}.".replace("..", ".")


def _fix_for(error: yaml.MarkedYAMLError) -> str:
    if "constructor" in (error.problem or ""):
        return "remove the tag; write plain text, numbers, dates and lists only."
    return ("check this line and the one above it: every field is 'name: value', lists use '- ' "
            "with the same indentation, and text containing ': ' must be in quotes.")
