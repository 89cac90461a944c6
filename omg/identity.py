"""Who runs the site and how readers reach them: data/site.yml, read once.

The footer, the accessibility statement, "Report a problem", printed pages,
"Edit this page" and the deploy workflow all take these values from here.
The file ships with example values (example.org addresses, Ofcom drama phone
numbers, text saying PLACEHOLDER): a local build and `make serve` use them,
and a release build (`omg build --release`) refuses them, naming each field.
"""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from .datafile import read_data_file
from .listing import relative_path
from .problems import Report
from .schema import Field, check_mapping

KEY = "site"
FIELDS = {
    "organisation": Field("text", required=True, help="the organisation that runs the website, in full"),
    "address": Field("url", required=True, help="the public address of the website, such as https://guides.example.gov.uk/"),
    "repository": Field("url", help="the GitHub repository of the guides, for 'Edit this page' and problem reports"),
    "contact_team": Field("text", required=True, help="the team that answers feedback, such as 'Partnership business unit'"),
    "email": Field("email", required=True, help="a monitored address for feedback and accessibility requests"),
    "phone": Field("phone", help="a published phone number for feedback and accessibility requests"),
    "response_days": Field("integer", required=True, help="working days within which the team replies"),
}


@dataclass(frozen=True)
class Identity:
    organisation: str
    address: str
    contact_team: str
    email: str
    response_days: int
    repository: str | None = None
    phone: str | None = None
    path: str = "data/site.yml"
    lines: tuple[tuple[str, int], ...] = ()  # field -> line, for release messages

    @property
    def phone_href(self) -> str | None:
        return "tel:" + "".join(ch for ch in self.phone if ch.isdigit() or ch == "+") if self.phone else None

    @property
    def repository_host(self) -> str:
        """'GitHub', 'GitLab' or the host's name: where readers would need an account to report."""
        host = urlsplit(self.repository or "").hostname or ""
        return {"github.com": "GitHub", "gitlab.com": "GitLab"}.get(host, host)

    def line_of(self, name: str) -> int | None:
        return dict(self.lines).get(name)


def load_identity(path: Path, *, report: Report, root: Path) -> Identity | None:
    shown = relative_path(path, root)
    if not path.exists():
        report.add(shown, None, "the file that says who runs the website is missing.",
                   fix=f"create it with '{KEY}:' and the fields {', '.join(FIELDS)} (see the README).")
        return None
    located = read_data_file(path, shown=shown, report=report)
    if located is None:
        return None
    data = located.data
    if not isinstance(data, dict) or KEY not in data:
        report.add(shown, 1, f"the file must start with '{KEY}:' followed by its fields.",
                   fix=f"put '{KEY}:' on the first line and the fields indented below it.")
        return None
    for name in data:
        if name != KEY:
            report.add(shown, located.line(name), f"unexpected top-level key '{name}'.",
                       fix=f"this file holds only '{KEY}:'; move '{name}' under it or delete it.")
    before = len(report.problems)
    clean = check_mapping(data[KEY], FIELDS, report=report, path=shown, located=located, where=(KEY,),
                          what=f"'{KEY}' block")
    if len(report.problems) > before:
        return None
    if not clean["address"].endswith("/"):
        report.add(shown, located.line(KEY, "address"), f"'{clean['address']}' does not end with '/'.",
                   fix="end the address with '/', as in https://guides.example.gov.uk/.", field="address")
        return None
    lines = tuple((name, located.line(KEY, name)) for name in FIELDS if located.line(KEY, name))
    return Identity(**clean, path=shown, lines=lines)


# --- Placeholders and loopback addresses: fine for a preview, never for a release -----------

RESERVED_DOMAINS = ("example.org", "example.com", "example.net")         # RFC 2606
RESERVED_SUFFIXES = (".example", ".test", ".invalid", ".localhost")      # RFC 2606 / 6761
# Ofcom's numbers for drama (never connected): prefix of the digits, and the next four or so.
DRAMA_NUMBERS = re.compile(
    r"^(?:01632960|02079460|07700900|01134960|01144960|01154960|01164960|01174960|01184960|01214960|01314960|"
    r"01414960|01514960|01614960|01914980|02896496|02920180|08081570|09098790|03069990)")
