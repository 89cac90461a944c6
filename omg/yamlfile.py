"""Safe YAML loading that remembers where every value came from.

One parser: PyYAML's safe loader, on libyaml (as MkDocs reads front matter).
On top of it we refuse what editors never need and attackers use (aliases,
explicit tags, names that are not words, numbers too long to print), refuse
duplicate keys (PyYAML keeps the last one silently), and record the line of
every key so that errors can point at it. Every failure is a YamlProblem
with a line, never a Python error.
"""

from __future__ import annotations

import os
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


_STR, _SEQ, _MAP = "tag:yaml.org,2002:str", "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"
_MAX_DIGITS = 18  # no field holds a longer number; a 5,000-digit one cannot even be printed


class _Loader(yaml.CSafeLoader if getattr(yaml, "__with_libyaml__", False) else yaml.SafeLoader):
    """PyYAML's safe loader (on libyaml where installed, as MkDocs uses it), leaving dates as
    text so that a bad date is a field error with a line rather than a bare ValueError."""

    yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }

    def construct_yaml_int(self, node):
        digits = sum(char.isalnum() for char in node.value)
        if digits > _MAX_DIGITS:  # Python refuses to read or print an integer of over 4,300 digits
            raise YamlProblem(node.start_mark.line, f"holds a number {digits:,} digits long ({node.value[:20]}...).",
                              "no field needs so long a number; if it is text, put it in quotes.")
        return super().construct_yaml_int(node)


_Loader.add_constructor("tag:yaml.org,2002:int", _Loader.construct_yaml_int)


def load(text: str, *, first_line: int = 1) -> Located:
    """Parse YAML text; `first_line` is the file line the text starts on."""
    offset = first_line - 1
    try:
        loader = _Loader(text)
    except yaml.reader.ReaderError as error:
        raise _invisible_character(text, error, offset) from None
    try:
        node = loader.get_single_node()
        if node is None:
            return Located(None, {})
        lines: dict[tuple, int] = {(): node.start_mark.line + 1 + offset}
        _walk(node, (), lines, offset, set())
        return Located(loader.construct_document(node), lines)
    except YamlProblem as problem:
        # Problems found in the tree count lines from the text; the file's line is `offset` further on.
        message = problem.message.replace("a YAML alias,", f"a YAML alias ({_first_alias(text)}),")
        raise YamlProblem(problem.line + 1 + offset, message, problem.fix) from None
    except yaml.reader.ReaderError as error:
        raise _invisible_character(text, error, offset) from None
    except yaml.MarkedYAMLError as error:
        error = _worded(text, error)
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 + offset if mark else None
        if "maximum nesting depth" in str(error.problem):  # libyaml's own bound
            raise YamlProblem(line, _TOO_DEEP, _TOO_DEEP_FIX) from None
        raise YamlProblem(line, _describe(error), _fix_for(error)) from None
    except yaml.YAMLError as error:
        raise YamlProblem(None, f"is not valid YAML ({error}).", "check the indentation and colons.") from None
    except RecursionError:
        raise YamlProblem(None, _TOO_DEEP, _TOO_DEEP_FIX) from None
    finally:
        loader.dispose()


def _worded(text: str, error: yaml.MarkedYAMLError) -> yaml.MarkedYAMLError:
    """The same syntax error as PyYAML's Python reader words it (it says what it found, libyaml does not);
    read only when there is an error."""
    if "maximum nesting depth" in str(error.problem):
        return error
    try:
        yaml.compose(text, Loader=_WORDING_LOADER)
    except yaml.MarkedYAMLError as worded:
        return worded
    except (yaml.YAMLError, RecursionError):
        pass
    return error


_WORDING_LOADER = type("_WordingLoader", (yaml.SafeLoader,), {"yaml_implicit_resolvers": _Loader.yaml_implicit_resolvers})
_TOO_DEEP = "is nested too deeply to read."
_TOO_DEEP_FIX = "write plain fields and lists; nothing in a guide or data file nests more than a few levels."


