"""The content of a mục, khoản or phase as plan.yaml holds it.

The short forms (``paragraphs``, ``items``, ``bullets``) when the content comes in that order,
``body`` blocks otherwise; a khoản's title is its bold or italic first words (a DOCX), its
heading line (a line with no sentence end and content under it), else it has only text.
"""

from __future__ import annotations

import itertools
from typing import Any

from kehoach.importer import tables
from kehoach.importer.casing import sentence_case
from kehoach.importer.markers import Marker
from kehoach.importer.outline import ENDS_SENTENCE, Node, Notes


def content(children: list[Node], notes: Notes, path: tuple[Any, ...]) -> dict[str, Any]:
    """Content of a mục, item or phase: the short forms when they fit, else ``body``."""
    children = _lost_dashes(children, notes, path)
    kinds = [c.kind for c in children]
    order = {"p": 0, "i": 1, "b": 2}
    ranks = [order.get(k, 9) for k in kinds]
    out: dict[str, Any] = {}
    headed = any(_heading(c) is not None for c in children if c.kind == "p")
    headed = headed or any(c.listed for c in children)  # a marked list ("a.") is a block of its own
    if all(a <= b for a, b in itertools.pairwise(ranks)) and not {"t", "n"} & set(kinds) and not headed:
        paragraphs = [_paragraph(c) for c in children if c.kind == "p"]
        items = [_item(c, notes, (*path, "items", n)) for n, c in enumerate(c for c in children if c.kind == "i")]
        bullets = [bulleted(c) for c in children if c.kind == "b"]
        for key, value in (("paragraphs", paragraphs), ("items", items), ("bullets", bullets)):
            if value:
                out[key] = value
        return out
    out["body"] = _blocks(children, notes, path)
    return out


def _lost_dashes(children: list[Node], notes: Notes, path: tuple[Any, ...]) -> list[Node]:
    """A paragraph between two "-" lines lost its dash in the extraction: it is one too."""
    out = list(children)
    for n in range(1, len(out) - 1):
        node = out[n]
        if node.kind == "p" and out[n - 1].kind == "b" and out[n + 1].kind == "b" and node.para is not None:
            mark = out[n - 1].mark
            assert mark is not None
            out[n] = Node(node.para, Marker(mark.format, 0, node.para.text), node.children)
            notes.comment(path, "import.note.lost_dash", where=node.para.where)
    return out


def blocks(children: list[Node], notes: Notes, path: tuple[Any, ...]) -> list[Any]:
    """Content as ``body`` blocks, whatever its order (an appendix's content)."""
    return _blocks(_lost_dashes(children, notes, path), notes, path)


def _blocks(children: list[Node], notes: Notes, path: tuple[Any, ...]) -> list[Any]:
    blocks: list[Any] = []
    for child in children:
        kind = child.kind
        if kind == "p":
            heading = _heading(child)
            blocks.append(heading if heading is not None else _paragraph(child))
        elif kind == "n":
            blocks.append({"note": child.text})
        elif kind == "t" and child.para is not None and child.para.rows is not None:
            blocks.append({"table": tables.table(child.para.rows)})
        elif kind == "i":
            item = _item(child, notes, (*path, "body", len(blocks)))
            if blocks and isinstance(blocks[-1], dict) and "items" in blocks[-1] and _last_kind(children, child) == "i":
                blocks[-1]["items"].append(item)
            else:
                blocks.append({"items": [item]})
        else:
            line = _line(child)
            if blocks and isinstance(blocks[-1], dict) and "list" in blocks[-1] and _last_kind(children, child) == "b":
                blocks[-1]["list"].append(line)
            else:
                blocks.append({"list": [line]} if child.format == "-" else {"list": [line], "marker": child.format})
    return blocks


def _heading(node: Node) -> dict[str, str] | None:
    """A paragraph Word shows all bold, in a DOCX, as kehoach writes a body's sub-heading
    (``heading``, bold by default; ``style`` when also italic)."""
    para = node.para
    if para is None or para.hint != "heading" or para.emphasis not in ("bold", "bold-italic") or para.title:
        return None
    out = {"heading": node.text}
    if para.emphasis == "bold-italic":
        out["style"] = "bold-italic"
    return out


def _paragraph(node: Node) -> str:
    """A paragraph's text; one Word shows all italic is italic text (``*…*``): a body's
    paragraph is upright unless its words say otherwise."""
    para = node.para
    if para is not None and para.emphasis == "italic" and not para.hint and not node.text.startswith("*"):
        return f"*{node.text}*"
    return node.text


def _last_kind(children: list[Node], child: Node) -> str:
    n = children.index(child)
    return children[n - 1].kind if n else ""


def _line(node: Node) -> Any:
    subs = [_line(c) for c in node.children if c.kind in ("b", "p")]
    return {"text": node.text, "list": subs} if subs else node.text


def bulleted(node: Node) -> Any:
    """A "-" line with its "+" lines: a text, or a mapping with ``bullets``."""
    subs = [bulleted(c) for c in node.children if c.kind in ("b", "p")]
    return {"text": node.text, "bullets": subs} if subs else node.text


def _item(node: Node, notes: Notes, path: tuple[Any, ...]) -> Any:
    """A khoản or điểm: its title (bold or italic words, or a heading line) and text."""
    para = node.para
    text = node.text.strip()
    item: dict[str, Any] = {"id": para.anchor} if para is not None and para.anchor else {}
    shown = _shown_title(text, para.title if para is not None else None)
    if para is not None and para.title and shown:
        item["title"] = sentence_case(_unstarred(para.title), notes.casing)
        rest = text[len(shown) :].strip()
        if rest:
            item["text"] = rest
    elif (para is not None and para.hint == "heading") or (
        node.children and not ENDS_SENTENCE.search(text.rstrip(":")) and len(text) < 250 and not text.endswith(":")
    ):
        item["title"] = sentence_case(_unstarred(text), notes.casing)
    else:
        item["text"] = text
    if node.mark is not None and node.mark.guessed and para is not None:
        notes.comment(path, "import.note.lost_number", where=para.where)
    item.update(content(node.children, notes, path))
    return item["text"] if list(item) == ["text"] else item


def _shown_title(text: str, title: str | None) -> str | None:
    """The title as the text starts with it: bare, or in the emphasis marks of a hand-typed
    plan ("**Yêu cầu.** Tổ chức …")."""
    for mark in ("", "***", "**", "*"):
        if title and text.startswith(f"{mark}{title}{mark}"):
            return f"{mark}{title}{mark}"
    return None


def _unstarred(text: str) -> str:
    """A title the OCR marked as italic ("*Tuyên truyền …*") without its stars: the numbering
    style gives a title its emphasis."""
    if text.startswith("*") and text.endswith("*") and text.count("*") == 2:
        return text.strip("*").strip()
    return text
