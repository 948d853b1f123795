"""One message catalogue: every code used in the code has a Vietnamese and an English sentence."""

from __future__ import annotations

import re
import string

from helpers import ROOT
from kehoach.text import messages

SOURCES = sorted((ROOT / "src" / "kehoach").rglob("*.py"))
RAISED = re.compile(
    r"""(?:(?:KehoachError|UsageError|GitError|PydanticCustomError)\(\s*"""
    r"""|Check\(\([^()]*\),\s*|_problem\(node,\s*|Problem\.at\(doc,\s*[^"\n]*?"""
    r"""|Problem\(str\(path\),\s*[^"\n]*?|GitError\()"(?P<code>[a-z_]+(?:\.[a-z_]+)?)\""""
)


def fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_every_message_exists_in_both_languages_with_the_same_blanks():
    for table in (messages.TEXTS, messages.HINTS):
        for code, (vi, en) in table.items():
            assert vi and en, code
            assert fields(vi) == fields(en), code


def test_hints_belong_to_known_messages():
    assert set(messages.HINTS) <= set(messages.TEXTS)


def test_every_code_the_code_uses_is_in_the_catalogue():
    used = set()
    for path in SOURCES:
        for match in RAISED.finditer(path.read_text(encoding="utf-8")):
            used.add(match["code"])
    assert len(used) > 30
    missing = sorted(code for code in used if code not in messages.TEXTS)
    assert missing == []
