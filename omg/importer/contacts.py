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
from ..todos import find_todos, todo
from .reading import Block, plain_line

EMAIL_IN_TEXT = re.compile(r"(?<![\w.+'-])[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
PHONE_IN_TEXT = re.compile(r"(?<![\w+])(?:\+44\s?(?:\(0\)\s?)?|\(?0)\d{2,4}\)?[\s-]?\d{3,4}[\s-]?\d{3,4}(?![\d@])")

# "For more information about restorative practice training, please email:"
_ASK = r"(?:please\s+)?(?:contact|e-?mail|call|ring|phone|speak to|talk to|get in touch(?: with)?|write to)\b"
_LEAD_IN = re.compile(
    r"^\s*(?:for|to (?:find out|get|learn))\s+(?:more|further)(?:\s+(?:information|details|advice|help))?"
    rf"(?:\s+(?:about|on|regarding|around|with)\s+(?P<topic>[^.!?:]+?))?(?=\s*(?:,|:|$|{_ASK}))", re.IGNORECASE)
_LEAD_IN_ONLY = re.compile(rf"^[\s,]*(?:{_ASK})?[\s:]*$", re.IGNORECASE)
_VERB = re.compile(r"(?<![\w-])(?:please\s+)?(?:contact|e-?mail|call|ring|phone|telephone|speak to|talk to|write to|"
                   r"ask for|get in touch with|get in touch|contact us on)(?![\w-])[\s:]*", re.IGNORECASE)
_CONNECTOR = re.compile(r"^(?:e-?mail|tel(?:ephone)?|phone|mobile|mob|t|e|m|or|and|on|at|by|via|to|please|"
                        r"name|role|job title|title|position|contact|contact details)\.?$", re.IGNORECASE)
# "or the Family Hub on" is the Family Hub.
_EDGE_WORDS = re.compile(r"^(?:(?:or|and|the|our|your|to)\s+)+|(?:\s+(?:on|at|via|by|or|and|is|are))+$", re.IGNORECASE)
_NAME = re.compile(r"^(?:(?:Dr|Mr|Mrs|Ms|Miss|Mx|Prof)\.?\s+)?[A-Z][a-z'\u2019-]*[a-z](?:\s+(?:[A-Z][a-z'\u2019-]*[a-z]|"
                   r"(?:O|D|Mc|Mac)['\u2019]?[A-Z][a-z'\u2019-]+)){1,2}$")
_TITLED = re.compile(r"^(?:Dr|Mr|Mrs|Ms|Miss|Mx|Prof)\.?\s+[A-Z]")
# "Monday to Friday, 9am to 5pm", "Out of hours", "allow three working days": when, and on what terms.
_HOURS = re.compile(r"\b(?:mon|tues?|wed|thu|thurs|fri|sat|sun)(?:day)?s?\b|\bweekdays?\b|\bweekends?\b|\bbank holidays?\b|"
                    r"\b\d{1,2}(?:[.:]\d\d)?\s*(?:am|pm)\b|\b24 hours\b|\b24/7\b|\bout of (?:office )?hours\b|\boffice hours\b|"
                    r"\bopening hours\b|\bterm[- ]time\b|\bevenings?\b|\bopen\b", re.IGNORECASE)
_CONDITION = re.compile(r"\b(?:allow|within \w+ working days?|working days?|answered|respond|reply|replies|"
                        r"free(?:phone)?|calls? (?:are|is)|messages?|voicemail|answerphone|by appointment|referrals? (?:are|is))\b",
                        re.IGNORECASE)
_TEAM_WORDS = re.compile(r"\b(?:team|service|services|unit|hub|council|partnership|department|trust|board|"
                         r"directorate|agency|nhs|police|school|college|centre|network)\b", re.IGNORECASE)
_ROLE_WORDS = {
    "team", "service", "services", "hub", "council", "officer", "manager", "lead", "coordinator", "co-ordinator",
    "unit", "board", "partnership", "line", "desk", "office", "offices", "adviser", "advisor", "worker", "support", "centre",
    "nurse", "helpline", "practitioner", "head", "director", "chair", "administrator", "panel", "door", "training",
    "safeguarding", "practice", "care", "health", "school", "help", "early", "social", "children", "family",
    "guardian", "doctor", "named", "designated", "protection", "officer", "duty", "emergency", "advice", "contact",
    "line", "point", "single", "front", "lado", "panel", "chair", "nurse", "police", "education", "manager",
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
    team: str | None = None    # "Exploitation Team (North)" beside a name and a role
    hours: str | None = None   # "Monday to Friday, 9am to 5pm", "Out of hours"
    notes: str | None = None   # conditions: "allow three working days for a reply"


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
        if block.kind == "table" or is_pipe_table(block.text):
            kept, contacts, topic, dropped = _read_table(block)
        else:
            kept, contacts, topic, dropped = _read_paragraph(block, found[-1] if found else None)
        left_out += dropped
        if kept:
            paragraphs.append("\n".join(kept) if block.kind in ("list", "table") else plain_line(" ".join(kept)))
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


def _read_paragraph(block: Block, previous: FoundContact | None = None
                    ) -> tuple[list[str], list[FoundContact], str | None, list[str]]:
    """(lines kept as text, contacts, the lead-in's topic, words left out).

    `previous` is the contact just before this block, which a line of opening
    hours or conditions under it ("Monday to Friday, 9am to 5pm.") belongs to.
    """
    if not (EMAIL_IN_TEXT.search(block.text) or PHONE_IN_TEXT.search(block.text)):
        if previous and all(_about_contact(line) for line in block.text.split("\n")):
            for line in block.text.split("\n"):
                _add_terms(previous, line)
            return [], [], None, []
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
            last = found[-1] if found else previous
            if last and not pending and _about_contact(line):
                _add_terms(last, line)  # "Monday to Friday, 9am to 5pm." under the details
            elif consumed:
                continue  # a lead-in such as "Please contact:"; rebuilt from the topics
            elif len(line.split()) <= 8 and not line.rstrip().endswith((".", "?", "!")):
                pending.append((raw, line))  # a name or role on a line of its own, above its details
            else:
                kept.append(raw)
            continue
        start_of_line = True
        position = 0
        for start, end, value in details:
            label = line[position:start]
            before, label = _split_terms(label, found[-1] if found else None)
            pending_parts = [part for _, text in pending for part in _label_parts(text)] if start_of_line else []
            label_parts = pending_parts + _label_parts(label)
            if start_of_line:
                pending = []
            _add_detail(found, value, label_parts, topic, block.where, new_line=start_of_line and not pending_parts,
                        fresh=bool(pending_parts), terms=before)
            start_of_line = False
            position = end
        rest = line[position:].strip(" .,;:-\u2013\u2014")
        if rest and not _CONNECTOR.match(rest):
            if _about_contact(rest.strip("()")):
                _add_terms(found[-1], rest.strip("()"))
            else:
                dropped.append(rest)
    kept += [raw for raw, _ in pending]  # short lines never followed by details are text after all
    for contact in found:
        contact.topic = topic
    return kept, found, topic, dropped


def _about_contact(line: str) -> bool:
    """A short line of opening hours or terms, such as 'Term time only, Monday to Thursday.'"""
    words = line.strip(" .()")
    return bool(words) and len(words.split()) <= 16 and bool(_HOURS.search(words) or _CONDITION.search(words)) \
        and not _VERB.search(words.split(";")[-1] if ";" in words else "")


def _add_terms(contact: FoundContact, text: str) -> None:
    text = text.strip(" .;,()")
    if not text:
        return
    key = "hours" if _HOURS.search(text) and not re.search(r"\ballow\b", text, re.IGNORECASE) else "notes"
    current = getattr(contact, key)
    setattr(contact, key, f"{current}; {text}" if current else text)


def _split_terms(label: str, previous: FoundContact | None) -> tuple[str | None, str]:
    """'Monday to Friday, 9am to 5pm; out of hours call the Emergency Duty Team on':
    hours for the contact before, and this contact's own words."""
    verbs = list(_VERB.finditer(label))
    if not verbs:
        return None, label
    before, after = label[:verbs[-1].start()], label[verbs[-1].start():]
    pieces = [piece.strip(" ,") for piece in re.split(r";|\.\s+", before) if piece.strip(" ,")]
    own = None
    if pieces and _HOURS.search(pieces[-1]) and len(pieces[-1].split()) <= 4:
        own = pieces.pop()  # "out of hours call ...": when this contact answers
    if previous and pieces and all(_about_contact(piece) for piece in pieces):
        for piece in pieces:
            _add_terms(previous, piece)
        pieces = []
    return own, " ".join(pieces + [after])


def _label_parts(label: str) -> list[str]:
    verbs = list(_VERB.finditer(label))
    if verbs:
        label = label[verbs[-1].end():]  # "..., please contact Hayden Ginns -" keeps the name
    elif _LEAD_IN.match(label):
        return []
    # "Exploitation Team (North)" keeps its brackets; "Hub: a@b / 0123" has no role "/".
    parts = re.split(r"\s+[-\u2013\u2014/|]\s+|\s*[,;:|]\s*|\s+[-\u2013\u2014/]$|^\s*[/|]\s*", label)
    parts = [_EDGE_WORDS.sub("", part.strip(" .").rstrip("( ").lstrip(") ")).strip(" .") for part in parts if part]
    parts = [part.strip("()") if part.startswith("(") and part.endswith(")") else part for part in parts]
    parts = [part for part in parts if part and re.search(r"\w", part) and not _CONNECTOR.match(part)]
    return [part + ")" if part.count("(") > part.count(")") else part for part in parts]


def _add_detail(found: list[FoundContact], value: str, parts: list[str], topic: str | None, where: str,
                *, new_line: bool, fresh: bool = False, terms: str | None = None) -> None:
    terms_parts = [part for part in parts if _HOURS.search(part) and not _TEAM_WORDS.search(part)]
    parts = [part for part in parts if part not in terms_parts]
    names = [part for part in parts if _is_name(part)]
    name = next((part for part in names if _TITLED.match(part)), names[0] if names else None)
    others = [part for part in parts if part != name and len(part.split()) <= 10]
    team = None
    if len(others) >= 2:
        team = next((part for part in others if _TEAM_WORDS.search(part) and not _is_job(part)), None)
    rest = [part for part in others if part != team]
    titled = [part for part in rest if _title_cased(part)]
    # "Independent support for foster carers: Fosterline": the service's name is the role.
    role = titled[0] if len(rest) > 1 and len(titled) == 1 else rest[0] if rest else None
    terms_parts += [part for part in rest if part != role]  # kept with the contact, never dropped
    is_email = "@" in value
    previous = found[-1] if found else None
    own_words = bool(name or role or team or fresh)
    # Details with no words of their own belong to the contact just before them
    # ("Tel: ..." then "Email: ..." under a role on its own line).
    if previous and not own_words and (previous.email is None if is_email else previous.phone is None):
        if is_email:
            previous.email = value
        else:
            previous.phone = _phone(value)
        for piece in terms_parts + ([terms] if terms else []):
            _add_terms(previous, piece)
        return
    contact = FoundContact(value if is_email else None, None if is_email else _phone(value), name, role, topic,
                           where, team)
    for piece in terms_parts + ([terms] if terms else []):
        _add_terms(contact, piece)
    found.append(contact)


def _title_cased(text: str) -> bool:
    words = [word for word in re.findall(r"[A-Za-z][\w'\u2019-]*", text) if word.lower() not in
             {"of", "and", "for", "the", "in", "on", "to", "a"}]
    return bool(words) and all(word[0].isupper() for word in words)


def _is_job(text: str) -> bool:
    return bool(re.search(r"\b(?:manager|lead|officer|coordinator|co-ordinator|chair|head|director|worker|adviser|"
                          r"advisor|nurse|doctor|guardian|administrator)\b", text, re.IGNORECASE))


# Tables ----------------------------------------------------------------------------------------

_COLUMNS = (("email", r"e-?mail"), ("phone", r"phone|tel|telephone|number|mobile|contact number"),
            ("hours", r"hours|when|times?|available|availability|opening"), ("notes", r"notes?|comments?|conditions?"),
            ("name", r"^name$|contact name|person|who"), ("team", r"team|service|organisation|agency|department"),
            ("role", r"role|title|job|position|contact|for|about|what"))


def is_pipe_table(text: str) -> bool:
    lines = [line.strip() for line in text.strip().split("\n")]
    return len(lines) >= 2 and all(line.startswith("|") or line.count("|") >= 2 for line in lines)


def table_rows(text: str) -> list[list[str]]:
    """A Markdown pipe table's cells, row by row, without its separator rows."""
    rows = []
    for line in text.strip().split("\n"):
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if all(re.fullmatch(r":?-{2,}:?|", cell) for cell in cells):
            continue  # |---|---|, never a role
        rows.append(cells)
    return rows


def _column(header: str) -> str | None:
    header = header.strip(" *_:").lower()
    return next((key for key, pattern in _COLUMNS if re.search(pattern, header)), None)


def _read_table(block: Block) -> tuple[list[str], list[FoundContact], str | None, list[str]]:
    """Contacts in a table: the header row names the columns; it is never left in the guide."""
    rows = table_rows(block.text)
    if not rows:
        return [], [], None, []
    header = [_column(cell) for cell in rows[0]]
    has_header = any(header) and not any(EMAIL_IN_TEXT.search(c) or PHONE_IN_TEXT.search(c) for c in rows[0])
    body = rows[1:] if has_header else rows
    found, kept = [], []
    for row in body:
        text = " | ".join(cell for cell in row if cell)
        emails, phones = EMAIL_IN_TEXT.findall(text), [m.group(0) for m in PHONE_IN_TEXT.finditer(text)]
        if not (emails or phones):
            if text:
                kept.append(text)
            continue
        values: dict[str, str] = {}
        for index, cell in enumerate(row):
            key = header[index] if has_header and index < len(header) else None
            if not cell or EMAIL_IN_TEXT.fullmatch(cell) or PHONE_IN_TEXT.fullmatch(cell):
                continue
            if key in (None, "email", "phone"):
                key = "name" if _is_name(cell) else "hours" if _about_contact(cell) else "role"
            values[key] = f"{values[key]}; {cell}" if key in values else cell
        if values.get("name") and not _is_name(values["name"]) and "role" not in values:
            values["role"] = values.pop("name")
        found.append(FoundContact(emails[0] if emails else None, _phone(phones[0]) if phones else None,
                                  values.get("name"), values.get("role"), None, block.where, values.get("team"),
                                  values.get("hours"), values.get("notes")))
    return kept, found, None, []


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
        for key in ("hours", "notes"):
            said = getattr(contact, key)
            if not said:
                continue
            if new:  # found twice in this import: what the second mention adds is kept
                current = new.fields.get(key)
                if not current or said.casefold() not in current.casefold():
                    new.fields[key] = f"{current}; {said}" if current else said
            elif known and said.casefold() not in (getattr(known, key) or "").casefold():
                notes.append(f"the document gives {key} \"{said}\"; add them to data/contacts.yml if readers need them")
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
        team = contact.team or self._team_for(contact)
        fields["team"] = team or todo("the organisation or service this contact works for")
        if team and not contact.team:
            notes.append(f"team \"{team}\" taken from other contacts with the same email domain")
        if contact.email:
            fields["email"] = contact.email
        if contact.phone:
            if PHONE.match(contact.phone):
                fields["phone"] = contact.phone
            else:
                fields["phone"] = todo(f"check the phone number '{contact.phone}' and write it as digits and spaces")
        for key in ("hours", "notes"):
            if getattr(contact, key):
                fields[key] = getattr(contact, key)
        return fields, notes

    def _team_for(self, contact: FoundContact) -> str | None:
        if not contact.email:
            return None
        domain = contact.email.rsplit("@", 1)[1].lower()
        # A placeholder an earlier import left ("[TO DO: ...]") is not a known team.
        teams = Counter(c.team for c in self.existing.values() if c.email and c.email.lower().endswith("@" + domain)
                        and c.team and not find_todos(c.team))
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
