"""Line-level boilerplate patterns (``boilerplate.py``): "Related" link boxes, photo credits, one-word
prompts, and the abbreviations after which a full stop does not end a sentence.

Like the sentence patterns of ``boilerplate_patterns``, each is matched against a whole line.
"""

from __future__ import annotations

import re
from typing import Final

from newsweave.ingest.boilerplate_patterns import NAME_LIST

_FLAGS: Final = re.IGNORECASE

# "Related:" headings cut even alone (a widget label is never story text) ...
_RELATED_STRONG: Final = (
    r"related(?: (?:articles?|stor(?:y|ies)|coverage|content|news|links?|reading|topics|posts|videos?))?|"
    r"read more|read also|also read|read next|see also|further reading|more on this (?:story|topic)|"
    r"you (?:may|might) also (?:like|be interested in)|recommended (?:for you|reading|stories|articles)|"
    r"what to read next|more (?:stories|articles) like this"
)
# ... while these could head a story section, so they only count with at least one link title below.
_RELATED_WEAK: Final = (
    r"more from [\w .'’&-]{1,40}|more (?:news|stories|reading)|top stories|latest (?:news|stories)|"
    r"most (?:read|popular|viewed|shared)|trending(?: now)?|popular (?:now|stories)|don'?t miss|recommended|"
    r"editor'?s picks"
)
_HEADING_TAIL: Final = r"[\s:.\-–—>»|]*"
RELATED_HEADING_STRONG: Final = re.compile(rf"[\s\-–—*•]*(?:{_RELATED_STRONG}){_HEADING_TAIL}", _FLAGS)
RELATED_HEADING_WEAK: Final = re.compile(rf"[\s\-–—*•]*(?:{_RELATED_WEAK}){_HEADING_TAIL}", _FLAGS)
# "Read more: <link title>" on one line.
RELATED_INLINE: Final = re.compile(
    r"[\s\-–—*•]*(?:related(?: (?:article|story|coverage|content|news|link))?|read more|read also|also read|"
    r"read next|see also|more on this(?: story)?)\s*[:|»>–—]\s*\S.*",
    _FLAGS,
)
# Link titles run 4-15 words; anything longer is a story paragraph and ends the list.
RELATED_ITEM_MAX_WORDS: Final = 18
RELATED_INLINE_MAX_WORDS: Final = 30
# A related box shows a handful of links; more "titles" than this are story subheadings.
RELATED_MAX_ITEMS: Final = 8

# Photo/image credits, only when a whole line is nothing else.
CREDIT_PATTERNS: Final[tuple[re.Pattern[str], ...]] = (
    re.compile(
        r"[(\[]?\s*(?:(?:file |main |top |header |cover |lead )?(?:photo(?:graph)?s?|images?|pictures?|pic|"
        r"video|graphic|illustration|footage)(?: credit)?|credits?|photo credit|image credit)\s*"
        rf"(?:[:/|–—-]|by)\s*{NAME_LIST}\s*[)\]]?\.?",
        _FLAGS,
    ),
    re.compile(
        r"[(\[]?\s*(?-i:AP|AFP|Reuters|EPA|EPA-EFE|Getty Images|Xinhua|Yonhap|Kyodo|EFE|ANSA|PA|Bloomberg|"
        r"Shutterstock|Alamy|iStock)(?: (?:Photo|Images|Pool|File|Wire|via Getty Images))?"
        rf"(?:\s*/\s*{NAME_LIST})?\s*[)\]]?\.?",
        _FLAGS,
    ),
)
CREDIT_MAX_WORDS: Final = 14

# Single words that are prompts on their own: counted for outlet recurrence though under 2 words.
# fmt: off
PROMPT_WORDS: Final = frozenset(
    {"advertisement", "advert", "ad", "sponsored", "share", "tweet", "email", "print", "related", "comments",
     "subscribe", "newsletter", "facebook", "twitter", "whatsapp", "linkedin"}
)
# fmt: on

# Abbreviations after which a full stop does not end a sentence ("Nexstar Media Inc. All rights ...").
# fmt: off
ABBREVIATIONS: Final = frozenset(
    {"inc", "ltd", "co", "corp", "llc", "plc", "mr", "mrs", "ms", "dr", "st", "jr", "sr", "no", "vs", "u.s",
     "u.k", "gov", "sen", "rep", "gen", "col", "lt", "sgt", "prof", "jan", "feb", "mar", "apr", "aug", "sept",
     "sep", "oct", "nov", "dec", "mt", "ft", "e.g", "i.e", "etc"}
)
# fmt: on
