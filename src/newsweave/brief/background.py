"""Which claims tell the past: amounts they give are background, not rival answers to today's question.

"A 2004 tsunami killed 168,000" beside "the quake killed four"; "the last strike, in 2023, stopped 300
trains" beside today's 120. Both name the same slot (deaths, trains) but not the same event: a claim is
background when every year it gives lies at least ``BACKGROUND_YEARS`` from the story's year, when its
years span that long (a total "between 2009 and 2018"), or when it says so in words ("previous", "a year
earlier", "this year", "the 14th century", "the 2004 tsunami", a sentence opening "In May, ...", "Last
month, ..." or "In 2004, ..."). A relative or participial clause is dated by the words before it in its
sentence. In a dated story, a claim whose dates all end a month or more before its first report is
background too. A sentence without a date of its own that names "the quake" right after a sentence
recalling a past quake tells of that quake ("In April last year an 8.6-magnitude quake struck ... /
Five people died and seven were injured in Aceh in the quake and following aftershocks").
"""

from __future__ import annotations

import calendar
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from datetime import date

from newsweave.analysis.dates import DAY_PATTERN, MONTH_PATTERN, MONTHS, WEEKDAY_PATTERN
from newsweave.brief.align import GENERIC_SLOTS
from newsweave.data import Article, Claim

# Years from the story's year at which a dated claim is about another time. One year is not enough:
# a story of early January often recalls last December.
BACKGROUND_YEARS = 2
_PAST_WORDS = re.compile(
    r"\b(?:previous(?:ly)?|earlier (?:quake|earthquake|attack|strike|disaster)s?|the last time|"
    r"(?:a|one|two|three|four|five|six|seven|eight|nine|ten|several|many|a few|\d+) "
    r"(?:years?|decades?) (?:ago|earlier|before)|in the past|history of|"
    # "Less than a month ago, Intel and SeaMicro held a joint press event": weeks or months back is
    # another event than the day's news ("two days ago" may be the news itself).
    r"(?:a|one|two|three|four|five|six|seven|eight|nine|ten|several|many|a few|\d+) "
    r"(?:weeks?|months?) (?:ago|earlier)|"
    r"since (?:1[89]|20)\d\d|last (?:year|decade)|(?:so far )?this year|"
    # "the 2004 Asian tsunami", "the 2011 disaster": an event named by its year is another one.
    r"the (?:1[89]|20)\d\d (?:[\w-]+ )?(?:tsunami|earthquake|quake|disaster|attacks?|bombings?|floods?|"
    r"crisis|war|riots?|massacre|crash|hurricane|storm|cyclone|typhoon|eruption|outbreak|pandemic|"
    r"epidemic|famine|coup|uprising|invasion|recession|accident|shooting|spill|meltdown)|"
    r"(?<!twenty-)(?!21st)\w+(?:th|st|nd|rd)[ -]century)\b",
    re.IGNORECASE,
)


# A record set today, measured against the past: "Turnout was 61%, the highest for a local election in the
# city since 1990" gives today's turnout, not 1990's.
_RECORD = re.compile(
    r"\b(?:highest|lowest|biggest|largest|smallest|worst|best|strongest|weakest|deadliest|most|least|"
    r"first)\b[^.;]{0,60}?\bsince (?:1[89]|20)\d\d\b",
    re.IGNORECASE,
)


# What follows these words is recalled: "The tremors have re-awakened bitter memories of similar deadly
# quakes that hit Manokwari in 2002, as well as the Asian tsunami that killed 168,000 people ...". Only a
# claim that starts after them: the sentence's own news may come before ("a girl was killed ... in the
# earthquakes, which rekindled bitter memories of ...").
_RECALLED_AFTER = re.compile(r"\b(?:memories|memory|reminders?|echoes|reminiscent)\s+of\b", re.IGNORECASE)


def _recalled(claim: Claim, sentence: str) -> bool:
    at = sentence.find(claim.text)
    return at > 0 and any(match.end() <= at for match in _RECALLED_AFTER.finditer(sentence))


# A sentence that opens on a month or on last month ("In May, thieves stole ...", "And last month thieves
# made off with ...") recalls another time: reports of the day's news date it by weekday or "today".
# Not "last week" or "last month" anywhere: "inflation was 1.8%, data showed last week" is today's figure.
_MONTH_OPENING = re.compile(
    r"^\W*(?:and\s+|but\s+)?(?:(?:(?:in|on|last|since|by|during)\s+(?:early\s+|mid-?|late\s+)?|(?:early\s+|mid-?|late\s+))"
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December)\b"
    r"|(?:last|earlier this)\s+month\b"
    # "In 2004, a huge earthquake off Aceh ...": a report dates the day's news by weekday, not by a year.
    r"|(?:in|since|during)\s+(?:early\s+|mid-?|late\s+)?(?:1[5-9]|20)\d\d\b)",
    re.IGNORECASE,
)


# Where a relative clause starts: what follows dates something else than the claim's own news.
_RELATIVE = re.compile(r",\s*(?:which|who|whom|whose|where)\b", re.IGNORECASE)


