"""Build the bundled sample corpus: a detokenised ECB+ subset as JSONL inside the package.

    .venv/bin/python tools/build_sample_corpus.py            # write the sample
    .venv/bin/python tools/build_sample_corpus.py --candidates   # list topics to choose from

ECB+ (Cybulska & Vossen, LREC 2014, CC BY 3.0) holds news documents on 43 topics, each topic two
similar but different real events (subtopics ``N_ecb`` and ``N_ecbplus``). The sample keeps every
document of both sub-events of a few topics, so the demo has to tell similar stories apart.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_SOURCE = REPO.parent / "shared" / "data" / "ecbplus" / "ecbplus_docs.jsonl"
DEFAULT_OUTPUT = REPO / "src" / "newsweave" / "sample" / "ecbplus_sample.jsonl"

# Chosen from `--candidates` for variety and for two clearly different events per topic:
#   7  boxing: Klitschko beats Rahman (Dec 2008) / beats Thompson (Jul 2012)
#   12 piracy: INS Mysore captures 23 pirates (Dec 2008) / INS Sukanya foils attack (Nov 2011)
#   37 earthquake: West Papua quakes (Jan 2009) / Aceh 6.1 quake (Jul 2013)
#   43 business: AMD buys ATI (Jul 2006) / AMD buys SeaMicro (Feb 2012)
TOPICS = (7, 12, 37, 43)
# The day each sub-event happened, read from its reports ("on Saturday" with a dated report, the date
# lines some reports carry, the record): ECB+ keeps no publication dates. A report without a date line
# of its own is given its event's day as its publication date (reports of these events came out that
# day or within days), so that the demo's stories can use time as real news does.
EVENT_DAYS = {
    "7_ecb": date(2008, 12, 13),  # Klitschko stops Rahman in Mannheim, Saturday 13 Dec 2008
    "7_ecbplus": date(2012, 7, 7),  # Klitschko stops Thompson in Bern, Saturday 7 Jul 2012
    "12_ecb": date(2008, 12, 13),  # INS Mysore captures 23 pirates, Saturday 13 Dec 2008
    "12_ecbplus": date(2011, 11, 10),  # INS Sukanya foils a five-boat attack, Thursday 10 Nov 2011
    "37_ecb": date(2009, 1, 4),  # West Papua quakes, Sunday 4 Jan 2009
    "37_ecbplus": date(2013, 7, 2),  # Aceh 6.1 quake, Tuesday 2 Jul 2013
    "43_ecb": date(2006, 7, 24),  # AMD announces it will buy ATI, Monday 24 Jul 2006
    "43_ecbplus": date(2012, 2, 29),  # AMD announces it will buy SeaMicro, Wednesday 29 Feb 2012
}
# ECB+ gathered each document from a different web source but kept no outlet names: each document is
# its own outlet here, so that reports of one event count as independent sources in briefs.
OUTLET_PREFIX = "ECB+ "
ID_PREFIX = "ecbplus-"
MAX_TITLE_CHARS = 120
# A body shorter than this is not an article for the reader (ingest.min_text_chars), so the first
# sentence stays in the text as well as the title.
MIN_TEXT_CHARS = 80

_MONTHS = (
    "jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|sep(t|tember)?|"
    "oct(ober)?|nov(ember)?|dec(ember)?"
)
_WEEKDAYS = "mon(day)?|tue(s|sday)?|wed(nesday)?|thu(rs|rsday)?|fri(day)?|sat(urday)?|sun(day)?"
# Words that occur in ECB+ date lines ("Updated: July 2, 2013 15: 01 IST", "Posted on ...").
_DATE_WORDS = (
    r"updated|published|posted|last|on|at|by|article|am|pm|a\.m\.|p\.m\.|ist|gmt|et|est|edt|"
    r"cdt|pdt|cest|utc|hrs|st|nd|rd|th"
)
_DATE_TOKEN = re.compile(
    rf"^(({_MONTHS}|{_WEEKDAYS}|{_DATE_WORDS})\.?|[\d:/.,+\-–]+(am|pm|st|nd|rd|th)?)$",
    re.IGNORECASE,
)


_MONTH_NUMBER = {name: n for n, name in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1)}  # fmt: skip
# "November 11, 2011", "Nov 12, 2011", "Fri, 11 Nov 2011", "3 July 2013", "08. 07. 2012", "3 / 27 / 2012".
_WORD_DATE = re.compile(
    r"\b(?:(?P<month>[a-z]{3})[a-z]*\.? (?P<day>\d{1,2}),? (?P<year>(?:19|20)\d\d)"
    r"|(?P<day2>\d{1,2}) (?P<month2>[a-z]{3})[a-z]* (?P<year2>(?:19|20)\d\d))\b",
    re.IGNORECASE,
)
_DOTTED_DATE = re.compile(r"\b(\d{1,2})\. (\d{1,2})\. ((?:19|20)\d\d)\b")  # day. month. year
_SLASHED_DATE = re.compile(r"\b(\d{1,2}) / (\d{1,2}) / ((?:19|20)\d\d)\b")  # month / day / year


def line_date(line: str) -> date | None:
    """The date a date line gives ("Updated: November 11, 2011 20: 09 IST"), or None."""
    if match := _WORD_DATE.search(line):
        month = (match.group("month") or match.group("month2")).lower()
        day, year = match.group("day") or match.group("day2"), match.group("year") or match.group("year2")
        if month in _MONTH_NUMBER:
            return date(int(year), _MONTH_NUMBER[month], int(day))
    if match := _DOTTED_DATE.search(line):
        return date(int(match.group(3)), int(match.group(2)), int(match.group(1)))
    if match := _SLASHED_DATE.search(line):
        return date(int(match.group(3)), int(match.group(1)), int(match.group(2)))
    return None


def published_day(lines: list[str], subtopic: str) -> date | None:
    """A report's publication day: its own date line's date, else its event's day (EVENT_DAYS)."""
    for line in lines:
        if is_date_line(line) and (found := line_date(line)):
            return found
    return EVENT_DAYS.get(subtopic)


