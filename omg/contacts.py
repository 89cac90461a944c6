"""Contacts: the people, roles and teams that guides point readers to.

One change in `data/contacts.yml` updates every guide that names the contact.
A contact is a named person or a role; we never invent either. Where no
address is known, the contact points to a named link instead.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .datafile import load_entries
from .listing import relative_path
from .problems import Report, closest
from .schema import Field

FIELDS = {
    "id": Field("slug", required=True, help="a short id guides use, such as 'rp-training'"),
    "name": Field("text", help="the person's name, only if they agreed to be named"),
    "role": Field("text", help="the role or team name, such as 'Restorative practice training'"),
    "team": Field("text", required=True, help="the organisation or service"),
    "email": Field("email", help="an address that is monitored"),
    "phone": Field("phone", help="a published phone number"),
    "link": Field("slug", help="the id of a named link where readers find how to get in touch"),
    "hours": Field("text", help="when the contact answers, such as 'Monday to Friday, 9am to 5pm'"),
    "notes": Field("text", help="what readers should know before they get in touch, such as "
                                "'allow three working days for a reply'"),
}


@dataclass(frozen=True)
class Contact:
    id: str
    team: str
    name: str | None = None
    role: str | None = None
    email: str | None = None
    phone: str | None = None
    link: str | None = None
    hours: str | None = None
    notes: str | None = None

    @property
    def label(self) -> str:
        return self.name or self.role or self.team


def load_contacts(path: Path, *, report: Report, root: Path, link_ids=()) -> dict[str, Contact]:
    entries = load_entries(path, key="contacts", fields=FIELDS, report=report, root=root)
    shown = relative_path(path, root)
    contacts = {}
    for contact_id, entry in entries.items():
        line, given = entry.pop("_line"), entry.pop("_given")
        if not (entry.get("name") or entry.get("role")):
            report.add(shown, line, f"contact '{contact_id}' has neither a name nor a role.",
                       fix="add 'role:' (for example 'Restorative practice training') or 'name:'.")
        if not given & {"email", "phone", "link"}:
            report.add(shown, line, f"contact '{contact_id}' gives readers no way to get in touch.",
                       fix="add 'email:', 'phone:' or 'link:' (the id of a named link in data/links.yml).")
        if entry.get("link") and link_ids and entry["link"] not in link_ids:
            report.add(shown, line, f"contact '{contact_id}' points to the unknown link '{entry['link']}'; "
                       + closest(entry["link"], link_ids, hint="no link has a similar id."),
                       fix="use an id from data/links.yml.", field="link")
        contacts[contact_id] = Contact(**entry)
    return contacts