def _years(claim: Claim, *, full_dates: bool = False) -> set[int]:
    # Not a relative clause's: "About 6,500 residents joined the lawsuit, which was filed in 2021" is
    # about today's lawsuit. Any slot counts: "From 2010 to 2015 there were 584 deaths" dates its
    # numbers by "were". ``full_dates``: only dates that name a day ("3 July 2013").
    scope = _RELATIVE.split(claim.text, maxsplit=1)[0]
    return {
        int(value.value[:4])
        for value in claim.values
        if value.kind == "date"
        and value.value[:4].isdigit()
        and value.text in scope
        and (not full_dates or value.unit == "day")
    }


# A claim that is a relative or participial clause ("that killed 170,000 people", "sparking a tsunami
# that ...") tells of what the words before it name, dated by them: "A massive quake struck off Aceh in
# 2004, sparking a tsunami that killed 170,000 people".
_RELATIVE_OPENING = re.compile(r"^\W*(?:(?:that|which|who)\b|[a-z]+ing\b)")
_YEAR = re.compile(r"\b(?:1[89]|20)\d\d\b")


def _antecedent_years(claim: Claim, sentence: str) -> set[int]:
    if not _RELATIVE_OPENING.match(claim.text):
        return set()
    at = sentence.find(claim.text)
    return {int(year) for year in _YEAR.findall(sentence[:at])} if at > 0 else set()


# Events a sentence refers back to with "the": "... in the quake and following aftershocks". Words of
# one family name one event ("an 8.6-magnitude quake" / "the earthquake").
_EVENT_FAMILIES = {
    word: family
    for family, words in {
        "quake": "quake earthquake tremor temblor",
        "tsunami": "tsunami",
        "storm": "storm hurricane cyclone typhoon",
        "flood": "flood floods flooding",
        "attack": "attack attacks bombing blast explosion",
        "fire": "fire blaze wildfire",
        "crash": "crash accident",
        "eruption": "eruption",
        "shooting": "shooting",
    }.items()
    for word in words.split()
}
_EVENT_NAMES = "|".join(sorted(_EVENT_FAMILIES, key=len, reverse=True))
_EVENT_WORD = re.compile(rf"\b({_EVENT_NAMES})\b", re.IGNORECASE)
_THE_EVENT = re.compile(rf"\b(?:the|that|this)\s+({_EVENT_NAMES})\b", re.IGNORECASE)


def _refers_back(sentence: str, previous: str) -> bool:
    """Whether ``sentence`` names "the quake" (or the like) that ``previous`` names too."""
    named = {_EVENT_FAMILIES[match.lower()] for match in _THE_EVENT.findall(sentence)}
    recalled = {_EVENT_FAMILIES[word.lower()] for word in _EVENT_WORD.findall(previous)}
    return bool(named & recalled)


# Days before a dated story's first report from which a date is another event's: news is reported within
# days of what it tells, and a month before is a past event recalled.
PAST_DAYS = 31


def _date_ends(claim: Claim) -> list[date]:
    """The last day of each date the claim gives of what it tells: not when it was said, nor a relative
    clause's ("... joined the lawsuit, which was filed in 2021")."""
    scope = _RELATIVE.split(claim.text, maxsplit=1)[0]
    ends = []
    for value in claim.values:
        if value.kind != "date" or value.slot in GENERIC_SLOTS or value.text not in scope:
            continue
        try:
            ends.append(date.fromisoformat(value.value.rsplit("/", 1)[-1][:10]))
        except ValueError:
            continue
    return ends


def first_report_day(articles: Iterable[Article]) -> date | None:
    """The day a story was first reported: its earliest publication date (None when undated)."""
    return min(
        (article.published.date() for article in articles if article.published is not None), default=None
    )


def story_year(articles: Iterable[Article], claims: Sequence[Claim]) -> int | None:
    """The story's year: its latest publication year, else the year its claims' full dates (a day named)
    give most often, else the latest year they name.

    Undated reports name years mostly to recall the past ("In 2004, a tsunami killed 230,000", in every
    report of a 2013 quake), so the most frequent bare year is the background's; a full date ("3 July
    2013") is the news's own more often than not.
    """
    published = [article.published.year for article in articles if article.published is not None]
    if published:
        return max(published)
    full = Counter(year for claim in claims for year in _years(claim, full_dates=True))
    if full:
        return full.most_common(1)[0][0]
    return max((year for claim in claims for year in _years(claim)), default=None)


# In a report without a publication date, an event dated by its month alone ("A powerful quake ... struck
# southern Iran in September") is another than the day's news, which reports date by weekday or "today".
# Only a sentence telling of an event (a quake, an attack): "Exports rose 5% in September" may be the news.
_MONTH_ONLY = re.compile(
    rf"\b(?:in|during|since|last)\s+(?:early\s+|mid-?|late\s+)?{MONTH_PATTERN}(?!\s*{DAY_PATTERN}\b)"
)
_DAY_OF_NEWS = re.compile(rf"\b(?:today|tonight|yesterday|{WEEKDAY_PATTERN})", re.IGNORECASE)


