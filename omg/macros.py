"""Macros for guide text, rendered in a Jinja sandbox.

Editors' pull requests are untrusted. Page text is rendered in an immutable
sandbox whose only names are the macros below: no environment, no config, no
files, no Jinja globals (lipsum, cycler, range...), no loader for includes.
Any error stops the build with the file and line; nothing of it is written
into a page.
"""

from __future__ import annotations

import posixpath
import re
import sys
from dataclasses import dataclass, field

import jinja2
from jinja2 import nodes
from jinja2.sandbox import ImmutableSandboxedEnvironment

from .editortext import control_character_problem, markdown_text
from .problems import closest

MAX_STRING = 100_000  # a guide is about 500 words; stops '{{ "x" * 10**9 }}'
MAX_CALLS = 500              # macro calls on one page: a guide uses a handful, an index page one
MAX_OUTPUT = 2_000_000       # characters the macros of one page write: guide_index() of 10,000 guides


class MacroError(Exception):
    def __init__(self, line: int | None, message: str, fix: str):
        super().__init__(message)
        self.line, self.message, self.fix = line, message, fix


class _GuideSandbox(ImmutableSandboxedEnvironment):
    intercepted_binops = frozenset({"*", "**"})

    def call_binop(self, context, operator, left, right):
        if operator == "**" and (abs(right) > 64 if isinstance(right, (int, float)) else True):
            raise jinja2.sandbox.SecurityError("powers above 64 are not allowed in guide text")
        result = super().call_binop(context, operator, left, right)
        if isinstance(result, (str, list)) and len(result) > MAX_STRING:
            raise jinja2.sandbox.SecurityError("the result is too long for guide text")
        return result


@dataclass
class Rendered:
    markdown: str
    guides: list[str] = field(default_factory=list)  # slugs linked with guide()
    links: list[str] = field(default_factory=list)   # named links used with link()
    calls: int = 0                                   # macro calls so far, against MAX_CALLS
    size: int = 0                                    # characters they wrote, against MAX_OUTPUT


@dataclass(frozen=True)
class GuideRef:
    slug: str
    title: str
    summary: str
    src_path: str  # relative to docs/, such as 'guides/restorative-practice.md'


class Renderer:
    """Renders page text; `guides` and `links` are what macros may name."""

    def __init__(self, *, guides: dict[str, GuideRef], links: dict, site_macros: dict | None = None):
        self.guides, self.links = guides, links
        self.env = _GuideSandbox(undefined=jinja2.StrictUndefined, autoescape=False,
                                 loader=None, keep_trailing_newline=True)
        self.env.globals.clear()  # drops range, dict, lipsum, cycler, joiner, namespace
        self.env.globals.update(guide=self._guide, link=self._link, guide_index=self._guide_index)
        # Who runs the site and what the accessibility statement reports (omg/statement.py).
        self.env.globals.update({name: macro for name, macro in (site_macros or {}).items() if name not in self.env.globals})
        self._page: str = ""
        self._used: Rendered | None = None

    def render(self, text: str, *, page: str, first_line: int = 1) -> Rendered:
        """Render `text` of the page at `page` (relative to docs/)."""
        if "{{" not in text and "{%" not in text and "{#" not in text:
            return Rendered(text)
        try:
            return self._render(text, page=page, first_line=first_line)
        except RecursionError:  # Jinja's parser and compiler recurse once for each bracket
            lines = text.split("\n")
            deepest = max(range(len(lines)), key=lambda index: lines[index].count("(") + lines[index].count("["))
            raise MacroError(first_line + deepest, "the macro text nests brackets too deeply to read.",
                             "a macro takes one or two quoted values, such as {{ guide(\"slug\") }}; "
                             "remove the extra brackets.") from None

    def _render(self, text: str, *, page: str, first_line: int) -> Rendered:
        self._page, self._used = page, Rendered("")
        simple = _render_simple_calls(text, self.env.globals)
        if simple is not None:
            used, self._used = self._used, None
            used.markdown = simple
            return used
        self._used = Rendered("")
        tree = _refuse_beyond_macro_calls(self.env, text, first_line)
        plain = _render_plain_calls(tree, self.env.globals) if tree is not None else None
        if plain is not None:
            used, self._used = self._used, None
            used.markdown = plain
            return used
        self._used = Rendered("")  # the plain attempt may have recorded calls before it gave up
        try:
            template = self.env.from_string(tree or text)  # the checked tree: parsing twice doubled the cost
            markdown = template.render()
        except MacroError as error:
            raise MacroError(_template_line(first_line) or first_line, error.message, error.fix) from None
        except jinja2.TemplateSyntaxError as error:
            raise MacroError(first_line + (error.lineno or 1) - 1, f"the macro text is not valid: {error.message}.",
                             "macros look like {{ guide(\"slug\") }} or {{ link(\"name\") }}; "
                             "check the braces and quotes.") from None
        except Exception as error:  # every other failure must also stop the build
            raise MacroError(_template_line(first_line), _explain(error), _fix_for(error)) from None
        used, self._used = self._used, None
        used.markdown = markdown
        return used

    def _relative(self, target: str) -> str:
        folder, _, name = target.rpartition("/")
        if folder == posixpath.dirname(self._page):  # a guide linking to a guide: no need for relpath's system calls
            return name
        return posixpath.relpath(target, posixpath.dirname(self._page) or ".")

    def _guide(self, slug, text=None) -> str:
        if not isinstance(slug, str) or slug not in self.guides:
            hint = closest(str(slug), self.guides, hint="no guide has a similar slug.")
            raise MacroError(None, f"guide(\"{slug}\") names no guide; {hint}",
                             "use the slug of a guide in docs/guides/ (its file name without .md).")
        self._used.guides.append(slug)
        ref = self.guides[slug]
        return self._spend(f"[{_link_text(text, 'guide', slug) or markdown_text(ref.title)}]({self._relative(ref.src_path)})")

    def _link(self, name, text=None) -> str:
        if not isinstance(name, str) or name not in self.links:
            hint = closest(str(name), self.links, hint="no named link has a similar id.")
            raise MacroError(None, f"link(\"{name}\") names no link; {hint}",
                             "use an id from data/links.yml, or add the link there.")
        self._used.links.append(name)
        named = self.links[name]
        return self._spend(f"[{_link_text(text, 'link', name) or markdown_text(named.title)}]({named.url})")

    def _guide_index(self) -> str:
        """A Markdown list of every guide, A to Z, with its summary."""
        refs = sorted(self.guides.values(), key=lambda ref: ref.title.casefold())
        return self._spend("\n".join(f"- [{markdown_text(ref.title)}]({self._relative(ref.src_path)}): "
                                      f"{markdown_text(ref.summary)}" for ref in refs))

    def _spend(self, output: str) -> str:
        """`output`, counted against the page's bounds: a few lines of macros must not make a page of gigabytes."""
        used = self._used
        used.calls += 1
        used.size += len(output)
        if used.calls > MAX_CALLS:
            raise MacroError(None, f"the page calls macros more than {MAX_CALLS} times.",
                             "link each guide once or twice; for a list of every guide use {{ guide_index() }} once.")
        if used.size > MAX_OUTPUT:
            raise MacroError(None, f"the macros on this page write more than {MAX_OUTPUT:,} characters.",
                             "call each macro once where it is needed; a one-minute guide is a few thousand characters.")
        return output


