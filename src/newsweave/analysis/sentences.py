"""Sentences of an article in any language, for the articles the English pipeline does not read.

spaCy's English pipeline gives English sentences; other languages are cut by ``sentencex`` (Wikimedia's
rule-based segmenter: per-language abbreviations and terminators, the Korean "다." and the Japanese
"。" included). A span is trimmed of the spaces around it and holds no empty sentence.
"""

from __future__ import annotations

from newsweave.data import Sentence


def split_sentences(text: str, language: str) -> list[Sentence]:
    """The sentences of ``text`` as spans, in order, for an ISO 639-1 ``language`` (an unknown code
    gets the segmenter's fallback rules)."""
    from sentencex import segment

    sentences: list[Sentence] = []
    cursor = 0
    for piece in segment(language, text):
        found = text.find(piece, cursor)
        if found < 0:  # not a piece of the text (the segmenter changed it): the rest is one sentence
            start, end = cursor + len(text[cursor:]) - len(text[cursor:].lstrip()), len(text.rstrip())
            if end > start:
                sentences.append(Sentence(start, end))
            break
        cursor = found + len(piece)
        start = found + len(piece) - len(piece.lstrip())
        end = found + len(piece.rstrip())
        if end > start:
            sentences.append(Sentence(start, end))
    return sentences
