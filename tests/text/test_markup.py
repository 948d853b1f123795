"""Inline emphasis."""

from kehoach.text.markup import Run, parse, plain


def test_italic_and_bold():
    assert parse("a (*b*) **c**") == [Run("a ("), Run("b", italic=True), Run(") "), Run("c", bold=True)]


def test_unmatched_and_escaped_asterisks_stay():
    assert plain("5 * 3") == "5 * 3"
    assert plain(r"a \*b\* c") == "a *b* c"


def test_base_emphasis_is_kept():
    assert parse("x *y*", bold=True) == [Run("x ", bold=True), Run("y", bold=True, italic=True)]
