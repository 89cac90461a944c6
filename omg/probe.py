"""What the theme and our templates put into a page by themselves.

Material's inline scripts (its settings, the palette) vary only with the
page's base address and the configuration. So for each base address we
render the trusted templates for a blank page, with no navigation, no page,
no guide and nothing from docs/ or data/, and read its scripts and other
guarded elements (omg/htmlcheck.py). A built page may hold those and
nothing more, and the content security policy permits exactly those inline
scripts: what a page happens to contain is never trusted.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from mkdocs.commands.build import get_context
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from .htmlcheck import Profile, profile_of

PAGE_TEMPLATE = "main.html"
ERROR_TEMPLATE = "404.html"


class TrustedTemplates:
    """Profiles of blank pages, one for each base address, rendered once each."""

    def __init__(self, env, config):
        self.env, self.config = env, config
        self._profiles: dict[tuple[str, str], Profile] = {}

    def for_page(self, page) -> Profile:
        """The profile for a page of the site (always main.html: theme keys are not editor-settable).

        Addresses in a page are relative to its folder, so a blank page as many folders deep
        has the same scripts, word for word.
        """
        folders = page.file.dest_uri.count("/")
        return self._profile((PAGE_TEMPLATE, folders), lambda: self.blank_page(folders))

    def for_error_page(self) -> Profile:
        """404.html, which MkDocs renders with no page and absolute addresses from the site's path."""
        base_url = urlsplit(self.config.site_url or "/").path
        return self._profile((ERROR_TEMPLATE, base_url), lambda: self._render(ERROR_TEMPLATE, None, base_url))

    def _profile(self, key: tuple, render) -> Profile:
        if key not in self._profiles:
            self._profiles[key] = profile_of(render())
        return self._profiles[key]

    def blank_page(self, folders: int) -> str:
        """main.html for an empty page `folders` folders deep, such as p/p/index.html."""
        file = File.generated(self.config, "/".join(["p"] * folders + ["index.md"]), content="")
        page = Page("Blank", file, self.config)
        page.content, page.meta = "", {}
        return self._render(PAGE_TEMPLATE, page, "")

    def _render(self, template: str, page, base_url: str) -> str:
        context = get_context(Navigation([], []), Files([]), self.config, page=page, base_url=base_url)
        # Our templates' own variables, empty: a blank page is neither a guide nor a generated page.
        context.update(guide=None, omg_page=None)
        return self.env.get_template(template).render(context)
