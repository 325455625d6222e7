"""What a value slot is about, in plain words: the headings of discrepancies and the words that say no
measured thing ("km", "south", "seconds")."""

from __future__ import annotations

# Slot classes (``analysis.slots``) in plain words: the question their values answer.
CLASS_WORDS = {
    ("count", "death"): "the number of people killed",
    ("count", "injury"): "the number of people injured",
    ("count", "evacuation"): "the number of people evacuated or displaced",
    ("count", "arrest"): "the number of people arrested",
    ("count", "missing"): "the number of people missing",
    ("count", "protester"): "the number of protesters",
    ("count", "vote"): "the number of votes",
    ("magnitude", "magnitude"): "the magnitude",
    ("distance", "depth"): "the depth",
    ("duration", "time taken"): "how long it took",
    ("money", "price"): "the price",
    ("money", "fine"): "the fine",
    ("money", "salary"): "the salary",
    ("duration", "sentence"): "the sentence",
}


# Slot words that are no measured thing: units, directions, filler.
NOT_A_THING = frozenset(
    {"km", "kilometre", "kilometres", "kilometer", "kilometers", "mile", "miles", "metre", "metres", "meter",
     "meters", "foot", "feet", "ft", "yard", "yards", "percent", "per", "cent", "north", "south", "east",
     "west", "away", "other", "others", "it", "time", "mph", "kph", "knots", "euro", "euros", "dollar",
     "dollars", "pound", "pounds", "yen", "hundred", "thousand", "million", "billion", "000", "second",
     "seconds", "minute", "minutes", "hour", "hours", "day", "days", "week", "weeks", "month", "months",
     "year", "years"}
)  # fmt: skip
# Slot words of an age: "32 years old", "aged 60".
AGE_WORDS = frozenset({"old", "aged", "age"})
KIND_WORDS = {
    "count": "the number",
    "distance": "the distance",
    "money": "the amount",
    "duration": "how long",
    "date": "when",
    "place": "where",
    "speed": "the speed",
}


def describe_slot(kind: str, slot_text: str, slot: str = "") -> str:
    """What a slot is about, in plain words: "the number of people killed", "the magnitude", "the
    number of protesters", "when (imposed)"."""
    known = CLASS_WORDS.get((kind, slot))
    if known is not None:
        return known
    word = slot_text.lower() or "it"
    if kind == "age" and slot_text and word not in AGE_WORDS:
        return f"the age of {slot_text}"  # the person's name (``brief.person_ages``)
    if kind == "age" or (kind == "duration" and word in AGE_WORDS):
        return "the age"
    if kind == "bearing":
        return f"the direction from {slot_text}" if slot_text else "the direction"
    if word in NOT_A_THING or slot_text[:1].isupper():
        # "the distance of km", "the number of australian": the slot caught a unit, a direction or a
        # name, not the thing measured; the kind alone says more.
        return KIND_WORDS.get(kind, f"the {kind}")
    if kind == "date":
        return f"when ({word})"
    if kind == "place":
        return f"where ({word})"
    if kind == "count":
        return f"the number of {word}"
    if kind == "money":
        return f"the amount ({word})"
    if kind == "duration":
        return f"how long ({word})"
    return f"the {kind} of {word}"
