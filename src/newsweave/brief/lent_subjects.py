"""A clause written as a statement of its own: led by the subject (and auxiliary) it shares with the
clause before it in its sentence ("then tacked on a field goal" -> "The Jaguars then tacked on a field
goal"; "sentenced to 50 weeks" -> "The 48-year-old Australian was sentenced to 50 weeks")."""

from __future__ import annotations

import re

from newsweave.data import Claim

# A subject worth lending: words, not the parser's stray punctuation ("Sun . ,").
_PLAIN_SUBJECT = re.compile(r"^[A-Za-z][\w'’.-]*(?: [\w'’.-]+){0,7}$")


def with_subject(claim: Claim, text: str, before: str = "") -> str:
    """``text`` led by the claim's subject when the text is a clause that shares its subject with the
    one before ("then tacked on a field goal" after "The Jaguars scored twice"): "The Jaguars then
    tacked on a field goal" reads on its own; the quote stays the source's words. ``before``, the part
    of the sentence before the clause, lends its auxiliary to a passive one ("was evicted in April and
    sentenced to 50 weeks": "The 48-year-old Australian was sentenced to 50 weeks")."""
    opening = text.lstrip()
    subject = _SPACED_HYPHEN.sub("-", claim.subject.strip())  # the parser's "48 - year - old"
    if not opening[:1].islower() or not _PLAIN_SUBJECT.match(subject):
        return text
    if opens_on_subject(opening, subject) or subject.casefold() in opening.casefold():
        return text  # the subject is in the clause: it is not the one before's
    passive = _PASSIVE_BEFORE.search(before)
    if passive is not None and _PARTICIPLE.match(opening):
        return f"{subject} {passive.group('aux')} {opening}"
    return f"{subject} {opening}"


_SPACED_HYPHEN = re.compile(r"(?<=\w) - (?=\w)")
# A passive verb coordinated with the clause that follows: "was evicted in April and" (sentenced ...).
_PASSIVE_BEFORE = re.compile(
    r"\b(?P<aux>was|were|is|are|has been|have been|had been|will be)\s+(?:\w+ly\s+)?\w+(?:ed|en|wn)\b"
    r"[^.;]*?\band\s*$",
    re.IGNORECASE,
)
_PARTICIPLE = re.compile(r"\w+(?:ed|en|wn)\b")


def text_before(sentence: str, clause: str) -> str:
    """The part of ``sentence`` before ``clause`` ("" when the clause is not found in it)."""
    at = sentence.find(clause)
    return sentence[:at] if at > 0 else ""


def opens_on_subject(text: str, subject: str) -> bool:
    """Whether ``text`` opens on the subject's first word (whole words: "then tacked on" does not open
    on "The Jaguars")."""
    first, lead = text.split(maxsplit=1)[:1], subject.split(maxsplit=1)[:1]
    return bool(first and lead) and first[0].casefold() == lead[0].casefold()
