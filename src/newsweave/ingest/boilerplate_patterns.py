"""The pattern table for boilerplate removal (``boilerplate.py``): what a footer or prompt looks like.

Every pattern is matched against a *whole* sentence (``fullmatch``), never searched inside one, so a
story sentence that merely contains a trigger word ("asked him to subscribe to the view that ...")
cannot match. Patterns are compiled case-insensitive; ``(?-i:...)`` marks the parts that need capitals
(names in credits). Calibrated on both seeds, ECB+ and the article-extraction ground truth
(``benchmarks/boilerplate_check.py``): no story sentence there matches.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

# Reason codes stored with each removed text (``RemovedText.reason``); short and stable.
COMMENT_POLICY: Final = "comment-policy"
NEWSLETTER: Final = "newsletter"
SYNDICATION: Final = "syndication"
COPYRIGHT: Final = "copyright"
SHARE_PROMPT: Final = "share-prompt"
RELATED_LINKS: Final = "related-links"
ADVERTISEMENT: Final = "advertisement"
LETTERS_INVITATION: Final = "letters-invitation"
CREDIT: Final = "credit"
OUTLET_RECURRENT: Final = "outlet-recurrent"


@dataclass(frozen=True, slots=True)
class SentencePattern:
    """One kind of boilerplate sentence.

    ``anywhere``: the sentence may stand alone anywhere in the article (a short prompt line); when
    false, a paragraph made of it is only cut in the article's trailing (or, for syndication and
    copyright, leading) block of boilerplate, where such paragraphs live.
    """

    reason: str
    regex: re.Pattern[str]
    anywhere: bool


_FLAGS: Final = re.IGNORECASE
# Sentence end: optional closing punctuation; patterns are fullmatched, so this ends the sentence.
_END: Final = r"\s*[.!:…]?"
_NETWORKS: Final = (
    r"(?:facebook|twitter|x|instagram|linkedin|youtube|tiktok|threads|bluesky|telegram|whatsapp|"
    r"reddit|pinterest|messenger|mastodon|snapchat|flipboard|google news|email|e-mail|sms)"
)
_NETWORK_LIST: Final = rf"{_NETWORKS}(?:\s*(?:,|/|\||and|or|&)\s*{_NETWORKS})*"
# A capitalised name list as credits carry it: "John Smith/AP", "Kim Hong-Ji / Reuters via Getty"
# (``boilerplate_lines`` reads it for photo credits).
_NAME: Final = r"(?-i:(?:[A-Z][\w.'’&-]*|via|for|and|of|de|da|la|le|van|von|der|the))"
NAME_LIST: Final = rf"{_NAME}(?:\s*[/,;|]?\s*{_NAME}){{0,11}}"
# Wire services whose copyright line marks a syndicated copy rather than the outlet's own notice.
_WIRES: Final = (
    r"(?:the )?(?:associated press|ap|reuters|agence france-presse|afp|bloomberg(?: l\.?p\.?)?|"
    r"dpa|efe|ansa|kyodo(?: news)?|yonhap(?: news agency)?|xinhua|press association|pa media|"
    r"united press international|upi|canadian press|australian associated press|aap|tribune content agency|"
    r"cnn|bbc|nexstar media,? inc|tribune media|gannett)"
)


def _rest(most: int, least: int = 0) -> str:
    """The rest of one sentence, ``least`` to ``most`` characters: no sentence-final punctuation.

    Bounded so that a pattern never swallows a long story sentence that happens to open like a
    prompt. A full stop inside a word (an e-mail address, a URL, "U.S.") does not end the sentence.
    """
    return rf"(?:[^.!?]|[.!?](?=\S)){{{least},{most}}}"


_REST: Final = _rest(140)


# The verb of a sign-up prompt, and what may follow the product it offers ("... to get ...",
# "... delivered to your inbox", ": ...").
_SIGN_UP: Final = r"(?:sign up|subscribe|register|opt in)(?: now| today| here| free)?(?: for| to)?"
_SIGN_UP_TAIL: Final = (
    rf"(?:(?: (?:to|and|for|here|now|today|below|in|from|with|at|on|delivered|sent)|:| -| —|,){_rest(150)})?"
)


def _p(reason: str, *parts: str, anywhere: bool) -> SentencePattern:
    return SentencePattern(reason, re.compile("".join(parts), _FLAGS), anywhere)


SENTENCE_PATTERNS: Final[tuple[SentencePattern, ...]] = (
    # -- advertisement: slot labels and "continue reading" markers, always standalone ------------------
    _p(
        ADVERTISEMENT,
        r"[-–—*•\[(\s]*(?:advertisements?|advert|ad|sponsored(?: content| links?)?|",
        r"paid (?:content|post|partnership)|promoted(?: content)?|",
        r"(?:story|article|content|text) continues (?:below|after)(?: (?:this|the))?",
        r"(?: (?:advertisement|advert|ad))?|continue reading(?: (?:below|the main story|the article))?|",
        r"skip (?:advertisement|advert|ad)|scroll (?:down )?to continue(?: reading)?(?: with content)?|",
        r"remove ads|ad feedback|report this ad)[-–—*•\])\s.:…]*",
        anywhere=True,
    ),
    # -- share / follow prompts -----------------------------------------------------------------------
    _p(
        SHARE_PROMPT,
        r"share(?: (?:this|the))? (?:article|story|page|post|link|video|gallery)",
        rf"(?: (?:on|via|with|by) (?:{_NETWORK_LIST}|your friends|friends))?{_END}",
        anywhere=True,
    ),
    _p(SHARE_PROMPT, rf"share (?:on|via|to|by) {_NETWORK_LIST}{_END}", anywhere=True),
    _p(
        SHARE_PROMPT,
        rf"(?:follow|like|find|join|connect with) us on {_NETWORK_LIST}",
        rf"(?: (?:for|to get|to stay){_rest(60)})?{_END}",
        anywhere=True,
    ),
    _p(
        SHARE_PROMPT,
        rf"follow (?:@\w+|{_NAME}(?: {_NAME}){{0,3}}) on {_NETWORK_LIST}(?: (?:at )?@\w+)?{_END}",
        anywhere=True,
    ),
    # A row of share buttons as text: "Share Tweet Email", "Facebook Twitter WhatsApp".
    _p(
        SHARE_PROMPT,
        rf"(?:(?:share|tweet|print|pin it|copy link|copy url|link copied|{_NETWORKS})",
        r"(?:\s*[,/|•·]?\s*)){1,8}",
        anywhere=True,
    ),
    _p(
        SHARE_PROMPT,
        r"(?:click|tap) (?:here|on this link|the link(?: below)?|below) (?:to|for) ",
        _rest(120, 1),
        _END,
        anywhere=True,
    ),
    _p(
        SHARE_PROMPT,
        r"(?:(?:e-?mail|print|save|bookmark|tweet|share) (?:this|the) (?:article|story|page|post)|",
        r"tweet this|pin it|copy (?:the )?link(?: to (?:this|the) (?:article|story))?|link copied)",
        _END,
        anywhere=True,
    ),
    # -- newsletter sign-ups and subscription prompts -------------------------------------------------
    _p(
        NEWSLETTER,
        _SIGN_UP,
        r"(?: (?:our|the|this|a))?(?: free)?[\w '’&-]{0,50}? ?",
        r"(?:newsletters?|briefing|digest|bulletin|podcast|channel)",
        _SIGN_UP_TAIL,
        _END,
        anywhere=True,
    ),
    # E-mails, alerts and updates only from "our" outlet: "Sign up for the emergency alerts at city
    # hall" is public information a local story may carry.
    _p(
        NEWSLETTER,
        _SIGN_UP,
        r" our(?: free)?[\w '’&-]{0,50}? ?(?:e-?mails?|alerts?|updates)",
        _SIGN_UP_TAIL,
        _END,
        anywhere=True,
    ),
    _p(
        NEWSLETTER,
        r"(?:get|receive) (?:our|the|all the|the latest|the best|top)[\w '’&,-]{0,60}? ",
        r"(?:newsletters?|headlines|news|stories|updates|analysis)[\w '’&,-]{0,40}? ",
        r"(?:in|to|delivered to|straight to|direct to|sent to) your inbox",
        _REST,
        _END,
        anywhere=True,
    ),
    _p(
        NEWSLETTER,
        r"(?:newsletter sign[- ]?up|sign up (?:here|now|today|free)|",
        rf"subscribe (?:now|today|here)(?: (?:for|to|and){_rest(80)})?|",
        rf"(?:become|already) a (?:subscriber|member)\??(?: {_rest(80)})?|",
        rf"to continue reading,? (?:subscribe|sign up|log in|register){_rest(80)}|",
        rf"support (?:our|independent|local|quality) journalism{_rest(80)}|",
        r"(?:this|the) (?:article|story|content) is (?:only )?(?:for|available to) ",
        rf"(?:subscribers|members)(?: only)?{_rest(40)}|subscribers? only)",
        _END,
        anywhere=True,
    ),
    # "Want more stories like this?" only counts in a footer, next to a sign-up sentence.
    _p(
        NEWSLETTER,
        rf"(?:want|like|enjoy(?:ed)?|love) (?:more|this|reading this){_rest(60)}\?",
        anywhere=False,
    ),
    _p(
        NEWSLETTER,
        r"(?:log|sign) in(?: here)?|already (?:a )?(?:subscribed|subscriber)\?",
        _END,
        anywhere=False,
    ),
    # -- syndication notices --------------------------------------------------------------------------
    # "This story/article ...", never "The report ...": a story may say where a report was published.
    _p(
        SYNDICATION,
        r"(?:this|a version of this|an earlier version of this|parts of this) ",
        r"(?:article|story|piece|post|column|essay|item|content|interview|op-ed|commentary)",
        r"(?: (?:was|has been|is|first|originally))*(?: (?:originally|first|previously))? ",
        r"(?:appeared|published|ran|posted|republished|reprinted|",
        r"produced (?:by|in partnership|in collaboration)|co-published|syndicated|shared)",
        _REST,
        _END,
        anywhere=False,
    ),
    _p(
        SYNDICATION,
        r"(?:this|the) (?:article|story|piece|post|content) is ",
        r"(?:republished|reproduced|reprinted|published|shared) ",
        r"(?:from|with|under|through|via|in partnership|as part)",
        _REST,
        _END,
        anywhere=False,
    ),
    _p(
        SYNDICATION,
        r"(?:originally|first) (?:published|appeared|posted|ran) (?:on|in|at|by) ",
        _rest(120, 1),
        _END,
        anywhere=False,
    ),
    _p(
        SYNDICATION,
        r"(?:republished|reprinted|reproduced|used|shared)(?: here)? (?:with|by)(?: the)?(?: kind)? ",
        rf"permission(?: (?:of|from) {_rest(100, 1)})?",
        _END,
        anywhere=True,
    ),
    _p(
        SYNDICATION,
        r"(?:read|see|view) the original (?:article|story|post|version|piece)",
        _rest(80),
        _END,
        anywhere=False,
    ),
    _p(SYNDICATION, rf"distributed by {NAME_LIST}(?:,? (?:LLC|Inc))?{_END}", anywhere=False),
    _p(
        SYNDICATION,
        rf"(?:©|\(c\)|copyright)\s*(?:©|\(c\))?\s*(?:\d{{4}}\s*)?,?\s*{_WIRES}\.?",
        r"(?: all rights reserved)?",
        _END,
        anywhere=True,
    ),
    _p(
        SYNDICATION,
        r"this material may not be (?:published|reproduced|copied)",
        r"(?:,? (?:or )?(?:broadcast|rewritten|redistributed|distributed|copied|reproduced))*",
        rf"(?: in (?:whole|any form){_rest(40)})?(?: without (?:prior )?(?:written )?permission)?",
        _END,
        anywhere=True,
    ),
    # -- copyright lines: a sentence opening with a copyright sign (or "Copyright <year>") is never story.
    _p(
        COPYRIGHT,
        # "(c)" also numbers list items ("(c) the minister shall ..."): only with a year or "copyright".
        rf"(?:©|\(c\)\s*(?=copyright|\d{{4}}))\s*(?:copyright\s*)?{_rest(100, 1)}?",
        r"(?:\s*all rights reserved)?",
        _END,
        anywhere=True,
    ),
    _p(
        COPYRIGHT,
        rf"copyright\s*(?:©|\(c\))?\s*\d{{4}}(?:\s*[-–]\s*\d{{4}})?,?\s+{_rest(100, 1)}?",
        _END,
        anywhere=True,
    ),
    _p(COPYRIGHT, r"all rights reserved", _END, anywhere=True),
    _p(
        COPYRIGHT,
        rf"(?:no part of|this (?:material|article|content|publication)){_rest(80)}",
        r"(?:(?:may|must|can|shall)(?: not)?|cannot) be ",
        r"(?:reproduced|published|copied|redistributed|republished|reprinted)",
        # Only a rights notice names the permission: "... may not be published until the trial ends"
        # is a court story.
        rf"{_rest(80)}(?:without|except with) (?:the )?(?:(?:prior|express|explicit|written) )*",
        r"(?:permission|consent)",
        _REST,
        _END,
        anywhere=False,
    ),
    # -- letters-page invitations ---------------------------------------------------------------------
    _p(
        LETTERS_INVITATION,
        r"(?:send|write|email|e-mail|submit|mail) (?:us )?(?:a |your )?letters?(?: to the editor)?",
        rf"(?: (?:to|at|via|using|through|by|here|on|of|for){_rest(140)})?",
        _END,
        anywhere=False,
    ),
    _p(
        LETTERS_INVITATION,
        rf"have your say(?: (?:on|about|in|below|here){_rest(100)})?",
        _END,
        anywhere=True,
    ),
    _p(
        LETTERS_INVITATION,
        r"(?:do you have|got|have you got) ",
        r"(?:an opinion|a view|something to say|thoughts|a story|a tip|a news tip)",
        rf"{_rest(100)}\?",
        anywhere=False,
    ),
    _p(
        LETTERS_INVITATION,
        rf"(?:to )?submit a letter(?: to the editor)?{_rest(150)}",
        _END,
        anywhere=False,
    ),
    _p(
        LETTERS_INVITATION,
        rf"letters?(?: to the editor)? (?:should|must|may|can|will) (?:be|not|include){_rest(150)}",
        _END,
        anywhere=False,
    ),
    _p(
        LETTERS_INVITATION,
        rf"we welcome (?:your )?(?:letters|submissions|opinion pieces){_rest(120)}",
        _END,
        anywhere=False,
    ),
    # -- comment policies (seed 000's footer is three of these sentences) ----------------------------
    _p(
        COMMENT_POLICY,
        r"comments? (?:you share|you post|you make|posted|shared|submitted|left) (?:on|to|at) ",
        r"(?:our|this) (?:site|website|platform|page|forum|story|article)",
        _REST,
        _END,
        anywhere=False,
    ),
    _p(
        COMMENT_POLICY,
        r"comments? (?:are|is|have been|will be|may be) ",
        r"(?:closed|moderated|pre-moderated|disabled|turned off|switched off|not available|unavailable)",
        r"(?: (?:for|on) (?:this|the) (?:article|story|post))?",
        _END,
        anywhere=False,
    ),
    _p(
        COMMENT_POLICY,
        r"comments? (?:are|will be|may be) (?:reviewed|removed|deleted|edited) by (?:our|a|the) ",
        r"(?:moderators?|moderation team|editors)",
        _REST,
        _END,
        anywhere=False,
    ),
    _p(
        COMMENT_POLICY,
        r"please (?:be|keep it|remain|stay) (?:respectful|civil|polite|courteous|kind)",
        rf"(?: (?:of|to|towards|toward|with|when|in){_rest(100)}",
        r"(?:users|readers|commenters|opinions|views|others|community|commenting|posting|comments))?",
        _END,
        anywhere=False,
    ),
    _p(
        COMMENT_POLICY,
        r"avoid (?:using |posting )?(?:[\w-]+,? (?:or |and )?){0,6}",
        r"(?:rude|offensive|abusive|aggressive|derogatory|discriminatory|profane|foul|hateful|",
        rf"inappropriate|vulgar|obscene){_rest(100)}(?:language|comments|remarks|content|posts)",
        _END,
        anywhere=False,
    ),
    _p(
        COMMENT_POLICY,
        r"(?:we|moderators|the editors|our moderators) (?:reserve the right to|may|will) ",
        rf"(?:remove|delete|edit|moderate|close|reject|block|ban){_rest(40)}",
        r"(?:comments?|posts?|submissions?|users?|content)",
        _REST,
        _END,
        anywhere=False,
    ),
    _p(
        COMMENT_POLICY,
        r"(?:please )?(?:read|see|view|review|follow) (?:our|the) ",
        r"(?:community (?:guidelines|standards|rules)|comment(?:ing|s)? (?:policy|guidelines|rules)|",
        r"house rules)",
        _REST,
        _END,
        anywhere=False,
    ),
    _p(
        COMMENT_POLICY,
        r"(?:join|start) the (?:conversation|discussion|debate)|(?:leave|post|add|write) a comment|",
        r"be the first to comment(?: on this (?:article|story))?|",
        r"(?:show|view|hide|load|read|see)(?: all)?(?: \d+)? comments?(?: \(\d+\))?|",
        r"comment on this (?:story|article)|\d+ comments?|comments? \(\d+\)|comments",
        _END,
        anywhere=True,
    ),
    _p(
        COMMENT_POLICY,
        rf"(?:personal attacks|hate speech|spam|off-topic comments|abusive comments){_rest(80)}",
        r"(?:will be|are|is) (?:removed|deleted|not tolerated|not allowed|prohibited)",
        _END,
        anywhere=False,
    ),
    _p(
        COMMENT_POLICY,
        r"(?:keep|make sure) (?:your )?comments? (?:are )?",
        r"(?:civil|respectful|on topic|relevant|constructive)",
        _REST,
        _END,
        anywhere=False,
    ),
    _p(
        COMMENT_POLICY,
        r"(?:comments|posts) (?:that|which) (?:violate|break|do not follow|don't follow|breach)",
        _REST,
        _END,
        anywhere=False,
    ),
    _p(COMMENT_POLICY, rf"by (?:commenting|posting){_rest(20)},? you agree", _REST, _END, anywhere=False),
)

# A sentence with a reporting verb is a story sentence quoting someone, whatever else it looks like.
REPORTING_VETO: Final = re.compile(
    r"\b(?:said|says|told|tells|according to|asked|urged|warned|added|insisted|claimed|announced)\b", _FLAGS
)
