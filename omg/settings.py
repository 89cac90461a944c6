"""Project settings, kept once in mkdocs.yml under `extra: omg:`.

The command line reads them without MkDocs, so mkdocs.yml is parsed with a
loader that ignores MkDocs' own tags (such as !ENV) instead of running them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml


@dataclass(frozen=True)
class Settings:
    word_budget: int = 500
    review_soon_days: int = 30
    docs_dir: str = "docs"
    data_dir: str = "data"
    guides_dir: str = "guides"  # under docs_dir
    site_url: str = ""
    repo_url: str = ""
    edit_uri: str = ""
    # Parts of the theme a page hides (Material's `hide`), by page source: maintainers' to set, not editors'.
    hide: dict = field(default_factory=dict)
    release: bool = False  # a build to publish: no placeholders (omg/identity.py); OMG_RELEASE=1


class _TolerantLoader(yaml.SafeLoader):
    pass


_TolerantLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def load_settings(root: Path) -> Settings:
    config_file = root / "mkdocs.yml"
    if not config_file.exists():
        return Settings()
    config = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_TolerantLoader) or {}
    return settings_from_config(config)


def settings_from_config(config) -> Settings:
    """Settings from a parsed mkdocs.yml (a dict or MkDocs' own config)."""
    extra = (config.get("extra") or {}).get("omg") or {}
    known = {name: extra[name] for name in ("word_budget", "review_soon_days", "data_dir") if name in extra}
    hide = extra.get("hide") or {}
    if isinstance(hide, dict):  # {page source: [parts]}; anything else hides nothing
        known["hide"] = {str(page): [str(part) for part in parts] for page, parts in hide.items() if isinstance(parts, list)}
    return Settings(docs_dir=config.get("docs_dir") or "docs", site_url=config.get("site_url") or "",
                    repo_url=config.get("repo_url") or "", edit_uri=config.get("edit_uri") or "",
                    release=_switched_on(extra.get("release")), **known)


def _switched_on(value) -> bool:
    """`!ENV [OMG_RELEASE, false]` gives a bool, a number or a string, as the variable was set."""
    return str(value).strip().casefold() in ("1", "true", "yes", "on") if value is not None else False
