"""Vietnamese syllables: can a word be spelled this way, and where does its tone mark sit.

``kehoach lint`` reads the running text of a plan and needs two answers that a
dictionary cannot give cheaply: is a word a slip (an OCR or typing error such as
"phuờng" for "phường"), and which tone-placement style does the text use for the
rhymes oa, oe and uy (hoá or hóa). Both answers come from the structure of the
Vietnamese syllable, not from a word list: every syllable is an optional initial
consonant, a rhyme (medial o/u, main vowel, final) and at most one tone mark, and
the orthography fixes which pieces may go together and which letter carries the
tone. A word that cannot be cut into such pieces is a slip; a real word misread
as another real word ("biếu" for "biểu") is out of reach, and accepted.

The module is pure: no I/O, standard library only, so the lint and the tests
call it on any string. Being pure, it remembers its answer for each distinct word:
a province's plan repeats a few thousand words millions of times, and cutting each
occurrence again made ``lint`` many times slower than ``validate``.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Literal

Style = Literal["old", "new"]

#: The five tone marks (sắc, huyền, hỏi, ngã, nặng) as combining characters.
SAC, HUYEN, HOI, NGA, NANG = "\u0301", "\u0300", "\u0309", "\u0303", "\u0323"
_TONES = frozenset({SAC, HUYEN, HOI, NGA, NANG})

#: Marks that make a different letter (â ê ô, ă, ơ ư), unlike tone marks.
_LETTER_MARKS = frozenset({"\u0302", "\u0306", "\u031b"})

#: How many distinct words the parse remembers: a 1,000-unit plan has a few thousand, and the
#: bound keeps memory flat whatever a plan holds and however long the process runs.
WORDS_REMEMBERED = 1 << 16

_LETTERS = frozenset("aăâbcdđeêghiklmnoôơpqrstuưvxy")
_VOWELS = frozenset("aăâeêioôơuưy")
_MARKED_VOWELS = frozenset("ăâêôơư")


def _set_of(*lines: str) -> frozenset[str]:
    """A set of spellings written as space-separated lines, to keep the tables readable."""
    return frozenset(" ".join(lines).split())


#: Initial consonants, longest first so that "ngh" wins over "ng" and "n".
_INITIALS = sorted(_set_of("b c ch d đ g gh gi h k kh l m n ng ngh nh p ph qu r s t th tr v x"), key=len, reverse=True)

#: Rhymes without a medial. "oong" and "ooc" are loanwords (xoong, soóc) in every dictionary.
_PLAIN_RHYMES = _set_of(
    "a ac ach ai am an ang anh ao ap at au ay",
    "ăc ăm ăn ăng ăp ăt",
    "âc âm ân âng âp ât âu ây",
    "e ec em en eng eo ep et",
    "ê êch êm ên ênh êp êt êu",
    "i ich im in inh ip it iu ia",
    "y",
    "o oc oi om on ong op ot ooc oong",
    "ô ôc ôi ôm ôn ông ôp ôt",
    "ơ ơi ơm ơn ơp ơt",
    "u uc ui um un ung up ut",
    "ua uôc uôi uôm uôn uông uôt",
    "ư ưc ưi ưm ưn ưng ưt ưu",
    "ưa ươc ươi ươm ươn ương ươp ươt ươu",
)

#: The diphthong iê is spelled iê after a consonant, yê at the start of a word (tiên, yên).
_IE_RHYMES = _set_of("iêc iêm iên iêng iêp iêt iêu")
_YE_RHYMES = frozenset(rhyme.replace("iê", "yê") for rhyme in _IE_RHYMES)

#: Rhymes with a medial o (before a, ă, e) or u (before â, ê, ơ, y).
_MEDIAL_RHYMES = _set_of(
    "oa oac oach oai oam oan oang oanh oao oap oat oay",
    "oăc oăm oăn oăng oăt",
    "oe oen oeo oet",
    "uân uâng uât uây",
    "uê uêch uênh",
    "uơ",
    "uy uych uynh uyp uyt uyu uya uyên uyêt",
)

#: After "qu" the medial is already written (qua = /kwa/): what remains is a medial rhyme
#: without its o/u, plus the spellings qui, quít, quên, quết, quốc, quạu, quấc, quắp, quều.
_QU_RHYMES = frozenset(rhyme[1:] for rhyme in _MEDIAL_RHYMES - {"uya", "uyu", "uyp"}) | _set_of(
    "i it ên êt ôc au âc ăp êu"
)


@dataclass(frozen=True)
class _Rhymes:
    """The rhymes that may follow each initial, and the medial rhymes c may not precede."""

    without_initial: frozenset[str]
    after_qu: frozenset[str]
    after_consonant: frozenset[str]
    medial: frozenset[str]

    def after(self, initial: str) -> frozenset[str]:
        """Rhymes allowed after ``initial``."""
        if initial == "":
            return self.without_initial
        return self.after_qu if initial == "qu" else self.after_consonant

    def stripped(self) -> _Rhymes:
        """The same tables with â ă ê ô ơ ư written a e o u: what plain ASCII typing leaves."""
        medial = _strip_set(self.medial) - _strip_set(self.after_consonant - self.medial)
        return _Rhymes(
            _strip_set(self.without_initial), _strip_set(self.after_qu), _strip_set(self.after_consonant), medial
        )


def _strip_set(spellings: frozenset[str]) -> frozenset[str]:
    """Spellings without their Vietnamese marks (ư → u, ê → e…)."""
    return frozenset(_strip(spelling) for spelling in spellings)


def _strip(spelling: str) -> str:
    """A spelling without its Vietnamese marks (đ stays: ASCII typing has no marks, đ or not)."""
    decomposed = unicodedata.normalize("NFD", spelling)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


_RHYMES = _Rhymes(
    without_initial=_PLAIN_RHYMES | _YE_RHYMES | _MEDIAL_RHYMES,
    after_qu=_QU_RHYMES,
    after_consonant=_PLAIN_RHYMES | _IE_RHYMES | _MEDIAL_RHYMES,
    medial=_MEDIAL_RHYMES,
)
#: Plain ASCII words ("phuong") may be any syllable typed without marks: they are judged
#: against the stripped tables, without tone rules.
_BARE_RHYMES = _RHYMES.stripped()

#: k, gh, ngh are written before the front vowels, c, g, ng everywhere else.
_FRONT_VOWELS = {"k": "ieêy", "gh": "ieê", "ngh": "ieê"}
_NOT_BEFORE_FRONT = frozenset({"c", "g", "ng"})

#: Stops (p, t, c, ch) end a syllable abruptly: only the sắc and nặng tones fit them.
_STOP_FINALS = ("p", "t", "c", "ch")
_STOP_TONES = frozenset({SAC, NANG})

#: The rhymes whose tone letter is a matter of style: hoá / hóa, khoẻ / khỏe, thuỷ / thủy.
_TWO_STYLE_RHYMES = frozenset({"oa", "oe", "uy"})


@dataclass(frozen=True)
class _Syllable:
    """A word cut into initial and rhyme, lower-case and without its tone mark.

    Attributes:
        initial: the initial consonant as written ("" when there is none).
        rhyme: the rhyme as written; for "gì", "gìn" it is "i", "in" (the i is shared
            with the initial gi).
        start: index in the word of the rhyme's first letter.
        tone: the combining tone mark, or None for the level tone (ngang).
        tone_at: index in the rhyme of the letter carrying the tone, or None.
    """

    initial: str
    rhyme: str
    start: int
    tone: str | None
    tone_at: int | None


def is_syllable(word: str) -> bool:
    """Whether ``word`` can be one Vietnamese syllable in today's spelling.

    Checks letters, initial, rhyme, the c/k/q, g/gh and ng/ngh rules, tone marks
    (at most one, on the right letter, only sắc or nặng with a final p, t, c, ch)
    and accepts both tone styles of oa, oe, uy. A missing tone mark cannot be seen
    on open or nasal syllables ("phuong" passes), but a stop final without a tone
    mark ("mat") is not a syllable.

    Args:
        word: one word, any case, NFC or NFD.

    Returns:
        True when the word is a well-formed syllable.
    """
    return _parse(word) is not None


@functools.lru_cache(maxsize=WORDS_REMEMBERED)
def tone_style(word: str) -> Style | None:
    """Which tone-placement style a word shows, if its spelling depends on the style.

    Only the rhymes oa, oe, uy without a final consonant are written two ways.
    "old" puts the tone on the second vowel (hoá, khoẻ, thuỷ, uỷ), "new" on the first
    (hóa, khỏe, thủy, ủy). "quý" is not such a word: its u belongs to the initial qu.
    The names follow plan.yaml, which calls hóa, ủy (the style of today's official
    documents) the new style; some spelling guides use the opposite names.

    Args:
        word: one word, any case.

    Returns:
        "old" or "new", or None for words the style does not affect (hoàn, thuyền,
        quý, hoa without a tone mark) and for non-syllables.
    """
    syllable = _parse(word)
    return None if syllable is None else _style_of(syllable)


def restyle(text: str, style: Style) -> str:
    """Rewrite every style-dependent word of ``text`` in ``style``.

    Case is kept letter by letter (Hoá → Hóa, UỶ → ỦY); everything outside the
    rewritten words is returned as it was, so a diff shows only the tone moves.

    Args:
        text: any text.
        style: "old" (hoá, uỷ) or "new" (hóa, ủy).

    Returns:
        The text with the tone marks of oa, oe, uy words moved where ``style`` wants them.
    """
    if style not in ("old", "new"):
        raise ValueError(f"unknown tone style {style!r}: use 'old' or 'new'")

    def rewrite(match: re.Match[str]) -> str:
        word = match.group()
        syllable = _parse(word)
        if syllable is None or _style_of(syllable) in (None, style):
            return word
        return _move_tone(word, syllable)

    return _WORD.sub(rewrite, text)


def count_styles(text: str) -> dict[str, int]:
    """How many words of ``text`` use each tone style, for "mixed styles" warnings.

    Args:
        text: any text.

    Returns:
        ``{"old": n, "new": m}``; words the style does not affect are not counted.
    """
    styles = Counter(map(tone_style, _WORD.findall(text)))
    return {"old": styles["old"], "new": styles["new"]}


#: Words of administrative text that are Vietnamese but not one syllable of the Kinh
#: orthography: "đ" (the điểm after d, and the abbreviation of đồng), loanwords
#: written as one word, and the k-final or k-before-a province names (Đắk Lắk, Bắc Kạn).
BUILTIN_ALLOW = frozenset({"đ", "panô", "ôtô", "rađiô", "ăngten", "đắk", "đăk", "lắk", "kạn"})

_FOREIGN_LETTERS = frozenset("fjwz")


class Speller:
    """:func:`suspicious_words` for many texts with one list of allowed words.

    The allowed words (a plan's unit ids) are folded once here rather than once per
    text: a plan of 1,000 units has 30,000 texts.
    """

    def __init__(self, allow: Iterable[str] = ()) -> None:
        self._allowed = frozenset(_fold(word) for word in allow) | BUILTIN_ALLOW

    def suspicious(self, text: str) -> list[tuple[int, str]]:
        """``(offset, word)`` of the slips in ``text``, as :func:`suspicious_words` gives them.

        Most texts have none: their words are looked up without building offsets first.
        """
        if not any(map(_is_slip, _WORD.findall(text))):
            return []
        return [(offset, word) for offset, word in _words(text) if _is_slip(word) and _fold(word) not in self._allowed]


def suspicious_words(text: str, allow: Iterable[str] = ()) -> list[tuple[int, str]]:
    """Words of ``text`` that look like slips of Vietnamese, with their offsets.

    Words are runs of letters (digits stay in the word so that "3a" is skipped
    whole; "-" and every other sign separate words). Skipped, because they are
    not Vietnamese syllables by design rather than by mistake:

    - words with digits;
    - words without a Vietnamese mark (tone, â ă ê ô ơ ư): loanwords, foreign names
      and acronyms (video, logo, Facebook, Zalo, UBND), unless they have a đ;
    - words whose only Vietnamese letter is đ and that have f, j, w, z or a capital
      after the first letter: abbreviations (HĐND, ĐU, QyĐ);
    - ``allow`` and :data:`BUILTIN_ALLOW` (both case-insensitive).

    A word with a Vietnamese mark is meant to be Vietnamese whatever its case
    (ĐẠI, HỘI are checked) and whatever its letters: f, j, w, z there are slips
    ("băng zôn" for "băng rôn" in the signed Kế hoạch 15/KH-UBND). What remains and
    fails :func:`is_syllable` is returned.

    Args:
        text: running text.
        allow: extra words to accept, e.g. names from the plan.

    Returns:
        ``(offset, word)`` pairs in text order; offset is the index of the word in ``text``.
    """
    return Speller(allow).suspicious(text)


#: A word: letters or digits, each possibly followed by combining marks (NFD text).
_WORD = re.compile(r"(?:[^\W_][\u0300-\u036f]*)+")


def _words(text: str) -> Iterator[tuple[int, str]]:
    """Offsets and words of ``text``."""
    for match in _WORD.finditer(text):
        yield match.start(), match.group()


def _fold(word: str) -> str:
    """Comparison key of a word: NFC, case-folded."""
    return unicodedata.normalize("NFC", word).casefold()


@functools.lru_cache(maxsize=WORDS_REMEMBERED)
def _is_slip(word: str) -> bool:
    """Whether a word is meant to be Vietnamese and is not a syllable (allowed words aside)."""
    return _is_checked(word) and not is_syllable(word)


def _is_checked(word: str) -> bool:
    """Whether a word is meant to be Vietnamese, so that failing the syllable test is a slip."""
    if any(char.isnumeric() for char in word):
        return False
    if _has_mark(word):
        return True
    lower = word.lower()
    return "đ" in lower and not _FOREIGN_LETTERS & set(lower) and not _is_abbreviation(word)


def _is_abbreviation(word: str) -> bool:
    """A capital after the first letter: HĐND, ĐU, QyĐ (Decree 30's symbol for Quy định).

    Only asked of words without a mark, whose one Vietnamese letter is đ: such a
    word in capitals is an abbreviation, while ĐẠI, DƯƠNG have a mark and are words.
    """
    return any(char.isupper() for char in word[1:])


def _has_mark(word: str) -> bool:
    """Whether a word has a Vietnamese mark: a tone, or the mark of â ê ô ă ơ ư."""
    return not (_TONES | _LETTER_MARKS).isdisjoint(unicodedata.normalize("NFD", word))


@functools.lru_cache(maxsize=WORDS_REMEMBERED)
def _parse(word: str) -> _Syllable | None:
    """Cut a word into initial, rhyme and tone; None when no valid cut exists.

    Remembered per word: the answer depends on the word alone, and :class:`_Syllable`
    is frozen, so every caller may share it.
    """
    spelled = _split_tone(word)
    if spelled is None:
        return None
    letters, tone, tone_index = spelled
    is_valid = _is_valid_bare if word.isascii() else _is_valid
    initial = next(initial for initial in [*_INITIALS, ""] if letters.startswith(initial))
    for rhyme, start in _rhyme_readings(initial, letters[len(initial) :]):
        tone_at = None if tone_index is None else tone_index - start
        syllable = _Syllable(initial, rhyme, start, tone, tone_at)
        if is_valid(syllable):
            return syllable
    return None


def _split_tone(word: str) -> tuple[str, str | None, int | None] | None:
    """Lower-case letters without tone, the tone mark and its letter index.

    None when the word has a non-Vietnamese letter, two tone marks or a stray mark.
    """
    letters: list[str] = []
    tone: str | None = None
    tone_index: int | None = None
    for char in unicodedata.normalize("NFD", word.lower()):
        if not unicodedata.combining(char):
            letters.append(char)
        elif not letters or (char in _TONES and tone is not None):
            return None
        elif char in _TONES:
            tone, tone_index = char, len(letters) - 1
        else:
            letters[-1] += char
    composed = [unicodedata.normalize("NFC", letter) for letter in letters]
    if not composed or not set(composed) <= _LETTERS:
        return None
    return "".join(composed), tone, tone_index


def _rhyme_readings(initial: str, rest: str) -> list[tuple[str, int]]:
    """The possible rhymes after ``initial`` and where each starts in the word.

    Only gi is ambiguous: its i is also the rhyme's vowel when no vowel follows
    (gì, gìn) and may be the i of iê (giếng = gi + iêng, like giết = gi + êt).
    """
    start = len(initial)
    if initial != "gi":
        return [(rest, start)]
    if not rest or rest[0] not in _VOWELS:
        return [("i" + rest, start - 1)]
    if rest[0] in "iy":
        return []
    readings = [(rest, start)]
    if rest[0] == "ê":
        readings.append(("i" + rest, start - 1))
    return readings


def _is_valid(syllable: _Syllable) -> bool:
    """Whether initial, rhyme and tone of a cut go together."""
    return (
        syllable.rhyme in _RHYMES.after(syllable.initial)
        and _spelling_fits(syllable.initial, syllable.rhyme, _RHYMES)
        and _tone_fits(syllable)
    )


def _is_valid_bare(syllable: _Syllable) -> bool:
    """Whether initial and rhyme of an ASCII word go together once its marks are put back."""
    rhymes = _BARE_RHYMES
    return syllable.rhyme in rhymes.after(syllable.initial) and _spelling_fits(syllable.initial, syllable.rhyme, rhymes)


def _spelling_fits(initial: str, rhyme: str, rhymes: _Rhymes) -> bool:
    """The c/k, g/gh, ng/ngh rules, and no c before a medial (that sound is written qu)."""
    if initial in _FRONT_VOWELS:
        return rhyme[0] in _FRONT_VOWELS[initial]
    if initial in _NOT_BEFORE_FRONT and rhyme[0] in "ieêy":
        return False
    return not (initial == "c" and rhyme in rhymes.medial)


def _tone_fits(syllable: _Syllable) -> bool:
    """One tone on an allowed letter; a stop final takes sắc or nặng, never another or none."""
    stop = syllable.rhyme.endswith(_STOP_FINALS)
    if syllable.tone is None:
        return not stop
    if syllable.tone_at not in _tone_slots(syllable.rhyme):
        return False
    return not stop or syllable.tone in _STOP_TONES


def _tone_slots(rhyme: str) -> frozenset[int]:
    """Indexes in ``rhyme`` of the letters that may carry the tone mark.

    The rule of modern orthography: a vowel with a mark of its own takes the tone
    (the last one: ươ → ơ); else the last vowel before a final consonant; else the
    first of two vowels (mía, múa, hái) or the middle of three (ngoài, khuỷu).
    oa, oe, uy alone take it on either vowel, one position per style.
    """
    vowels = [index for index, letter in enumerate(rhyme) if letter in _VOWELS]
    marked = [index for index in vowels if rhyme[index] in _MARKED_VOWELS]
    if marked:
        return frozenset({marked[-1]})
    if rhyme[-1] not in _VOWELS:
        return frozenset({vowels[-1]})
    if rhyme in _TWO_STYLE_RHYMES:
        return frozenset({0, 1})
    return frozenset({vowels[(len(vowels) - 1) // 2]})


def _style_of(syllable: _Syllable) -> Style | None:
    """The style shown by the tone letter of an oa, oe, uy syllable; None for other syllables."""
    if syllable.rhyme not in _TWO_STYLE_RHYMES or syllable.tone_at is None:
        return None
    return "new" if syllable.tone_at == 0 else "old"


def _move_tone(word: str, syllable: _Syllable) -> str:
    """Move the tone of an oa, oe, uy word to its other vowel, keeping each letter's case."""
    letters = list(unicodedata.normalize("NFC", word))
    tone_at = syllable.tone_at or 0
    source = syllable.start + tone_at
    target = syllable.start + 1 - tone_at
    letters[source] = _without_tone(letters[source])
    letters[target] = unicodedata.normalize("NFC", letters[target] + (syllable.tone or ""))
    return "".join(letters)


def _without_tone(letter: str) -> str:
    """A letter with its tone mark removed, its own marks (â, ơ…) and case kept."""
    kept = "".join(char for char in unicodedata.normalize("NFD", letter) if char not in _TONES)
    return unicodedata.normalize("NFC", kept)
