"""Site-wide settings and sections, from content/site.yaml and content/sections.yaml."""

from __future__ import annotations

import datetime
import re
from pathlib import Path
from typing import Any

from alnguide.content.errors import Problems, lines_of
from alnguide.content.model import Contact, Section, Settings, frozen_map
from alnguide.content.yamlfile import bilingual, key_line, read_data
from alnguide.languages import LANGUAGES

EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
PHONE = re.compile(r"^\+?[0-9][0-9 ]{8,15}$")
CONTACT_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def load_settings(content: Path, problems: Problems) -> Settings | None:
    path = content / "site.yaml"
    data, text = read_data(path, problems, dict, "settings: organisation, site name, base_url, contacts")
    if data is None:
        return None
    before = len(problems.items)

    def line(key: str) -> int | None:
        return key_line(text, key)

    for key in ("organisation", "service", "site_name"):
        if not bilingual(data.get(key)):
            problems.add(path, line(key), f"'{key}' needs text in both 'cy' and 'en'")
    base_url = data.get("base_url")
    if not isinstance(base_url, str) or not re.match(r"^https?://[^/\s]+(/\S*)?$", base_url):
        problems.add(path, line("base_url"), "'base_url' must be the address the guide lives at, "
                     "for example https://www.example.gov.wales/aln/")
        base_url = ""
    main = data.get("contact")
    # A council's pack adds its own (councils/assemble.py): its contacts and links come first.
    local, national = data.get("council-contacts") or {}, data.get("contacts") or {}
    entries = {**local, **national} if isinstance(local, dict) and isinstance(national, dict) else None
    if both := sorted(set(local) & set(national)) if entries is not None else []:
        problems.add(path, line("council-contacts"), f"contact '{both[0]}' is both national "
                     "('contacts') and the council's ('council-contacts'): give the council's another id")
    # Each contact's problem at the list it is in: the council's (its pack) or the national one.
    lines = {key: line("council-contacts") for key in local} | {key: line("contacts") for key in national}
    contacts = _contacts(entries, main, path, lines, problems)
    if main not in contacts:
        problems.add(path, line("contact"), "'contact' must name the publisher's entry in 'contacts'")
    links = []
    for key in ("council-links", "links"):
        if not isinstance(data.get(key) or [], list):
            problems.add(path, line(key), f"'{key}' must be a list")
        else:
            links += data.get(key) or []
    for link in links:
        for lang in ("cy", "en"):
            item = link.get(lang) if isinstance(link, dict) else None
            if not (isinstance(item, dict) and item.get("label") and
                    str(item.get("url", "")).startswith("https://")):
                problems.add(path, line("links"), f"each link needs '{lang}' with a label and https:// url")
    feedback = data.get("feedback") or {}
    if not isinstance(feedback, dict) or not all(
            str(feedback.get(lang) or "https://").startswith("https://") for lang in ("cy", "en")):
        problems.add(path, line("feedback"), "'feedback' gives the council's feedback page per language "
                     "(an https:// address), or is left out to use the contact's email")
        feedback = {}
    if len(problems.items) != before:
        return None
    # The publisher's email is how readers, letters and feedback reach the council: a release
    # needs it. Its phone is published only when the council gives one: until then pages say
    # "email", and a release goes ahead with a note.
    publisher = contacts[main]
    if not publisher.email:
        problems.warn(path, line("council-contacts") or line("contacts"),
                      f"contact '{main}' (the publisher's own) has no email: "
                      "pages, letters and feedback leave it out; fill it in before a release")
    if not publisher.phone:
        problems.note(path, line("council-contacts") or line("contacts"),
                      f"contact '{main}' has no phone: pages give its email "
                      "only; add the number when the council publishes one")
    return Settings(
        organisation=frozen_map(data["organisation"]),
        service=frozen_map(data["service"]),
        site_name=frozen_map(data["site_name"]),
        contacts=frozen_map(contacts),
        contact=contacts[main],
        feedback=frozen_map({lang: str(feedback.get(lang) or "") for lang in ("cy", "en")}),
        links=tuple(frozen_map({k: frozen_map(v) for k, v in link.items()}) for link in links),
        base_url=base_url.rstrip("/") + "/",
    )


