"""Site-wide settings and sections, from content/site.yaml and content/sections.yaml."""

from __future__ import annotations

from pathlib import Path

from alnguide.content.errors import Problems
from alnguide.content.model import Section, Settings, frozen_map
from alnguide.content.yamlfile import bilingual, read_yaml

DEFAULT_BASE_URL = "http://localhost/"


def load_settings(content: Path, problems: Problems) -> Settings | None:
    path = content / "site.yaml"
    data = read_yaml(path, problems)
    if not isinstance(data, dict):
        if data is not None:
            problems.add(path, None, "expected a mapping of settings")
        return None
    for key in ("organisation", "service", "site_name"):
        if not bilingual(data.get(key)):
            problems.add(path, None, f"'{key}' needs text in both 'cy' and 'en'")
    email = data.get("contact_email")
    if not isinstance(email, str) or "@" not in email:
        problems.add(path, None, "'contact_email' must be an email address")
    links = data.get("links") or []
    for link in links:
        for lang in ("cy", "en"):
            item = link.get(lang) if isinstance(link, dict) else None
            if not (isinstance(item, dict) and item.get("label") and
                    str(item.get("url", "")).startswith("https://")):
                problems.add(path, None, f"each link needs '{lang}' with a label and https:// url")
    if problems.items:
        return None
    return Settings(
        organisation=frozen_map(data["organisation"]),
        service=frozen_map(data["service"]),
        site_name=frozen_map(data["site_name"]),
        contact_email=email,
        contact_phone=str(data.get("contact_phone") or ""),
        links=tuple(frozen_map({k: frozen_map(v) for k, v in link.items()}) for link in links),
        base_url=str(data.get("base_url") or DEFAULT_BASE_URL),
    )


def load_sections(content: Path, problems: Problems) -> tuple[Section, ...]:
    path = content / "sections.yaml"
    data = read_yaml(path, problems)
    if not isinstance(data, dict):
        if data is not None:
            problems.add(path, None, "expected a mapping of section id to names")
        return ()
    sections = []
    for order, (section_id, names) in enumerate(data.items()):
        if not bilingual(names):
            problems.add(path, None, f"section '{section_id}' needs a name in both 'cy' and 'en'")
            continue
        sections.append(Section(str(section_id), frozen_map(names), order))
    return tuple(sections)
