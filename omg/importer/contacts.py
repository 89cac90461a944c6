"""Contacts in imported text: found, merged with data/contacts.yml, appended.

Guides name contacts by id and the details live once in data/contacts.yml,
so the importer takes names, roles, email addresses and phone numbers out
of the text. A contact whose email (or, without one, phone) is already known
is reused, never duplicated. New ones are appended to the file as text, so
its comments and layout stay as the editors wrote them. Nothing is made up:
a role or team the document does not give becomes a to-do.
"""

from __future__ import annotations

import json
import re
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..contacts import Contact, load_contacts
from ..problems import Report
from ..schema import PHONE, SLUG
from ..todos import todo
from .reading import Block, plain_line

EMAIL_IN_TEXT = re.compile(r"(?<![\w.+'-])[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
PHONE_IN_TEXT = re.compile(r"(?<![\w+])(?:\+44\s?(?:\(0\)\s?)?|\(?0)\d{2,4}\)?[\s-]?\d{3,4}[\s-]?\d{3,4}(?![\d@])")

# "For more information about restorative practice training, please email:"
_ASK = r"(?:please\s+)?(?:contact|e-?mail|call|ring|phone|speak to|talk to|get in touch(?: with)?|write to)\b"
_LEAD_IN = re.compile(
    r"^\s*(?:for|to (?:find out|get|learn))\s+(?:more|further)(?:\s+(?:information|details|advice|help))?"
    rf"(?:\s+(?:about|on|regarding|around|with)\s+(?P<topic>[^.!?:]+?))?(?=\s*(?:,|:|$|{_ASK}))", re.IGNORECASE)
_LEAD_IN_ONLY = re.compile(rf"^[\s,]*(?:{_ASK})?[\s:]*$", re.IGNORECASE)
_VERB = re.compile(r"\b(?:please\s+)?(?:contact|e-?mail|call|ring|phone|telephone|speak to|talk to|write to|"
                   r"get in touch with|get in touch|contact us on)\b[\s:]*", re.IGNORECASE)
_CONNECTOR = re.compile(r"^(?:e-?mail|tel(?:ephone)?|phone|mobile|mob|t|e|m|or|and|on|at|by|via|to|please)\.?$",
                        re.IGNORECASE)
# "or the Family Hub on" is the Family Hub.
_EDGE_WORDS = re.compile(r"^(?:(?:or|and|the|our|your|to)\s+)+|(?:\s+(?:on|at|via|by|or|and|is|are))+$", re.IGNORECASE)
_NAME = re.compile(r"^(?:(?:Dr|Mr|Mrs|Ms|Miss|Mx)\.?\s+)?[A-Z][a-z'\u2019-]+(?:\s+[A-Z][a-z'\u2019-]+){1,2}$")
_ROLE_WORDS = {
    "team", "service", "services", "hub", "council", "officer", "manager", "lead", "coordinator", "co-ordinator",
    "unit", "board", "partnership", "line", "desk", "office", "offices", "adviser", "advisor", "worker", "support", "centre",
    "nurse", "helpline", "practitioner", "head", "director", "chair", "administrator", "panel", "door", "training",
    "safeguarding", "practice", "care", "health", "school", "help", "early", "social", "children", "family",
}
_ROLE_PREFIX = re.compile(r"^(?:how (?:we are|we're) using|how we use|how we are|how to use|how to|what|the|our|using)\s+",
                          re.IGNORECASE)


@dataclass
class FoundContact:
    email: str | None
    phone: str | None
    name: str | None
    role: str | None
    topic: str | None   # what the paragraph says the contact is for
    where: str


@dataclass
class ContactsSection:
    paragraphs: list[str]              # the section's text, contact details taken out
    found: list[FoundContact]
    left_out: list[str] = field(default_factory=list)  # words beside details that had nowhere to go


def read_contacts_section(blocks: list[Block]) -> ContactsSection:
    paragraphs: list[str | None] = []
    topics: list[str] = []
    found: list[FoundContact] = []
    left_out: list[str] = []
    for block in blocks:
        if block.kind == "subheading":
            paragraphs.append(f"### {block.text}")
            continue
        kept, contacts, topic, dropped = _read_paragraph(block)
        left_out += dropped
        if kept:
            paragraphs.append("\n".join(kept) if block.kind == "list" else plain_line(" ".join(kept)))
        if contacts:
            found += contacts
            if None not in paragraphs:
                paragraphs.append(None)  # the lead-in sentence goes where the first contact was
            if topic and topic.casefold() not in {t.casefold() for t in topics}:
                topics.append(topic)
    lead_in = _lead_in(topics) if found else None
    return ContactsSection([lead_in if p is None else p for p in paragraphs], found, left_out)


def _lead_in(topics: list[str]) -> str:
    if not topics:
        return "For more information, please get in touch:"
    about = topics[0] if len(topics) == 1 else ", about ".join(topics[:-1]) + ", or about " + topics[-1]
    return f"For more information about {about}, please get in touch:"


def take_details_from_prose(text: str, where: str) -> tuple[str, list[FoundContact]]:
    """Prose keeps no addresses: each becomes a contact, and a to-do to reword the sentence."""
    found = []

    def replace(match: re.Match) -> str:
        value = match.group(0)
        is_email = "@" in value
        found.append(FoundContact(value if is_email else None, None if is_email else _phone(value),
                                  None, None, None, where))
        kind = "an email address" if is_email else "a phone number"
        return todo(f"{kind} was here; it is now a contact listed under \"Who are the key contacts?\". "
                    "Reword this sentence to point readers there")

    text = EMAIL_IN_TEXT.sub(replace, text)
    text = PHONE_IN_TEXT.sub(replace, text)
    return text, found


def _read_paragraph(block: Block) -> tuple[list[str], list[FoundContact], str | None, list[str]]:
    """(lines kept as text, contacts, the lead-in's topic, words left out)."""
    if not (EMAIL_IN_TEXT.search(block.text) or PHONE_IN_TEXT.search(block.text)):
        return block.text.split("\n"), [], None, []  # prose: kept as written
    kept, found, dropped, pending = [], [], [], []
    topic = None
    for raw in block.text.split("\n"):
        line = re.sub(r"^(?:- |\d+\. )", "", raw) if block.kind == "list" else raw
        lead = _LEAD_IN.match(line)
        details = sorted([(m.start(), m.end(), m.group(0)) for m in EMAIL_IN_TEXT.finditer(line)] +
                         [(m.start(), m.end(), m.group(0)) for m in PHONE_IN_TEXT.finditer(line)])
        consumed = details or (lead and _LEAD_IN_ONLY.match(line[lead.end():])) or line.rstrip().endswith(":")
        if lead and lead.group("topic") and topic is None and consumed:
            topic = lead.group("topic").strip(" ,")
        if not details:
            if consumed:
                continue  # a lead-in such as "Please contact:"; rebuilt from the topics
            if len(line.split()) <= 6 and not line.rstrip().endswith((".", "?", "!")):
                pending.append((raw, line))  # a name or role on a line of its own, above its details
            else:
                kept.append(raw)
            continue
        start_of_line = True
        position = 0
        for start, end, value in details:
            label = line[position:start]
            label_parts = ([line for _, line in pending] if start_of_line else []) + _label_parts(label)
            if start_of_line:
                pending = []
            _add_detail(found, value, label_parts, topic, block.where, new_line=start_of_line)
            start_of_line = False
            position = end
        rest = line[position:].strip(" .,;:-\u2013\u2014")
        if rest and not _CONNECTOR.match(rest):
            dropped.append(rest)
    kept += [raw for raw, _ in pending]  # short lines never followed by details are text after all
    for contact in found:
        contact.topic = topic
    return kept, found, topic, dropped


def _label_parts(label: str) -> list[str]:
    verbs = list(_VERB.finditer(label))
    if verbs:
        label = label[verbs[-1].end():]  # "..., please contact Hayden Ginns -" keeps the name
    elif _LEAD_IN.match(label):
        return []
    parts = re.split(r"\s+[-\u2013\u2014]\s+|\s*[,;:()|]\s*|\s+[-\u2013\u2014]$", label)
    parts = [_EDGE_WORDS.sub("", part.strip(" .")).strip(" .") for part in parts]
    return [part for part in parts if part and not _CONNECTOR.match(part)]


def _add_detail(found: list[FoundContact], value: str, parts: list[str], topic: str | None, where: str,
                *, new_line: bool) -> None:
    name = next((part for part in parts if _is_name(part)), None)
    role = next((part for part in parts if part != name and len(part.split()) <= 10), None)
    is_email = "@" in value
    previous = found[-1] if found else None
    # A phone with no words of its own belongs to the contact just before it.
    if not is_email and previous and not previous.phone and not (name or role) and (previous.email or not new_line):
        previous.phone = _phone(value)
        return
    if is_email and previous and not previous.email and previous.phone and not (name or role) and not new_line:
        previous.email = value
        return
    found.append(FoundContact(value if is_email else None, None if is_email else _phone(value),
                              name, role, topic, where))


def _is_name(text: str) -> bool:
    return bool(_NAME.match(text)) and not any(word.lower() in _ROLE_WORDS for word in text.split())


def _phone(text: str) -> str:
    text = re.sub(r"\(0\)", "", text)
    return re.sub(r"\s+", " ", re.sub(r"[()\-.]", " ", text)).strip()


def role_from_topic(topic: str | None) -> str | None:
    if not topic:
        return None
    role = _ROLE_PREFIX.sub("", topic.strip()).strip(" ,.")
    return role[:1].upper() + role[1:] if role else None


# Merging and appending --------------------------------------------------------------------------

@dataclass
class ContactResult:
    id: str
    found: FoundContact
    new: bool
    fields: dict = field(default_factory=dict)   # written to data/contacts.yml when new
    notes: list[str] = field(default_factory=list)


class ContactBook:
    """Known contacts plus the ones this import adds, matched by email, then phone."""

    def __init__(self, existing: dict[str, Contact], *, taken_ids=()):
        self.existing = existing
        self.taken = set(existing) | set(taken_ids)
        self.by_email = {c.email.lower(): c.id for c in existing.values() if c.email}
        self.by_phone = {_digits(c.phone): c.id for c in existing.values() if c.phone}
        self.added: list[ContactResult] = []

    def add(self, contact: FoundContact) -> ContactResult:
        known = self._known(contact)
        if known:
            return known
        fields, notes = self._fields(contact)
        fields = {"id": self._new_id(contact, fields), **fields}
        result = ContactResult(fields["id"], contact, True, fields, notes)
        self.added.append(result)
        self.taken.add(result.id)
        if contact.email:
            self.by_email[contact.email.lower()] = result.id
        if contact.phone:
            self.by_phone[_digits(contact.phone)] = result.id
        return result

    def _known(self, contact: FoundContact) -> ContactResult | None:
        key = contact.email.lower() if contact.email else None
        contact_id = self.by_email.get(key) if key else self.by_phone.get(_digits(contact.phone or ""))
        if not contact_id:
            return None
        how = "same email" if key else "same phone number"
        notes = []
        known = self.existing.get(contact_id)
        if known and contact.name and known.name and contact.name.casefold() != known.name.casefold():
            notes.append(f"the document names {contact.name}, data/contacts.yml names {known.name}: check which is right")
        new = next((r for r in self.added if r.id == contact_id), None)
        return ContactResult(contact_id, contact, False, {}, [f"already in data/contacts.yml ({how})"
                                                            if not new else "found twice in this import", *notes])

    def _fields(self, contact: FoundContact) -> tuple[dict, list[str]]:
        fields: dict[str, str] = {}
        notes: list[str] = []
        if contact.name:
            fields["name"] = contact.name
        role = contact.role or role_from_topic(contact.topic)
        if role:
            fields["role"] = role
            if not contact.role:
                notes.append(f"role \"{role}\" taken from the sentence around it")
        elif not contact.name:
            fields["role"] = todo("the role or team this contact is, such as 'Early help hub'")
        team = self._team_for(contact)
        fields["team"] = team or todo("the organisation or service this contact works for")
        if team:
            notes.append(f"team \"{team}\" taken from other contacts with the same email domain")
        if contact.email:
            fields["email"] = contact.email
        if contact.phone:
            if PHONE.match(contact.phone):
                fields["phone"] = contact.phone
            else:
                fields["phone"] = todo(f"check the phone number '{contact.phone}' and write it as digits and spaces")
        return fields, notes

    def _team_for(self, contact: FoundContact) -> str | None:
        if not contact.email:
            return None
        domain = contact.email.rsplit("@", 1)[1].lower()
        teams = Counter(c.team for c in self.existing.values() if c.email and c.email.lower().endswith("@" + domain))
        return teams.most_common(1)[0][0] if teams else None

    def _new_id(self, contact: FoundContact, fields: dict) -> str:
        source = contact.name or (fields.get("role") if not fields.get("role", "").startswith("[") else None)
        words = slugify(" ".join((source or "").split()[:5]))
        if not words and contact.email:
            words = slugify(contact.email.split("@")[0])
        words = words or "contact"
        candidate, number = words, 2
        while candidate in self.taken:
            candidate, number = f"{words}-{number}", number + 1
        return candidate


def _digits(phone: str) -> str:
    digits = re.sub(r"\D", "", phone)
    return "0" + digits[2:] if digits.startswith("44") else digits


def slugify(text: str) -> str:
    import unicodedata

    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:60].rstrip("-")
    # An id of digits only would be read by YAML as a number.
    return slug if SLUG.match(slug) and re.search("[a-z]", slug) else ""