def is_date_line(line: str) -> bool:
    """True for a line that is only a date or timestamp (ECB+ kept them as their own "sentence").

    Such a line is a poor title: the next line is used instead, and the date line stays in the text.
    """
    tokens = [t for t in re.split(r"[\s,|]+", line.strip()) if t]
    if not tokens or not any(ch.isdigit() for ch in line):
        return False
    unknown = [t for t in tokens if not _DATE_TOKEN.match(t)]
    # One unknown word allows a place ("INDONESIA, July 2, 2013", "MUMBAI:").
    return len(unknown) <= 1 and len(unknown) < len(tokens) / 2


# Ordered rewrites undoing the corpus's tokenisation; each pattern names the case it fixes.
_DETOKENISE: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"``\s*"), '"'),  # `` opening quote
    (re.compile(r"\s*''"), '"'),  # '' closing quote
    (re.compile(r"(\w)`\s?(s|t|re|ll|ve|d)\b"), r"\1'\2"),  # HP` s -> HP's
    (re.compile(r"\s+(n't|'s|'re|'ll|'ve|'m|'d)\b", re.IGNORECASE), r"\1"),  # did n't, it 's
    (re.compile(r"([(\[{])\s+"), r"\1"),  # ( x -> (x
    (re.compile(r"\s+([)\]}])"), r"\1"),  # x ) -> x)
    (re.compile(r"\s+([,.;:!?%])"), r"\1"),  # word , -> word,
    (re.compile(r"([$€£])\s+(?=\d)"), r"\1"),  # $ 5.4bn -> $5.4bn
    (re.compile(r"(?<!\d)(\d{1,3})([.:])\s+(?=\d)"), r"\1\2"),  # 6. 1 -> 6.1, 5: 31 -> 5:31
    (re.compile(r"(?<=\w) / (?=\w)"), "/"),  # 2 / 3 / 2009 -> 2/3/2009, I / O -> I/O
    (re.compile(r"\b([ap])\. m\."), r"\1.m."),  # 7:32 p. m. -> 7:32 p.m.
    (re.compile(r"-(\s*-)+"), "--"),  # SeaMicro - - a user -> SeaMicro -- a user
    # Hyphenated words were split ("90 - day", "T - Mobile", "Hewlett - Packard"); a dash after
    # punctuation ("(Sports Network) - Wladimir") is left alone.
    (re.compile(r"(?<=[A-Za-z0-9]) - (?=[A-Za-z0-9])"), "-"),
    (re.compile(r"(\w) ?’ (s|t|re|ll|ve|d|m)\b"), r"\1’\2"),  # AMD ’ s -> AMD’s
    (re.compile(r"\s+([’”])"), r"\1"),  # ‘ Hunger Games ’ -> ‘ Hunger Games’
    (re.compile(r"([‘“])\s+"), r"\1"),
    (re.compile(r"(\w)'(?=[A-Z][a-z])"), r"\1 '"),  # informant'Deep Throat -> informant 'Deep
    # ECB+'s straight quotes were split off too: 'them, " the officer' and 'estimates"at least'.
    (re.compile(r'([,.!?]) "(?= |$)'), r'\1"'),
    (re.compile(r'(?<=[A-Za-z])"(?=[A-Za-z])'), ' "'),
    (re.compile(r"[ \t]{2,}"), " "),
)


