"""Loading spaCy pipelines: by module, directory and package name; the error; no import-time spaCy."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from spacy.language import Language

from newsweave.analysis.nlp import DEFAULT_MODEL, analyse_texts, load_pipeline, model_description
from newsweave.errors import Errors, NewsweaveError


@pytest.fixture(scope="module")
def nlp() -> Language:
    """The default pipeline, loaded once (load_pipeline caches it for the other test modules too)."""
    return load_pipeline(DEFAULT_MODEL)


def test_default_model_loads_by_module_name(nlp: Language) -> None:
    assert model_description(nlp) == "en_core_web_md 3.8.0"
    assert {"parser", "ner"} <= set(nlp.pipe_names)
    assert load_pipeline(DEFAULT_MODEL) is nlp  # cached per name


def test_loads_a_model_directory(tmp_path: Path) -> None:
    import spacy

    blank = spacy.blank("en")
    blank.meta["name"] = "tiny_test"
    blank.to_disk(tmp_path / "tiny")
    loaded = load_pipeline(str(tmp_path / "tiny"))
    assert loaded.meta["name"] == "tiny_test"


def test_disables_components_not_needed(tmp_path: Path) -> None:
    import spacy

    blank = spacy.blank("en")
    blank.add_pipe("sentencizer")
    blank.to_disk(tmp_path / "with_sentencizer")
    loaded = load_pipeline(str(tmp_path / "with_sentencizer"))
    assert loaded.pipe_names == []
    assert loaded.disabled == ["sentencizer"]


def test_missing_model_names_what_was_tried() -> None:
    with pytest.raises(NewsweaveError) as caught:
        load_pipeline("no_such_model_xyz")
    assert caught.value.kind is Errors.MODEL_NOT_FOUND
    message = str(caught.value)
    assert message.startswith("[E601]")
    for tried in ("a directory 'no_such_model_xyz'", "a module 'no_such_model_xyz'", "spaCy package"):
        assert tried in message


def test_module_without_model_path_falls_through_to_the_error() -> None:
    with pytest.raises(NewsweaveError, match="E601"):
        load_pipeline("json")  # importable, but no model_path() and no spaCy package of that name


def test_analyse_texts_keeps_order(nlp: Language) -> None:
    texts = ["Xi Jinping visited Seoul.", "", "Sanae Takaichi spoke in Nara."]
    docs = list(analyse_texts(nlp, texts, batch_size=2))
    assert [doc.text for doc in docs] == texts


def test_import_loads_no_spacy() -> None:
    code = (
        "import sys, newsweave, newsweave.analysis.nlp, newsweave.analysis.mentions, "
        "newsweave.analysis.language; print(sorted(m for m in ('spacy', 'fasttext') if m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