def _link_text(text, macro: str, name: str) -> str | None:
    """The text an editor gave a link, as plain text; refused when it is not text or holds control characters."""
    if text is None:
        return None
    if not isinstance(text, str):
        raise MacroError(None, f"the link text of {macro}(\"{name}\", ...) is not text.",
                         f"write it in quotes, such as {{{{ {macro}(\"{name}\", \"the text readers see\") }}}}.")
    problem = control_character_problem(text)
    if problem:
        raise MacroError(None, f"the link text of {macro}(\"{name}\", ...): {problem}.",
                         "retype the text without it.")
    return markdown_text(text)


# What guide text needs: {{ name(...) }} with plain values. Loops, filters and
# arithmetic could make one pull request run for hours or fill the build
# machine's memory ({% for %} inside {% for %}, "x"|center(10**9)), and
# joining strings could assemble HTML that the raw HTML check cannot see.
_ALLOWED_NODES = (nodes.Template, nodes.Output, nodes.TemplateData, nodes.Call, nodes.Name, nodes.Const,
                  nodes.Keyword, nodes.Getattr, nodes.Getitem)  # lookups alone are left to the sandbox
_NODE_WORDS = {
    nodes.For: "a loop ({% for %})", nodes.If: "a condition ({% if %})", nodes.Filter: "a filter (|)",
    nodes.Concat: "joining text (~)",
    nodes.Include: "another file ({% include %})", nodes.Import: "another file ({% import %})",
    nodes.FromImport: "another file ({% from %})", nodes.Macro: "a macro definition", nodes.Assign: "{% set %}",
    nodes.BinExpr: "arithmetic", nodes.UnaryExpr: "arithmetic",
}


def _refuse_beyond_macro_calls(env, text: str, first_line: int) -> nodes.Template | None:
    """The parsed text, once checked; None when it does not parse."""
    try:
        tree = env.parse(text)
    except jinja2.TemplateSyntaxError:
        return None  # reported, with its line, when the text is rendered
    # What a node is comes first: it names the thing to remove (a filter, joining text...).
    for node in [tree, *tree.find_all(nodes.Node)]:
        plain_call = not isinstance(node, nodes.Call) or isinstance(node.node, nodes.Name)
        if not isinstance(node, _ALLOWED_NODES) or not plain_call:
            what = next((words for kind, words in _NODE_WORDS.items() if isinstance(node, kind)),
                        "an expression" if isinstance(node, nodes.Expr) else "a statement")
            if isinstance(node, nodes.Call):
                what = "a call that is not one of the macros"
            raise MacroError(first_line + (node.lineno or 1) - 1, f"the macro text uses {what}, which guide text cannot use.",
                             _fix_for(None))
    for output in tree.find_all(nodes.Output):
        for child in output.nodes:
            problem = _not_a_macro_call(child, env.globals)
            if problem:
                raise MacroError(first_line + (child.lineno or 1) - 1, f"the macro text prints {problem}, "
                                 "which guide text cannot print.", _fix_for(None))
    return tree


