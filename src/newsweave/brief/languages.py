"""The languages of a story's reports: which of them the brief could not compare and why, and the
``lang`` attribute their text is shown under.

Facts are read in English only (``analysis.stage``), and no translation model runs offline, so a
Korean or Japanese report of the story has no facts to set against the others. The brief says so
rather than letting its silence read as "this source adds nothing" (issue 19).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from newsweave.data import Article

if TYPE_CHECKING:
    from newsweave.brief.facts import Fact
    from newsweave.store.analysis_rows import ArticleAnalysis

# The one language whose statements are read and compared.
COMPARED = "en"

# A BCP 47 tag's shape (language, then subtags): what a ``lang`` attribute may carry.
_LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*")


def lang_tag(language: str | None) -> str | None:
    """An article's language as a ``lang`` attribute value, or None (undetermined or not a tag).

    The browser picks glyphs by it: Han characters take Korean or Japanese shapes, and Korean text
    breaks lines between words (the web app's and the HTML brief's style, ``:lang(ko)``).
    """
    if language and language != "und" and _LANGUAGE_TAG.fullmatch(language):
        return language
    return None


def language_name(code: str) -> str:
    """The English name of an ISO 639 code ("ko" -> "Korean"), or the code itself when unknown."""
    if code == "und":
        return "an undetermined language"
    import pycountry

    found = pycountry.languages.get(alpha_2=code) if len(code) == 2 else pycountry.languages.get(alpha_3=code)
    return str(found.name) if found is not None else code


def not_compared(
    articles: Sequence[Article],
    analyses: Mapping[str, ArticleAnalysis],
    outlet_of: Mapping[str, str],
    facts: Sequence[Fact] = (),
) -> list[dict[str, Any]]:
    """The brief's ``not_compared`` list: each analysed report whose language is not read, in source
    order, with how many of the brief's ``facts`` one of its sentences was found to state
    (``brief.across_languages``)."""
    found = []
    for article in articles:
        language = analyses[article.id].language
        if language is None or language == COMPARED:
            continue  # not analysed yet, or compared
        name = language_name(language)
        supports = sum(1 for fact in facts if article.id in fact.article_ids)
        found.append(
            {
                "article_id": article.id,
                "outlet": outlet_of.get(article.id),
                "language": language,
                "language_name": name,
                "supports": supports,
                "reason": (
                    f"in {name}: facts are read in English only and no translation model runs offline, "
                    "so its own statements are not set against the other sources'; "
                    f"{supports} of the English facts were found stated in it by meaning (quoted as written)"
                ),
            }
        )
    return found