def detokenise(line: str) -> str:
    """One ECB+ sentence written back as ordinary text."""
    for pattern, replacement in _DETOKENISE:
        line = pattern.sub(replacement, line)
    return line.strip()


def trim_title(sentence: str, limit: int = MAX_TITLE_CHARS) -> str:
    """The sentence cut to ``limit`` characters at a word boundary, with an ellipsis if cut."""
    if len(sentence) <= limit:
        return sentence
    cut = sentence[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:-–")
    return cut + "…"


def to_record(document: dict[str, object]) -> dict[str, object]:
    """A sample record from one ECB+ document: first real sentence as title, the rest as text."""
    lines = [detokenise(line) for line in str(document["text"]).split("\n")]
    lines = [line for line in lines if line]
    title_index = next((i for i, line in enumerate(lines) if not is_date_line(line)), 0)
    title = lines[title_index]
    rest = lines[:title_index] + lines[title_index + 1 :]
    text = "\n".join(rest)
    if len(text) < MIN_TEXT_CHARS:
        text = "\n".join(lines)
    published = published_day(lines, str(document["subtopic"]))
    return {
        "id": f"{ID_PREFIX}{document['id']}",
        "title": trim_title(title),
        "text": text,
        "outlet": f"{OUTLET_PREFIX}{document['id']}",
        **({"published": published.isoformat()} if published else {}),
        "story_gold": document["subtopic"],
        "topic_gold": document["topic"],
    }


def _doc_order(document: dict[str, object]) -> tuple[str, int]:
    match = re.match(r"\d+_(\d+)(ecb\w*)", str(document["id"]))
    return (match.group(2), int(match.group(1))) if match else (str(document["id"]), 0)


def load(source: Path) -> list[dict[str, object]]:
    """Every ECB+ document, as the jsonl has it."""
    with source.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def print_candidates(documents: Iterable[dict[str, object]]) -> None:
    """Per topic: document counts of both sub-events and the first line of one of each."""
    by_subtopic: dict[str, list[dict[str, object]]] = defaultdict(list)
    for document in documents:
        by_subtopic[str(document["subtopic"])].append(document)
    topics = sorted({int(str(key).split("_")[0]) for key in by_subtopic})
    for topic in topics:
        ecb, plus = by_subtopic[f"{topic}_ecb"], by_subtopic[f"{topic}_ecbplus"]
        print(f"topic {topic}: {len(ecb)} + {len(plus)} = {len(ecb) + len(plus)} documents")
        for label, group in (("ecb", ecb), ("ecbplus", plus)):
            if group:
                first = detokenise(str(group[0]["text"]).split("\n")[0])
                print(f"    {label:8} {first[:110]}")


def build(source: Path, output: Path, topics: Iterable[int]) -> list[dict[str, object]]:
    """Write the sample for ``topics`` (all documents of both sub-events) and return its records."""
    wanted = set(topics)
    documents = sorted(
        (d for d in load(source) if int(str(d["topic"])) in wanted),
        key=lambda d: (int(str(d["topic"])), *_doc_order(d)),
    )
    records = [to_record(document) for document in documents]
    output.parent.mkdir(parents=True, exist_ok=True)
    with output.open("w", encoding="utf-8", newline="\n") as handle:
        for record in records:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    return records


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE)
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    parser.add_argument("--topics", type=int, nargs="+", default=list(TOPICS))
    parser.add_argument("--candidates", action="store_true", help="list topics and exit")
    args = parser.parse_args(argv)
    if args.candidates:
        print_candidates(load(args.source))
        return 0
    records = build(args.source, args.output, args.topics)
    counts: dict[object, int] = defaultdict(int)
    for record in records:
        counts[record["story_gold"]] += 1
    print(f"wrote {len(records)} documents to {args.output}")
    for story, count in sorted(counts.items(), key=lambda item: str(item[0])):
        print(f"    {story}: {count}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