def appended_text(existing_text: str, added: list[ContactResult], *, source: str) -> str:
    """The text to add at the end of data/contacts.yml, in the file's own layout."""
    if not added:
        return ""
    indent = re.search(r"^([ \t]*)- id:", existing_text, re.MULTILINE)
    dash = indent.group(1) if indent else "  "
    spaced = bool(re.search(r"\n[ \t]*\n[ \t]*- id:", existing_text))
    lines = [] if existing_text.endswith("\n") or not existing_text else [""]
    lines += ["", f"{dash}# Added by omg import from {source}; check before publishing."]
    for index, result in enumerate(added):
        if index and spaced:
            lines.append("")
        entries = list(result.fields.items())
        lines.append(f"{dash}- {entries[0][0]}: {yaml_scalar(entries[0][1])}")
        lines += [f"{dash}  {key}: {yaml_scalar(value)}" for key, value in entries[1:]]
    return "\n".join(lines) + "\n"


def yaml_scalar(value: str) -> str:
    """A YAML value: plain when it reads back unchanged, else double-quoted."""
    plain = value.strip() == value and not re.search(r": |\s#|^[\[\]{}&*!|>'\"%@`,?:-]", value)
    try:
        same = plain and yaml.safe_load(value) == value
    except yaml.YAMLError:
        same = False
    return value if same else json.dumps(value, ensure_ascii=False)


def check_appended(existing_text: str, addition: str, *, shown: str, link_ids) -> list[str]:
    """Problems the contacts schema finds in what the import adds to the file."""
    before, after = _problems(existing_text, link_ids), _problems(existing_text + addition, link_ids)
    return [problem.replace("contacts.yml", shown, 1) for problem in after if problem not in before]


def _problems(text: str, link_ids) -> list[str]:
    with tempfile.TemporaryDirectory(prefix="omg-import-") as folder:
        trial = Path(folder) / "contacts.yml"
        trial.write_text(text, encoding="utf-8")
        report = Report()
        load_contacts(trial, report=report, root=Path(folder), link_ids=link_ids)
    return [str(problem) for problem in report.problems]