def _month_recalled(sentence: str) -> bool:
    """Whether an undated report's sentence tells of an event of a month named alone, not of a day."""
    return bool(
        _MONTH_ONLY.search(sentence) and _EVENT_WORD.search(sentence) and not _DAY_OF_NEWS.search(sentence)
    )


def _past_in_words(sentence: str) -> bool:
    """Whether a sentence says in words that it tells the past ("previous", "last year", "In May, ...")."""
    return bool(_PAST_WORDS.search(_RECORD.sub(" ", sentence)) or _MONTH_OPENING.match(sentence))


def background_test(
    year: int | None,
    sentence_of: Callable[[Claim], str] | None = None,
    first_report: date | None = None,
    previous_of: Callable[[Claim], str] | None = None,
) -> Callable[[Claim], bool]:
    """A predicate: does a claim tell the past, for a story of ``year`` (None: only words count)?

    Words are read in the claim's whole sentence (``sentence_of``, else the claim): "causing more than
    50 million deaths" is a clause of a sentence about the fourteenth century. For a dated story
    (``first_report``: the day of its first report), a claim whose dates all end ``PAST_DAYS`` or more
    before that day tells of another event ("On April 6, an earthquake ... struck West Papua" in reports
    of a July quake). ``previous_of`` gives the sentence before the claim's: a claim with no date of its
    own whose sentence names "the quake" tells the past when that sentence recalls a past quake.
    """

    # Asked of one claim for each of its values and slot clusters: read each claim once. Keyed by id with
    # the claim kept, so that an id reused by a later object is not taken for it.
    known: dict[int, tuple[Claim, bool]] = {}

    def is_background(claim: Claim) -> bool:
        seen = known.get(id(claim))
        if seen is None or seen[0] is not claim:
            seen = known[id(claim)] = (claim, _tells_past(claim))
        return seen[1]

    def _tells_past(claim: Claim) -> bool:
        sentence = sentence_of(claim) if sentence_of is not None else claim.text
        ends = _date_ends(claim)
        if first_report is not None and ends and all((first_report - end).days >= PAST_DAYS for end in ends):
            return True
        years = _years(claim) or _antecedent_years(claim, sentence)
        if year is not None and years and all(abs(found - year) >= BACKGROUND_YEARS for found in years):
            return True
        if years and max(years) - min(years) >= BACKGROUND_YEARS:
            return True  # a count over a span of years ("between 2009 and 2018") is a total, not today's
        if _past_in_words(sentence) or _recalled(claim, sentence):
            return True
        if first_report is None and _month_recalled(sentence):
            return True
        if previous_of is None or ends or years or any(value.kind == "date" for value in claim.values):
            return False
        previous = previous_of(claim)
        # The sentence before is read by its words only: "the strongest since 2004" names a year far
        # from the story's and still tells today's quake.
        return (
            bool(previous)
            and _refers_back(sentence, previous)
            and (_past_in_words(previous) or (first_report is None and _month_recalled(previous)))
        )

    return is_background


# A month as a sentence names it, with its day and year when given: "in September", "On April 20", "In
# April last year" (two events: the same month name does not make one time).
_MONTH_NAMED = re.compile(
    rf"(?P<month>{MONTH_PATTERN})(?:\s+(?P<day>{DAY_PATTERN})\b)?"
    r"(?:,?\s+(?P<year>(?:1[89]|20)\d\d\b|(?:last|this|next) year\b))?"
)


def _times_named(sentence: str) -> frozenset[str]:
    named = set()
    for match in _MONTH_NAMED.finditer(sentence):
        month = calendar.month_name[MONTHS[match.group("month").rstrip(".").lower()]]
        named.add(" ".join(part for part in (month, match.group("day"), match.group("year")) if part))
    return frozenset(named)


def past_times(
    sentence_of: Callable[[Claim], str], previous_of: Callable[[Claim], str] | None = None
) -> Callable[[Claim], frozenset[str]]:
    """For a claim about the past, the months its sentence names, by which two reports' claims tell of
    one recent past event: "A powerful quake ... struck southern Iran in September ... injuring 40" and
    "That temblor killed at least six people, injured almost 50 ... in September". A sentence naming
    none that refers back to the sentence before ("That temblor ...") takes that one's.

    Not years: an event named by its year alone is a landmark ("In 2004, a tsunami killed 230,000 across
    Asia" / "170,000 in the province"), recalled in round figures of varying scope more often than in
    rival ones, and a clause naming it ("a region devastated by the tsunami of 2004") dates today's
    quake in the same sentence.
    """

    def times(claim: Claim) -> frozenset[str]:
        sentence = sentence_of(claim)
        named = _times_named(sentence)
        if named or previous_of is None:
            return named
        previous = previous_of(claim)
        return _times_named(previous) if previous and _refers_back(sentence, previous) else frozenset()

    return times
