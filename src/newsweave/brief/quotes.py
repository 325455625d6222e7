"""Quoted speech in a claim or sentence: what it quotes, and its own words without the quotes.

Marks are read as news text writes them: curly quotes, straight quotes paired left to right, and the
`` '' of tokenised text (ECB+, some wire feeds). A claim's span often starts or ends inside a quote
whose other mark lies in the sentence beyond it: what runs from a lone mark to the claim's edge is
quoted.
"""

from __future__ import annotations

import re

# Quoted speech, and what runs from a quotation mark to the end or start of the claim (its other mark lies
# in the sentence beyond the claim).
_QUOTED = re.compile(r"“[^“”]*”|^[^“”]*”|“[^“”]*$")
_LONE_CLOSING = re.compile(r"[,.!?]\s*$")


def _curly(text: str) -> str:
    """``text`` with every quotation mark written “ or ”."""
    text = text.replace("``", "“").replace("''", "”")
    parts = text.split('"')
    # Straight marks pair up left to right; an odd last one closes a quote when punctuation ends the
    # words before it ("... the matter," said a spokesperson), else it opens one.
    marks = ["“" if index % 2 == 0 else "”" for index in range(len(parts) - 1)]
    if len(marks) % 2 and _LONE_CLOSING.search(parts[-2]):
        marks[-1] = "”"
    return "".join(part + mark for part, mark in zip(parts, [*marks, ""], strict=True))


def narration(text: str) -> str:
    """The claim's own words, not what it quotes: outlets quoting one spokesperson write the same words
    without copying each other ("we have received an inquiry ... and are cooperating")."""
    return _QUOTED.sub(" ", _curly(text))


def quoted_parts(text: str) -> list[str]:
    """What ``text`` quotes, each quote without its marks."""
    return [match.strip("“”") for match in _QUOTED.findall(_curly(text))]
