"""The source as paragraphs, each knowing where it comes from.

A text extracted from a PDF (or OCR output) breaks a paragraph at every line end and
a page break, puts the page number among the lines, and may repeat a running header on
each page. Here lines become paragraphs again: a line starts a paragraph when it starts
with a marker ("I.", "1.", "a)", "-", "+"), a known opening ("Nơi nhận", "KT."), or when
the line before it ended a sentence; page numbers and running headers are dropped.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Literal

from kehoach.text import markup, vn

#: Put before a line a PDF shows indented: a paragraph starts there.
INDENT = "\ue000"

#: Hints a DOCX gives about a paragraph: a mục or heading style, bold, a closing style.
Hint = Literal["", "section", "heading", "closing", "subject", "type", "note", "signs"]


@dataclass(frozen=True)
class Cell:
    """A table cell: its paragraphs' texts (emphasis as *markup*), how many columns it spans
    and how many rows it covers (merged down)."""

    lines: tuple[str, ...]
    span: int = 1
    rows: int = 1


@dataclass
class Para:
    """One paragraph of the source: its text (emphasis as *markup*), where it is (a line of
    a text, a paragraph of a DOCX), and what the DOCX's formatting says it is.

    ``title`` is the emphasised start of an item ("1. **Mục đích**. …") where the DOCX shows
    one, with ``title_style`` its emphasis; a table is kept whole in ``rows``.
    """

    text: str
    where: str
    hint: Hint = ""
    title: str | None = None
    title_style: str | None = None
    rows: list[list[Cell]] | None = None
    #: The source's lines this paragraph was joined from (a text's), for the signature block.
    breaks: list[str] = field(default_factory=list)
    #: The emphasis the whole paragraph has in a DOCX ("bold", "italic", "bold-italic"), or None.
    emphasis: str | None = None
    #: The plan's id of the mục or item this paragraph starts, where kehoach marked it (a DOCX it rendered).
    anchor: str | None = None


@dataclass
class Source:
    """A source read into paragraphs, what kind it was, and what reading it noticed."""

    name: str
    kind: Literal["docx", "pdf", "text"]
    head: list[Para]
    paras: list[Para]
    #: Written by kehoach (its DOCX says so): its units' tasks are always "-" lines.
    by_kehoach: bool = False
    #: What kehoach's DOCX keeps of its issuer that a page may not show (``short_name``,
    #: ``drafting_unit``), from its keywords.
    issuer: dict[str, str] = field(default_factory=dict)


_PAGE_NUMBER = re.compile(r"^\s*(?:-\s*)?\d{1,3}(?:\s*-)?\s*$|^\s*Trang\s+\d{1,3}(\s*/\s*\d{1,3})?\s*$", re.IGNORECASE)
_OPENING = re.compile(
    r"^(?:[IVXLC]+\.\s|\d+(?:\.\d+)*[.)]\s|[a-zđ][).\/]\s|[-–—+•]\s?|\*?Nơi nhận|(?:TM|KT|TL|TUQ|Q)\.\s|"
    r"Số\s*:|KẾ HOẠCH|PHỤ LỤC|Phụ lục\s|\(Kèm theo|Căn cứ\s|Thực hiện\s|Trên đây|\[\d{1,2}\]\s)",
)
#: A mục's title line ("II. NHIỆM VỤ …").
_SECTION_LINE = re.compile(r"^[IVXLC]+\.\s")
#: A phase's heading ("3. Đợt 3: Từ … đến …") ends at its line's end, whatever its length.
_PHASE_LINE = re.compile(r"^(?:\d+\.\s+)?Đợt\s+\S+\s*:")
#: A line ending so ends its paragraph (";" does not: a list line's ";" is followed by a marker,
#: and a ";" before a capital goes on: "… theo quy định; Tổ chức kiểm tra …").
_ENDS_SENTENCE = re.compile(r"[.:!?…]['\"”’)*]*$")
_HYPHEN_BREAK = re.compile(r"(\w)-$")


def text_lines(text: str) -> list[tuple[int, str]]:
    """The text's lines, numbered from 1, NFC, without the markup an OCR tool adds for bold
    ("**15**") and with page numbers and running headers left out."""
    raw = [(n, _titled(_clean(line))) for n, line in enumerate(vn.nfc(text).replace("\f", "\n\f").splitlines(), 1)]
    repeated = _running_headers(vn.nfc(text))
    kept = [(n, line) for n, line in raw if not _PAGE_NUMBER.match(line.lstrip(INDENT)) and line not in repeated]
    return _title_rejoined(_without_stamps(kept))


#: How many lines of the header an extraction may put between a type title's two halves.
_TITLE_GAP = 12


def _title_rejoined(lines: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """A type's title that an extraction cut by the header's other column ("KẾ", then "Độc lập
    …", "Số: 16/KH-MTTQ-BTT", the date, then "HOẠCH": the date's frame lay across the title's
    line) made whole again where its last half stands; the header's lines between stay before
    it. Only before any whole title, and only halves alone on their lines."""
    for at, (_, line) in enumerate(lines):
        bare = line.strip("* " + INDENT)
        if bare in TYPE_TITLES:
            return lines
        for title in TYPE_TITLES:
            head, _, tail = title.partition(" ")
            if bare != head or not tail:
                continue
            window = lines[at + 1 : at + 1 + _TITLE_GAP]
            end = next((k for k, (_, later) in enumerate(window) if later.strip("* " + INDENT) == tail), None)
            if end is not None:
                number = window[end][0]
                return [*lines[:at], *window[:end], (number, title), *lines[at + 2 + end :]]
    return lines


#: A line of a digital signature's stamp, which a signed PDF's text layer carries ("Ký bởi: Sở
#: Công Thương", "Email: …", "Cơ quan: Tỉnh Lào Cai", "Thời gian ký: 23.04.2026 09:12:33 +07:00").
_STAMP_LINE = re.compile(
    r"^(?:Ký bởi|Người ký|Được ký bởi|Thời gian ký|Ngày ký|Ngày giờ ký|Email|E-mail|Cơ quan|Chức vụ)\s*:", re.IGNORECASE
)
_STAMP_KEY = re.compile(r"^(?:Ký bởi|Người ký|Được ký bởi|Thời gian ký|Ngày ký|Ngày giờ ký)\s*:", re.IGNORECASE)


def _without_stamps(lines: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """The lines without a digital signature's stamp: a run of stamp lines (blank lines between
    them allowed) with a "Ký bởi:" or "Thời gian ký:" among them is not the plan's text."""
    out: list[tuple[int, str]] = []
    run: list[tuple[int, str]] = []
    for number, line in [*lines, (0, "\ue001")]:  # a last line that ends any run
        if _STAMP_LINE.match(line.lstrip(INDENT)) or (run and not line):
            run.append((number, line))
            continue
        if not any(_STAMP_KEY.match(text.lstrip(INDENT)) for _, text in run):
            out += run
        run = []
        out.append((number, line))
    return out[:-1]