PLACEHOLDER_OWNERS = {"owner", "example", "example-org", "your-org", "organisation"}


def placeholder_reason(name: str, value: str) -> str | None:
    """Why `value` is an example rather than a real one, or None when it looks real."""
    if "placeholder" in value.casefold():
        return "it says PLACEHOLDER"
    if name == "phone":
        digits = "".join(ch for ch in value if ch.isdigit())
        digits = "0" + digits[2:] if digits.startswith("44") else digits
        return "it is an Ofcom drama number, never connected" if DRAMA_NUMBERS.match(digits) else None
    host = value.rsplit("@", 1)[1] if name == "email" else urlsplit(value).hostname or ""
    host = host.casefold().rstrip(".")
    if host == "localhost" or host.endswith(RESERVED_SUFFIXES):
        return f"{host} is a local or reserved name, not a public address"
    if any(host == domain or host.endswith("." + domain) for domain in RESERVED_DOMAINS):
        return f"{host} is reserved for examples"
    try:
        ip = ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        ip = None
    if ip is not None and (ip.is_loopback or ip.is_private or ip.is_unspecified or ip.is_link_local):
        return f"{host} is an address on this computer or a private network"
    owner = urlsplit(value).path.strip("/").split("/")[0].casefold() if name != "email" else ""
    if name == "repository" and owner in PLACEHOLDER_OWNERS:
        return f"'{owner}' is a placeholder account"
    return None


FIXES = {
    "organisation": "write the full name of the organisation that runs the website.",
    "address": "write the website's public address, such as https://guides.your-partnership.gov.uk/.",
    "repository": "write the address of the repository the guides live in, such as https://github.com/your-org/guides.",
    "contact_team": "name the team that reads feedback.",
    "email": "write the monitored address that answers feedback and accessibility requests.",
    "phone": "write the published phone number for feedback, or delete the line.",
}


def release_problems(identity: Identity, *, report: Report) -> None:
    """Adds a problem for every value a public website must not carry."""
    for name in FIXES:
        value = getattr(identity, name)
        reason = placeholder_reason(name, value) if value else None
        if reason:
            report.add(identity.path, identity.line_of(name),
                       f"'{value}' is a placeholder ({reason}); a release build publishes only real details.",
                       fix=FIXES[name], field=name)


def config_problems(*, site_url: str, repo_url: str, identity: Identity, report: Report) -> None:
    """The addresses MkDocs will publish (site_url, repo_url) in a release build."""
    for setting, value, name in (("site_url", site_url, "address"), ("repo_url", repo_url, "repository")):
        if value and placeholder_reason(name, value):
            report.add("mkdocs.yml", None, f"{setting} is '{value}', which is {placeholder_reason(name, value)}.",
                       fix=f"delete {setting} from mkdocs.yml: the build takes it from '{name}' in {identity.path}.",
                       field=setting)
        elif value and value.rstrip("/") != (getattr(identity, name) or "").rstrip("/"):
            report.add("mkdocs.yml", None, f"{setting} is '{value}' but {identity.path} says "
                       f"'{getattr(identity, name) or 'nothing'}'.",
                       fix=f"delete {setting} from mkdocs.yml and keep the one value in {identity.path}.",
                       field=setting)


def codeowners_problems(root: Path, *, report: Report) -> None:
    """CODEOWNERS cannot read data/site.yml, so a release checks it has no placeholder team."""
    path = root / ".github" / "CODEOWNERS"
    if not path.exists():
        return
    found: dict[str, list[int]] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        for owner in (word for word in line.split("#")[0].split()[1:] if word.startswith("@")):
            if owner.lstrip("@").split("/")[0].casefold() in PLACEHOLDER_OWNERS:
                found.setdefault(owner, []).append(number)
    for owner, numbers in found.items():
        more = f" (and on {len(numbers) - 1} more lines)" if len(numbers) > 1 else ""
        report.add(".github/CODEOWNERS", numbers[0], f"'{owner}' is a placeholder team{more}.",
                   fix="replace it on every line with your organisation's maintainers team, such as @your-org/maintainers.")
