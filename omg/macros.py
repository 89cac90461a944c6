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

from .problems import closest

MAX_STRING = 100_000  # a guide is about 500 words; stops '{{ "x" * 10**9 }}'


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
        return f"[{text or ref.title}]({self._relative(ref.src_path)})"

    def _link(self, name, text=None) -> str:
        if not isinstance(name, str) or name not in self.links:
            hint = closest(str(name), self.links, hint="no named link has a similar id.")
            raise MacroError(None, f"link(\"{name}\") names no link; {hint}",
                             "use an id from data/links.yml, or add the link there.")
        self._used.links.append(name)
        named = self.links[name]
        return f"[{text or named.title}]({named.url})"

    def _guide_index(self) -> str:
        """A Markdown list of every guide, A to Z, with its summary."""
        refs = sorted(self.guides.values(), key=lambda ref: ref.title.casefold())
        return "\n".join(f"- [{ref.title}]({self._relative(ref.src_path)}): {ref.summary}" for ref in refs)


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
    for node in [tree, *tree.find_all(nodes.Node)]:
        plain_call = not isinstance(node, nodes.Call) or isinstance(node.node, nodes.Name)
        if not isinstance(node, _ALLOWED_NODES) or not plain_call:
            what = next((words for kind, words in _NODE_WORDS.items() if isinstance(node, kind)),
                        "an expression" if isinstance(node, nodes.Expr) else "a statement")
            if isinstance(node, nodes.Call):
                what = "a call that is not one of the macros"
            raise MacroError(first_line + (node.lineno or 1) - 1, f"the macro text uses {what}, which guide text cannot use.",
                             _fix_for(None))
    return tree


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