def _clean(line: str) -> str:
    """A line's spaces collapsed, without the characters a plan cannot hold (XML's control
    characters an extraction leaves) or an OCR tool's bold marks."""
    line = markup.CONTROL.sub("", line.replace("\u00a0", " ").replace("\t", " ").replace("\f", ""))
    return " ".join(line.replace("**", "").split())


def _running_headers(text: str) -> set[str]:
    """Lines that open or close three pages or more (pages split by form feeds, as a PDF's
    text comes): a running header or footer. Without page breaks none is guessed."""
    counts: Counter[str] = Counter()
    for page in text.split("\f"):
        lines = [_clean(line) for line in page.splitlines() if _clean(line)]
        lines = [line for line in lines if not _PAGE_NUMBER.match(line.lstrip(INDENT))]
        counts.update({*lines[:1], *lines[-1:]})
    return {line for line, count in counts.items() if count >= 3 and not _OPENING.match(line.lstrip(INDENT))}


def paragraphs(lines: list[tuple[int, str]]) -> list[Para]:
    """Lines joined into paragraphs; a word cut by a hyphen at a line end is joined whole."""
    out: list[Para] = []
    previous = ""
    lines = _lone_markers_joined(lines)
    width = wrap_width([line for _, line in lines])
    # a PDF's lines say where a paragraph starts (its first line is indented): that is trusted
    indented = any(line.startswith(INDENT) for _, line in lines)
    for number, line in lines:
        if not line:
            continue
        # the type's title ("KẾ HOẠCH") stands alone, even above a subject line as wide as the
        # text, and "(Kèm theo …)" is a line of its own under an attachment's title
        alone = previous.strip("* ") in TYPE_TITLES or _ATTACHED_LINE.match(line.lstrip(INDENT)) is not None
        starts = line.startswith(INDENT) if indented else starts_paragraph(line, previous, width)
        if out and not (starts or alone):
            out[-1].text = _join(out[-1].text, line)
            out[-1].breaks.append(line)
        else:
            line = line.lstrip(INDENT)
            out.append(Para(line, f"dòng {number}", breaks=[line]))
        previous = line
    _put_back_last_lines(out)
    return out


