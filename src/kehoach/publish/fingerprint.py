"""Fingerprints of what a document's bytes depend on, so unchanged documents are not rendered again.

A run decides what to render from hashes of the plan's text (whole, around the
units, and each unit's own), of the template and of kehoach's version; a document
whose inputs hash is the one the manifest recorded, and whose file is as written,
is left alone.
"""

from __future__ import annotations

import hashlib
import json
import pickle
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kehoach import __version__
from kehoach.plan.model import Plan
from kehoach.render import docx_bytes
from kehoach.render.kinds import Document


@dataclass(frozen=True)
class Fingerprints:
    """Hashes of the plan's text: all of it, all but the units' tasks, and each unit.

    A unit's letter depends on its own entry and on the plan around it (header,
    phases, key tasks, other units' names) but not on other units' tasks; so a
    task changed in one unit re-renders that unit's documents and the plan's.
    """

    whole: str
    around_units: str
    units: dict[str, str]


def fingerprints(data: dict[str, Any]) -> Fingerprints:
    """Fingerprints of a plan's raw data (as loaded, before any view is built)."""
    units = [u for u in data.get("units") or [] if isinstance(u, dict)]
    unit_hashes = [_digest(u) for u in units]
    around = _digest({**data, "units": [{k: v for k, v in u.items() if k != "tasks"} for u in units]})
    # the whole plan is its part around the units and every unit in order, hashed from their
    # hashes: a province's plan as one JSON text would be 30 MB held for a moment
    whole = hashlib.sha256("\x00".join([around, *unit_hashes]).encode("ascii")).hexdigest()
    return Fingerprints(whole, around, {str(u.get("id")): h for u, h in zip(units, unit_hashes, strict=True)})


def _digest(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, default=str, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def inputs_hash(document: Document, prints: Fingerprints, plan: Plan, template_digest: str) -> str:
    """A fingerprint of everything the document's bytes depend on (a cache key, never shown).

    The plan's part is its text's fingerprint (a unit's own for its documents); a
    given view (change notices) is pickled instead, which is exact for its plain
    values. Should two equal inputs ever hash differently, the document is only
    rendered again.
    """
    if document.given is not None:
        source = pickle.dumps(document.given, protocol=5).hex()
    elif document.unit is not None and document.unit in prints.units:
        source = prints.around_units + prints.units[document.unit]
    else:
        source = prints.whole
    when = docx_bytes.document_time(plan.document.date, plan.document.the_year).isoformat()
    parts = [__version__, template_digest, document.kind, document.name, document.title, when, source]
    return hashlib.sha256("\x00".join(parts).encode("utf-8")).hexdigest()


def template_digest(template: Path | None) -> str:
    """The template file's hash, for the inputs of every document made from it."""
    return "" if template is None else hashlib.sha256(template.read_bytes()).hexdigest()
