"""Macros for guide text, rendered in a Jinja sandbox.

Editors' pull requests are untrusted. Page text is rendered in an immutable
sandbox whose only names are the macros below: no environment, no config, no
files, no Jinja globals (lipsum, cycler, range...), no loader for includes.
Any error stops the build with the file and line; nothing of it is written
into a page.
"""

from __future__ import annotations

import posixpath
import sys
from dataclasses import dataclass, field

import jinja2
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

    def __init__(self, *, guides: dict[str, GuideRef], links: dict):
        self.guides, self.links = guides, links
        self.env = _GuideSandbox(undefined=jinja2.StrictUndefined, autoescape=False,
                                 loader=None, keep_trailing_newline=True)
        self.env.globals.clear()  # drops range, dict, lipsum, cycler, joiner, namespace
        self.env.globals.update(guide=self._guide, link=self._link, guide_index=self._guide_index)
        self._page: str = ""
        self._used: Rendered | None = None

    def render(self, text: str, *, page: str, first_line: int = 1) -> Rendered:
        """Render `text` of the page at `page` (relative to docs/)."""
        if "{{" not in text and "{%" not in text and "{#" not in text:
            return Rendered(text)
        self._page, self._used = page, Rendered("")
        try:
            template = self.env.from_string(text)
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