def _first_alias(text: str) -> str:
    """'*name' of the first alias in `text`, for the message (read again, only when there is one)."""
    try:
        for event in yaml.parse(text, Loader=_Loader):
            if isinstance(event, yaml.AliasEvent):
                return f"*{event.anchor}"
    except yaml.YAMLError:
        pass
    return "*..."


def _invisible_character(text: str, error: yaml.reader.ReaderError, offset: int) -> YamlProblem:
    # PyYAML refuses control characters (often pasted from Word or a PDF) before parsing.
    line = text.count("\n", 0, error.position) + 1 + offset
    return YamlProblem(line, f"contains the invisible character U+{error.character:04X}, which is not allowed.",
                       "delete it: retype the line, or paste the text as plain text.")


def _walk(node, path: tuple, lines: dict, offset: int, seen: set) -> None:
    """Record the line of every key and item; refuse aliases, tags and keys that are not names.

    Lines in the YamlProblems raised here are 0-based in the text; `load` makes them file lines.
    """
    if id(node) in seen:
        # Aliases let a few lines expand into billions of values (a "YAML bomb");
        # editors never need them, so they are refused before anything is built.
        raise YamlProblem(node.start_mark.line, "uses a YAML alias, which is not allowed.",
                          "write the value out in full where it is needed, without '&' or '*' names.")
    seen.add(id(node))
    _refuse_tag(node)
    if isinstance(node, yaml.MappingNode):
        first: dict[str, int] = {}
        for key_node, value_node in node.value:
            line = key_node.start_mark.line + 1 + offset
            if not isinstance(key_node, yaml.ScalarNode):
                raise YamlProblem(key_node.start_mark.line, "uses a list or a set of fields as a name.",
                                  "start each line with a plain name, such as 'title: ...'.")
            _refuse_tag(key_node)
            key = key_node.value
            if key_node.tag != _STR:
                raise YamlProblem(key_node.start_mark.line, f"uses '{key or '~'}' as a name, which YAML reads as "
                                  f"{_TAG_WORDS.get(key_node.tag, 'a value')}, not a word.",
                                  "start each line with a name made of letters, such as 'title: ...'.")
            if key in first:
                raise YamlProblem(key_node.start_mark.line, f"the key '{key}' appears twice (first on line {first[key]}).",
                                  "keep one of the two lines and delete the other.")
            first[key] = line
            lines[path + (key,)] = line
            _walk(value_node, path + (key,), lines, offset, seen)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            lines[path + (index,)] = item.start_mark.line + 1 + offset
            _walk(item, path + (index,), lines, offset, seen)


_TAG_WORDS = {"tag:yaml.org,2002:null": "nothing (null)", "tag:yaml.org,2002:bool": "yes or no",
              "tag:yaml.org,2002:int": "a number", "tag:yaml.org,2002:float": "a number"}


def _refuse_tag(node) -> None:
    """Editors write text, numbers, lists and fields: a value given its type by hand (`!!float`, `!!set`,
    `!!binary`, `!!python/...`) is refused before it is built."""
    if isinstance(node, yaml.ScalarNode):
        implicit = _STR if node.style else _RESOLVER.resolve(yaml.ScalarNode, node.value, (True, False))
    else:
        implicit = _SEQ if isinstance(node, yaml.SequenceNode) else _MAP
    if node.tag != implicit:
        tag = node.tag.replace("tag:yaml.org,2002:", "!!")
        what = "a YAML tag (such as !!python/...) that is" if tag.startswith("!!python/") else f"the YAML tag '{tag}', which is"
        raise YamlProblem(node.start_mark.line, f"uses {what} not allowed.",
                          "remove the tag; write plain text, numbers, dates and lists only.")


class _Resolver(yaml.resolver.Resolver):
    yaml_implicit_resolvers = _Loader.yaml_implicit_resolvers


_RESOLVER = _Resolver()


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