def _contacts(data: Any, publisher: Any, path: Path, lines: dict[Any, int | None], problems: Problems
              ) -> dict[str, Contact]:
    """People and offices readers may write to or ring: letters name them by id (`to: aln-service`).
    A number of another organisation (not the publisher's own) names where it was read."""
    if not isinstance(data, dict) or not data:
        problems.add(path, next(iter(lines.values()), None),
                     "'contacts' must map an id to a contact's name, email and phone")
        return {}
    found = {}
    for contact_id, entry in data.items():
        where, line = f"contact '{contact_id}'", lines.get(contact_id)
        if not CONTACT_ID.match(str(contact_id)) or not isinstance(entry, dict):
            problems.add(path, line, f"{where}: needs a lower-case id and a name, email and phone")
            continue
        email, phone = str(entry.get("email") or "").strip(), str(entry.get("phone") or "").strip()
        if not bilingual(entry.get("name")):
            problems.add(path, line, f"{where}: 'name' needs text in both 'cy' and 'en'")
            continue
        if email and not EMAIL.match(email):
            problems.add(path, line, f"{where}: '{email}' is not an email address")
            continue
        if phone and not PHONE.match(phone):
            problems.add(path, line, f"{where}: '{phone}' is not a phone number (digits and spaces)")
            continue
        if not email and not phone and contact_id != publisher:  # the publisher's: see load_settings
            problems.add(path, line, f"{where}: needs an email or a phone (or both)")
            continue
        if phone and contact_id != publisher and (reason := _source_problem(entry.get("source"))):
            problems.add(path, line, f"{where}: {reason}")
            continue
        if phone and isinstance(entry.get("source"), dict) and entry["source"].get("check") is True:
            problems.note(path, line, f"{where}: its phone {phone} is marked 'check': confirm it on "
                          f"{entry['source']['url']} and set 'read' to that day")
        found[str(contact_id)] = Contact(str(contact_id), frozen_map(entry["name"]), email, phone)
    return found


def _source_problem(source: Any) -> str | None:
    """Why a national service's phone number is not cited, or None when it is: `source` gives
    the organisation's own page (`url`) and the day the number was read there (`read`)."""
    if not isinstance(source, dict) or not str(source.get("url", "")).startswith("https://"):
        return ("a phone number needs 'source' with 'url', the https:// page of the organisation's "
                "own site it was read on, and 'read', the date")
    if not isinstance(source.get("read"), datetime.date):
        return "'source' needs 'read': the date the number was read on that page (YYYY-MM-DD)"
    if "check" in source and not isinstance(source["check"], bool):
        return "'source' 'check' is true (the number needs checking again) or false"
    return None


def load_sections(content: Path, problems: Problems) -> tuple[Section, ...]:
    path = content / "sections.yaml"
    data, _ = read_data(path, problems, dict, "section ids, each with its names in 'cy' and 'en'")
    if data is None:
        return ()
    sections = []
    for order, (section_id, names) in enumerate(data.items()):
        if not bilingual(names):
            problems.add(path, None, f"section '{section_id}' needs a name in both 'cy' and 'en'")
            continue
        sections.append(Section(str(section_id), frozen_map(names), order))
    return tuple(sections)


TEL_LINK = re.compile(r'<a href="tel:(\+?\d+)">([^<]+)</a>')


def uncited_numbers(site: Any, content: Path, problems: Problems) -> None:
    """Warn (a release refuses) about a number a page or a guide lets a reader ring that is not a
    contact's in site.yaml, where every national service's number names its source."""
    known = {contact.tel for contact in site.settings.contacts.values() if contact.phone}
    pieces = [(page.source_path, page.html) for pages in site.pages.values() for page in pages.values()]
    for pathway in site.pathways:
        parts = [pathway.intro_html, *(q.hint_html for q in pathway.questions.values())]
        for outcome in pathway.outcomes.values():
            parts += [outcome.body_html, outcome.next_html, outcome.contact_html, outcome.time_limits_html]
        for lang in LANGUAGES:
            path = content / lang / "pathways" / f"{pathway.id}.yaml"
            pieces += [(path, part.get(lang, "")) for part in parts]
    reported = set()
    for path, html in pieces:
        for digits, shown in TEL_LINK.findall(html):
            if digits in known or (path, digits) in reported:
                continue
            reported.add((path, digits))
            try:
                lines = lines_of(path.read_text(encoding="utf-8"), shown)
            except OSError:
                lines = []
            problems.warn(path, lines[0] if lines else None, f"{shown} is not a phone number in site.yaml's "
                          "contacts: add it there with the page it was read on (source: url, read)")