def _not_a_macro_call(node, macros: dict) -> str | None:
    """What `node` prints when it is not text or a call of a macro with literal values; else None.

    A bare name would print a Python description of the macro (with a memory address, different on
    every build), and a literal string could spell markup in escapes ("\\x3c") the source scan cannot read.
    """
    if isinstance(node, nodes.TemplateData):
        return None
    root = node
    while isinstance(root, (nodes.Getattr, nodes.Getitem)):
        root = root.node
    if isinstance(root, nodes.Name) and root.name not in macros:
        return None  # a name that does not exist here: rendering stops on it, with its own message
    if isinstance(node, nodes.Name):
        return f"'{node.name}' without calling it (write {node.name}(...))"
    if isinstance(node, nodes.Const):
        return "a value of its own"
    if not (isinstance(node, nodes.Call) and isinstance(node.node, nodes.Name) and node.node.name in macros):
        return "something other than a macro call"
    values = [*node.args, *(keyword.value for keyword in node.kwargs)]
    if node.dyn_args is not None or node.dyn_kwargs is not None or not all(isinstance(v, nodes.Const) for v in values):
        return f"a call of {node.node.name}() whose values are not plain quoted text"
    return None


def _render_plain_calls(tree: nodes.Template, macros: dict) -> str | None:
    """Text and macro calls with literal arguments, run straight from the checked tree.

    Compiling each guide to Python was most of the build's own cost (see BENCHMARKS.md).
    Anything else, and any error, returns None: Jinja then renders the text and words
    the error with its line, exactly as before.
    """
    parts = []
    for output in tree.body:
        if not isinstance(output, nodes.Output):
            return None
        for child in output.nodes:
            if isinstance(child, nodes.TemplateData):
                parts.append(child.data)
                continue
            if not (isinstance(child, nodes.Call) and isinstance(child.node, nodes.Name) and child.node.name in macros
                    and child.dyn_args is None and child.dyn_kwargs is None
                    and all(isinstance(arg, nodes.Const) for arg in child.args)
                    and all(isinstance(keyword.value, nodes.Const) for keyword in child.kwargs)):
                return None
            try:
                value = macros[child.node.name](*(arg.value for arg in child.args),
                                                **{keyword.key: keyword.value.value for keyword in child.kwargs})
            except Exception:
                return None
            if not isinstance(value, str):
                return None
            parts.append(value)
    return "".join(parts)


# One macro call with at most two plain quoted values, on one line: what guides almost always hold.
_VALUE = r"""(?:"[^"\\{}%#\r\n]*"|'[^'\\{}%#\r\n]*')"""
_SIMPLE_CALL = re.compile(rf"\{{\{{[ \t]*(\w+)\([ \t]*(?:({_VALUE})(?:[ \t]*,[ \t]*({_VALUE}))?[ \t]*)?\)[ \t]*\}}\}}")


def _render_simple_calls(text: str, macros: dict) -> str | None:
    """Literal text and `{{ name("value") }}` calls, rendered without parsing the text as Jinja.

    Jinja would read such text as exactly these calls, so nothing can hide in it; parsing it
    was the largest part of loading the corpus (BENCHMARKS.md). Anything else (blocks,
    comments, other expressions, carriage returns, an error) returns None for the checked path.
    """
    if "{%" in text or "{#" in text or "\r" in text:
        return None
    parts, position = [], 0
    while (start := text.find("{{", position)) >= 0:
        call = _SIMPLE_CALL.match(text, start)
        if call is None or call.group(1) not in macros:
            return None
        try:
            value = macros[call.group(1)](*(arg[1:-1] for arg in call.group(2, 3) if arg is not None))
        except Exception:  # noqa: BLE001 - the checked path words the error, with its line
            return None
        if not isinstance(value, str):
            return None
        parts += [text[position:start], value]
        position = call.end()
    return "".join(parts) + text[position:]


def _template_line(first_line: int) -> int | None:
    """The failing line of the template, from the traceback Jinja rewrites."""
    tb = sys.exc_info()[2]
    line = None
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "<template>":
            line = tb.tb_lineno
        tb = tb.tb_next
    return first_line + line - 1 if line else None


def _explain(error: Exception) -> str:
    if isinstance(error, jinja2.UndefinedError):
        return f"the macro text uses something that does not exist here ({error.message})."
    if isinstance(error, jinja2.sandbox.SecurityError):
        return f"the macro text tries something that is not allowed ({error})."
    if isinstance(error, TypeError) and "no loader" in str(error):
        return "the macro text tries to include or import another file, which is not allowed."
    return f"the macro failed ({type(error).__name__}: {error})."


def _fix_for(error: Exception) -> str:
    return ("guide text may use only {{ guide(\"slug\") }}, {{ link(\"name\") }} and {{ guide_index() }}; "
            "remove anything else between {{ and }} or {% and %}.")