#: The line under an attachment's title: "(Kèm theo Kế hoạch số …)".
_ATTACHED_LINE = re.compile(r"^\*?\(Kèm theo\b", re.IGNORECASE)
#: Where the signature block begins ("Nơi nhận:", "TM. …", "KT. …").
_SIGNATURE_LINE = re.compile(r"^\*?Nơi nhận|^(?:TM|KT|TL|TUQ|Q)\.\s")
#: A line that is only a number ("I.", "2.", "1.1.", "a)"): an extraction may set it apart from its text.
_LONE_MARKER = re.compile(r"^(?:[IVXLC]+\.|\d{1,2}(?:\.\d{1,2})*\.|\d{1,2}\)|[a-zđ]\))$")


def _lone_markers_joined(lines: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """A number alone on its line joined to the text that follows it ("I.", "MỤC ĐÍCH, YÊU CẦU"
    → "I. MỤC ĐÍCH, YÊU CẦU"), where the text opens with no marker of its own, up to the
    signature; numbers in a row (a table's column) and those after the signature (an
    attachment's table) stay as they are."""
    out: list[tuple[int, str]] = []
    waiting: tuple[int, str] | None = None
    in_row = False
    for at, (number, line) in enumerate(lines):
        bare = line.lstrip(INDENT)
        if _SIGNATURE_LINE.match(bare):
            return [*out, *([waiting] if waiting else []), *lines[at:]]
        if waiting is not None and not bare:
            continue
        if waiting is not None:
            lone = bool(_LONE_MARKER.match(bare))
            if in_row or lone or _OPENING.match(bare):
                out.append(waiting)
            else:
                out.append((waiting[0], f"{waiting[1]} {bare}"))
                waiting = None
                continue
            waiting, in_row = None, lone
        if _LONE_MARKER.match(bare):
            waiting = (number, line)
        else:
            out.append((number, line))
    return [*out, waiting] if waiting is not None else out


def _put_back_last_lines(paras: list[Para]) -> None:
    """A paragraph's short last line that the extraction put before it, right after a mục's
    upper-case title ("III. TỔ CHỨC THỰC HIỆN", "quan:", "Giao phòng … các công việc liên"),
    goes back to that paragraph's end: a title is upper case, so its lower-case tail is not it."""
    for title, following in itertools.pairwise(paras):
        head, *tail = title.breaks
        stray = " ".join(tail)
        if (
            len(tail) == 1
            and _SECTION_LINE.match(head)
            and head == vn.upper(head)
            and stray[:1].islower()
            and len(stray.split()) <= _STRAY_WORDS
            and not _ENDS_SENTENCE.search(following.text)
            and not _OPENING.match(following.text)
        ):
            title.text, title.breaks = head, [head]
            following.text = _join(following.text, stray)
            following.breaks.append(stray)


#: The longest last line put back after the paragraph it ends, in words.
_STRAY_WORDS = 4


def wrap_width(lines: list[str]) -> int | None:
    """The width a text was wrapped at (the longer of its middling lines), or None when its
    paragraphs are one line each."""
    middling = sorted(len(line) for line in lines if 40 <= len(line) <= 110)
    if len(middling) < max(10, len([line for line in lines if line]) // 5):
        return None
    return middling[len(middling) // 2]


def starts_paragraph(line: str, previous: str, width: int | None = None) -> bool:
    """Whether ``line`` opens a paragraph rather than continuing the one before: it starts with
    a marker, or starts with a capital after a line that ended a sentence, fell short of the
    wrapping width, or was never wrapped."""
    if not previous or line.startswith(INDENT) or _OPENING.match(line.lstrip(INDENT)):
        return True
    if previous.strip("* " + INDENT) in TYPE_TITLES:
        return True  # the type's title stands alone; a Party plan's subject starts in lower case
    if not (line[:1].isupper() or line[:1] in '"“(*'):
        return False
    if _ENDS_SENTENCE.search(previous) or _PHASE_LINE.match(previous):
        return True
    if _SECTION_LINE.match(previous) and previous == vn.upper(previous) and line == vn.upper(line):
        return False  # a mục's upper-case title goes on over two lines
    # a paragraph written on one line ends with its sentence: a long one that does not goes on
    if width is None:
        return len(previous) < 150
    if len(previous) > 1.4 * width:
        return False
    return len(previous) < 0.7 * width or (previous.isupper() and not line.isupper())


def _join(text: str, line: str) -> str:
    if _HYPHEN_BREAK.search(text) and line[:1].islower():
        return text[:-1] + line
    return f"{text} {line}"


#: The type's name as a title line: "KẾ HOẠCH", "QUYẾT ĐỊNH"…
TYPE_TITLES = {vn.upper(name): code for code, name in vn.DOCUMENT_TYPES.items()}
#: The type titles by their letters without tone marks: an OCR tool may misread a mark.
_TITLES_BY_LETTERS = {vn.slug(title): title for title in TYPE_TITLES}


def _titled(line: str) -> str:
    """A type's title line as the type names it, where OCR misread a tone mark ("KÉ HOẠCH",
    "KẾ HOACH" → "KẾ HOẠCH"); any other line as it is."""
    bare = line.strip("* ")
    if bare in TYPE_TITLES or bare != vn.upper(bare) or len(bare.split()) > 4:
        return line
    return _TITLES_BY_LETTERS.get(vn.slug(bare), line)


def read_text(text: str, name: str, kind: Literal["pdf", "text"] = "text") -> Source:
    """A plain text (from a PDF or OCR) as a source: the header's lines one by one (its two
    columns may be interleaved), then the paragraphs from the type's title on.

    A table written as text ("cell | cell", a cell's lines joined by " / ", as some converters
    write a Word table) is read as one: the header's and the signature's columns become their
    lines, left column first; any other becomes a table."""
    lines = text_lines(text)
    start = next((i for i, (_, line) in enumerate(lines) if line.strip("* " + INDENT) in TYPE_TITLES), 0)
    # a "#" line before the title is a note of whoever extracted the text, not the plan's
    kept = [(n, line) for n, line in lines[:start] if line and not line.startswith("#")]
    head = [Para(cell.lstrip(INDENT), f"dòng {n}") for n, line in kept for cell in _columns([(n, line)])]
    return Source(name, kind, head, _with_tables(lines[start:]))


def _with_tables(lines: list[tuple[int, str]]) -> list[Para]:
    """Paragraphs, and the text's tables ("a | b" lines) where they stand."""
    out: list[Para] = []
    block: list[tuple[int, str]] = []
    run: list[tuple[int, str]] = []
    for number, line in [*lines, (0, "")]:
        if " | " in f" {line} " and "|" in line:
            if block:
                out += paragraphs(block)
                block = []
            run.append((number, line))
            continue
        if run:
            out += _table(run)
            run = []
        if number:
            block.append((number, line))
    return out + paragraphs(block)


def _table(run: list[tuple[int, str]]) -> list[Para]:
    """A text table: the signature's columns as lines, or a table's rows."""
    where = f"dòng {run[0][0]}"
    if any("nơi nhận" in line.casefold() for _, line in run):
        return [Para(line, where, breaks=[line]) for line in _columns(run)]
    rows = [
        [
            Cell(tuple(p.strip() for p in cell.replace(" ⏎ ", " / ").replace("⏎", " / ").split(" / ") if p.strip()))
            for cell in line.split("|")
        ]
        for _, line in run
    ]
    return [Para("", where, rows=rows)]


def _columns(run: list[tuple[int, str]]) -> list[str]:
    """A text table's cells column by column, each cell's " / " parts as lines."""
    rows = [line.split("|") for _, line in run]
    width = max(len(row) for row in rows)
    out: list[str] = []
    for column in range(width):
        for row in rows:
            if column < len(row):
                out += [
                    part.strip()
                    for part in row[column].replace(" ⏎ ", " / ").replace("⏎", " / ").split(" / ")
                    if part.strip()
                ]
    return out
