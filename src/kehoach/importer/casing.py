"""Upper-cased titles given back their case: "CÁC SỞ, BAN, NGÀNH" → "các Sở, ban, ngành".

A plan's mục and appendix titles come upper-cased; the plan.yaml holds them as written. The
running text of the same plan says how its words are written: runs of words in it, by their
lower case, give the title's proper nouns back.
"""

from __future__ import annotations

import re

from kehoach.importer.markers import marker
from kehoach.text import vn

Casing = dict[tuple[str, ...], tuple[str, ...]]

#: The longest run of words looked up in the running text to recase a title.
_RUN = 6


_SENTENCE_END = re.compile(r"[.:;!?…]['\"”’)*]*$")


def casing_of(paragraphs: list[str]) -> Casing:
    """Runs of two to six words of running text by their lower case, the first spelling kept.

    A word opening a sentence (or a paragraph, after its marker) says nothing of its case,
    nor does a word in upper case: those are lowered before the runs are taken."""
    out: Casing = {}
    for text in paragraphs:
        if text == vn.upper(text):
            continue
        found = marker(text)
        words = (found.rest if found else text).split()
        seen = [w.lower() if _uncased(words, n) else w for n, w in enumerate(words)]
        for n in range(2, _RUN + 1):
            for i in range(len(seen) - n + 1):
                run = tuple(seen[i : i + n])
                out.setdefault(tuple(w.lower() for w in run), run)
    return out


def _uncased(words: list[str], n: int) -> bool:
    """Whether the case of ``words[n]`` tells nothing: it opens a sentence or is all capitals."""
    return n == 0 or bool(_SENTENCE_END.search(words[n - 1])) or words[n] == vn.upper(words[n])


def sentence_case(text: str, casing: Casing | None = None) -> str:
    """An upper-cased title as written: "MỤC ĐÍCH, YÊU CẦU" → "Mục đích, yêu cầu", words the
    running text capitalises ("Sở", "Ủy ban nhân dân tỉnh") as it does."""
    plain = text.strip().strip("*").strip()
    if plain != vn.upper(plain) or not any(c.isalpha() for c in plain):
        return plain
    words = plain.lower().split()
    out = list(words)
    i = 0
    while i < len(words):
        for n in range(min(_RUN, len(words) - i), 1, -1):
            found = (casing or {}).get(tuple(words[i : i + n]))
            if found is not None:
                out[i : i + n] = found
                i += n - 1
                break
        i += 1
    joined = " ".join(out)
    return joined[:1].upper() + joined[1:]
