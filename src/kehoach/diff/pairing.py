"""Word diffs and pairing: which texts of two lists are one text, kept or reworded, and in what order."""

from __future__ import annotations

import difflib
import itertools
from collections.abc import Iterable, Iterator, Sequence
from typing import NamedTuple

from kehoach.text import markup

#: Share of matching words (difflib ratio) above which two texts are one text reworded.
SIMILARITY = 0.6

#: Texts left to compare pairwise, beyond which only identical texts are paired: a
#: wholesale rewrite of thousands of tasks would otherwise take minutes.
MAX_COMPARISONS = 250_000


class Segment(NamedTuple):
    """A run of words a word diff keeps ("equal"), adds ("insert") or drops ("delete")."""

    op: str
    words: str


def words(text: str) -> list[str]:
    """The words of a plan text as a reader sees them (emphasis markers dropped)."""
    return markup.plain(text).split()


def similarity(a: str, b: str) -> float:
    """Share of words two texts have in common, in order (difflib ratio, case ignored)."""
    fold_a, fold_b = [w.casefold() for w in words(a)], [w.casefold() for w in words(b)]
    return difflib.SequenceMatcher(None, fold_a, fold_b, autojunk=False).ratio()


def word_diff(old: str, new: str) -> tuple[Segment, ...]:
    """Word-level diff, equal runs kept, so a renderer can strike and highlight words."""
    a, b = words(old), words(new)
    out: list[Segment] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            _push(out, "equal", a[i1:i2])
        else:
            _push(out, "delete", a[i1:i2])
            _push(out, "insert", b[j1:j2])
    return tuple(out)


def _push(out: list[Segment], op: str, run: list[str]) -> None:
    if not run:
        return
    if out and out[-1].op == op:
        out[-1] = Segment(op, f"{out[-1].words} {' '.join(run)}")
    else:
        out.append(Segment(op, " ".join(run)))


Pairs = list[tuple[int, int]]


def pair_equal(old: Sequence[str | None], new: Sequence[str | None], taken: Iterable[tuple[int, int]] = ()) -> Pairs:
    """Pairs of positions whose keys are equal (None never matches), first come first served."""
    pairs = list(taken)
    used_old, used_new = {i for i, _ in pairs}, {j for _, j in pairs}
    free: dict[str, list[int]] = {}
    for i, key in enumerate(old):
        if key is not None and i not in used_old:
            free.setdefault(key, []).append(i)
    for j, key in enumerate(new):
        if key is not None and j not in used_new and free.get(key):
            pairs.append((free[key].pop(0), j))
    return pairs


def _pair_same_text(
    old: Sequence[str],
    new: Sequence[str],
    ids: tuple[Sequence[str | None], Sequence[str | None]],
    pairs: Pairs,
) -> None:
    """Add pairs of identical texts (unless both carry ids): the cheap, certain pairs first."""
    used_old, used_new = {i for i, _ in pairs}, {j for _, j in pairs}
    free: dict[str, list[int]] = {}
    for i, text in enumerate(old):
        if i not in used_old:
            free.setdefault(text, []).append(i)
    for j, text in enumerate(new):
        candidates = free.get(text, []) if j not in used_new else []
        match = next((i for i in candidates if ids[0][i] is None or ids[1][j] is None), None)
        if match is not None:
            candidates.remove(match)
            pairs.append((match, j))


def pair_items(
    old: Sequence[str],
    new: Sequence[str],
    old_ids: Sequence[str | None] = (),
    new_ids: Sequence[str | None] = (),
    taken: Iterable[tuple[int, int]] = (),
    threshold: float = SIMILARITY,
) -> Pairs:
    """Pair two lists of texts: same id first, then the most similar texts first.

    Identical texts pair first; then greedy by best ratio, which is close to the
    optimal assignment for plan-sized lists and never pairs two texts below
    ``threshold``; ties go to the pair whose positions are closest. Two items
    that both carry ids are different items unless the ids are equal, however
    alike their texts. Past :data:`MAX_COMPARISONS` unpaired combinations only
    identical texts pair. Pairs come back in ``new`` order.
    """
    old_ids = list(old_ids) or [None] * len(old)
    new_ids = list(new_ids) or [None] * len(new)
    pairs = pair_equal(old_ids, new_ids, taken)
    _pair_same_text(old, new, (old_ids, new_ids), pairs)
    used_old, used_new = {i for i, _ in pairs}, {j for _, j in pairs}
    free_old = [i for i in range(len(old)) if i not in used_old]
    if len(free_old) * (len(new) - len(used_new)) > MAX_COMPARISONS:
        return sorted(pairs, key=lambda p: (p[1], p[0]))
    for _, _, i, j in sorted(_candidates(old, new, free_old, used_new, old_ids, new_ids, threshold)):
        if i not in used_old and j not in used_new:
            pairs.append((i, j))
            used_old.add(i)
            used_new.add(j)
    return sorted(pairs, key=lambda p: (p[1], p[0]))


def _candidates(
    old: Sequence[str],
    new: Sequence[str],
    free_old: list[int],
    used_new: set[int],
    old_ids: Sequence[str | None],
    new_ids: Sequence[str | None],
    threshold: float,
) -> Iterator[tuple[float, int, int, int]]:
    folded = {i: [w.casefold() for w in words(old[i])] for i in free_old}
    matcher = difflib.SequenceMatcher(None, autojunk=False)
    for j, text in enumerate(new):
        if j in used_new:
            continue
        matcher.set_seq2([w.casefold() for w in words(text)])
        for i in free_old:
            if old_ids[i] is not None and new_ids[j] is not None:
                continue
            matcher.set_seq1(folded[i])
            if matcher.real_quick_ratio() < threshold or matcher.quick_ratio() < threshold:
                continue
            ratio = matcher.ratio()
            if ratio >= threshold:
                yield -ratio, abs(i - j), i, j


def out_of_order(pairs: Iterable[tuple[int, int]]) -> bool:
    """True when paired items no longer come in the same relative order."""
    olds = [i for i, _ in sorted(pairs, key=lambda p: p[1])]
    return any(a > b for a, b in itertools.pairwise(olds))
