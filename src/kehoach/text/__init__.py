"""Text with no plan in it (bottom layer): messages, errors, Vietnamese conventions, markup, syllables, widths."""
