"""The event classifier on hand-written sentences (uses the packaged model and the MiniLM encoder)."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest

from newsweave.embeddings import load_encoder
from newsweave.errors import ConfigError
from newsweave.events.classify import (
    MODEL_FILE,
    EventClassifier,
    EventPrediction,
    actor_views,
    dense_views,
    load_classifier,
)
from newsweave.events.finetuned import ENCODER_DIR, HEAD_FILE, marked_sentence

CASES = [
    ("South Korean President Lee Jae Myung and Japanese Prime Minister Sanae Takaichi held summit "
     "talks in Nara.", "South Korean President Lee Jae Myung", "Japanese Prime Minister Sanae Takaichi",
     {"CONSULT"}),
    ("They agreed to conduct DNA analysis on remains found at the Chosei undersea coal mine.",
     None, None, {"AGREE", "COOPERATE"}),
    ("Thousands of protesters marched through the capital demanding the president's resignation.",
     "Thousands of protesters", "the president", {"PROTEST"}),
    ("Rebels attacked an army base with rockets, killing nine soldiers.", "Rebels", "an army base",
     {"ASSAULT"}),
    ("The European Union imposed new sanctions on Russia over the invasion.", "The European Union",
     "Russia", {"COERCE"}),  # CAMEO 163 "Impose embargo, boycott, or sanctions" is COERCE
]  # fmt: skip

#: Background and description that report no event. None of them is in the training data
#: (tools/data/no_event_sentences.txt, the ECB+ labels); the first three are from the seed reports.
NO_EVENT = [
    "The temple houses the world's oldest surviving wooden structures.",
    "The neighbors formally normalized ties in 1965.",
    "Since then, bilateral trade has flourished, reaching approximately $75 billion annually.",
    "The ministry's headquarters stand on a hill overlooking the harbour.",
    "Average rainfall in the province is about 1,500 millimetres a year.",
    "The striker has scored 14 goals in 20 matches this season.",
    "The reactor was built in the 1970s and supplies power to a million homes.",
]

PACKAGED = Path(__file__).resolve().parents[2] / "src" / "newsweave" / "events" / "model" / MODEL_FILE
PACKAGED_ENCODER = PACKAGED.parent / ENCODER_DIR


@pytest.fixture(scope="module")
def predictions() -> list[EventPrediction]:
    return load_classifier().classify(
        [case[0] for case in CASES], [case[1] for case in CASES], [case[2] for case in CASES]
    )


@pytest.mark.parametrize("index", range(len(CASES)))
def test_event_sentences(predictions: list[EventPrediction], index: int) -> None:
    prediction = predictions[index]
    assert prediction.category in CASES[index][3]
    assert prediction.is_event
    assert 0.0 < prediction.confidence <= 1.0


def test_prediction_carries_codebook_values(predictions: list[EventPrediction]) -> None:
    consult = predictions[0]
    assert consult.cameo.startswith("04")
    assert consult.quad_class == "verbal cooperation"
    assert consult.goldstein == pytest.approx(1.0)


def test_non_event_sentences() -> None:
    classifier = load_classifier()
    found = classifier.classify(NO_EVENT)
    assert [p.is_event for p in found] == [False] * len(NO_EVENT)
    threshold = classifier.threshold
    assert all(p.event_score < threshold for p in found)


def test_is_event_follows_the_detector_score(predictions: list[EventPrediction]) -> None:
    classifier = load_classifier()
    for prediction in predictions + classifier.classify(NO_EVENT[:2]):
        assert 0.0 <= prediction.event_score <= 1.0
        assert prediction.is_event == (prediction.event_score >= classifier.threshold)


def test_actors_do_not_change_the_event_decision() -> None:
    sentence, source, target, _ = CASES[2]
    classifier = load_classifier()
    (with_actors,) = classifier.classify([sentence], [source], [target])
    (alone,) = classifier.classify([sentence])
    assert with_actors.event_score == pytest.approx(alone.event_score, abs=1e-5)
    scores = classifier.event_scores([sentence, NO_EVENT[0]])
    assert scores[0] == pytest.approx(alone.event_score, abs=1e-5)
    assert scores[1] < classifier.threshold < scores[0]


def test_probabilities_are_a_distribution() -> None:
    classifier = load_classifier()
    probs = classifier.probabilities([CASES[3][0], NO_EVENT[0]], [CASES[3][1], None], [CASES[3][2], None])
    assert probs.shape == (2, len(classifier.labels))
    assert np.allclose(probs.sum(axis=1), 1.0, atol=1e-5)
    assert classifier.labels[int(np.argmax(probs[0]))] == "ASSAULT"


def test_sentence_view_is_the_encoders_vector() -> None:
    # The token-level pass must pool exactly like Encoder.encode, or training and inference drift.
    encoder = load_encoder()
    sentence = CASES[0][0]
    views = dense_views(encoder, [sentence], [CASES[0][1]], [CASES[0][2]])
    assert float(views.sentence[0] @ encoder.encode([sentence])[0]) == pytest.approx(1.0, abs=1e-4)
    replaced = actor_views(sentence, CASES[0][1], CASES[0][2])[0]
    assert float(views.replaced[0] @ encoder.encode([replaced])[0]) == pytest.approx(1.0, abs=1e-4)
    # Between the actors: "and"; read in context, it differs from the whole sentence.
    assert float(views.between[0] @ views.sentence[0]) < 0.99


def test_actor_views() -> None:
    replaced, between, span = actor_views("A met B in Nara.", "A", "B")
    assert (replaced, between, span) == ("SOURCE met TARGET in Nara.", " met ", "A met B")
    assert actor_views("No actors here.", None, None) == ("No actors here.",) * 3


def test_empty_and_wrong_input() -> None:
    assert load_classifier().classify([]) == []
    assert load_classifier().event_scores([]).shape == (0,)
    with pytest.raises(TypeError):
        load_classifier().classify("one string")


def test_packaged_model_is_a_small_npz_without_pickles() -> None:
    assert PACKAGED.stat().st_size < 5_000_000
    with np.load(PACKAGED, allow_pickle=False) as model:
        assert all(model[name].dtype != object for name in model.files)


def test_empty_path_is_the_packaged_model() -> None:
    assert load_classifier("") is load_classifier()
    assert load_classifier().path == PACKAGED


def test_model_from_another_path(tmp_path: Path) -> None:
    copy = tmp_path / "copy.npz"
    shutil.copyfile(PACKAGED, copy)
    classifier = load_classifier(str(copy))
    assert isinstance(classifier, EventClassifier)
    assert classifier.path == copy
    assert classifier.labels == load_classifier().labels


def _broken_files(tmp_path: Path) -> dict[str, Path]:
    text = tmp_path / "text.npz"
    text.write_text("not a model", encoding="utf-8")
    truncated = tmp_path / "truncated.npz"
    truncated.write_bytes(PACKAGED.read_bytes()[:1000])
    single = tmp_path / "single.npy"
    np.save(single, np.zeros(3))
    old_format = tmp_path / "old.npz"
    np.savez(old_format, labels=np.array(["AGREE"]), coef=np.zeros((1, 2)), intercept=np.zeros(1))
    with np.load(PACKAGED, allow_pickle=False) as model:
        arrays = {name: model[name] for name in model.files}
    wrong_shape = tmp_path / "wrong_shape.npz"
    np.savez(wrong_shape, **{**arrays, "coef": arrays["coef"][:, :10]})
    return {
        "missing": tmp_path / "missing.npz",
        "directory": tmp_path,
        "text": text,
        "truncated": truncated,
        "single": single,
        "old_format": old_format,
        "wrong_shape": wrong_shape,
    }


@pytest.mark.parametrize(
    "kind", ["missing", "directory", "text", "truncated", "single", "old_format", "wrong_shape"]
)
def test_missing_or_broken_model_is_a_config_error(tmp_path: Path, kind: str) -> None:
    path = _broken_files(tmp_path)[kind]
    with pytest.raises(ConfigError) as caught:
        load_classifier(path)
    assert caught.value.code == "E603"
    assert str(path) in str(caught.value)


@pytest.mark.parametrize(
    ("sentence", "source", "target", "expected"),
    [
        ("A met B in Nara.", "A", "B", "[ A ] met { B } in Nara."),
        ("B was attacked by A.", "A", "B", "{ B } was attacked by [ A ]."),
        ("Police detained protesters.", "Police", None, "Police detained protesters."),
        ("Police detained protesters.", "Police", "the mayor", "Police detained protesters."),
        # One actor inside the other: no marking rather than a broken one.
        ("The Japanese government protested.", "The Japanese government", "Japanese", None),
    ],
)
def test_marked_sentence(sentence: str, source: str | None, target: str | None, expected: str | None) -> None:
    assert marked_sentence(sentence, source, target) == (expected or sentence)


def test_finetuned_encoder_is_packaged_and_can_be_left_out() -> None:
    both = load_classifier()
    assert both.finetuned is not None and both.finetuned.folder == PACKAGED_ENCODER
    alone = load_classifier(encoder="none")
    assert alone.finetuned is None
    assert load_classifier(encoder="") is both
    case = CASES[3]
    with_finetuned = both.probabilities([case[0]], [case[1]], [case[2]])
    without = alone.probabilities([case[0]], [case[1]], [case[2]])
    assert np.allclose(with_finetuned.sum(axis=1), 1.0, atol=1e-5)
    assert not np.allclose(with_finetuned, without, atol=1e-4)


def _encoder_copy(tmp_path: Path) -> Path:
    folder = tmp_path / "encoder"
    shutil.copytree(PACKAGED_ENCODER, folder)
    return folder


def test_head_columns_follow_the_category_models_labels(tmp_path: Path) -> None:
    # A head that lists its labels in another order must give the same probabilities.
    folder = _encoder_copy(tmp_path)
    with np.load(folder / HEAD_FILE, allow_pickle=False) as head:
        labels, coef, intercept = head["labels"], head["coef"], head["intercept"]
    np.savez(folder / HEAD_FILE, labels=labels[::-1], coef=coef[::-1], intercept=intercept[::-1])
    case = CASES[2]
    shuffled = load_classifier(encoder=folder).probabilities([case[0]], [case[1]], [case[2]])
    packaged = load_classifier().probabilities([case[0]], [case[1]], [case[2]])
    assert np.allclose(shuffled, packaged, atol=1e-5)


def _broken_encoders(tmp_path: Path) -> dict[str, Path]:
    no_head = _encoder_copy(tmp_path / "no_head")
    (no_head / HEAD_FILE).unlink()
    other_labels = _encoder_copy(tmp_path / "other_labels")
    np.savez(
        other_labels / HEAD_FILE, labels=np.array(["AGREE"]), coef=np.zeros((1, 384)), intercept=np.zeros(1)
    )
    wrong_width = _encoder_copy(tmp_path / "wrong_width")
    with np.load(PACKAGED_ENCODER / HEAD_FILE, allow_pickle=False) as head:
        labels, coef, intercept = head["labels"], head["coef"], head["intercept"]
    np.savez(wrong_width / HEAD_FILE, labels=labels, coef=coef[:, :100], intercept=intercept)
    bad_onnx = _encoder_copy(tmp_path / "bad_onnx")
    (bad_onnx / "model.onnx").write_bytes(b"\x00not an onnx graph")
    return {"missing": tmp_path / "missing", "no_head": no_head, "other_labels": other_labels,
            "wrong_width": wrong_width, "bad_onnx": bad_onnx}  # fmt: skip


@pytest.mark.parametrize("kind", ["missing", "no_head", "other_labels", "wrong_width", "bad_onnx"])
def test_missing_or_broken_encoder_is_a_config_error(tmp_path: Path, kind: str) -> None:
    folder = _broken_encoders(tmp_path)[kind]
    with pytest.raises(ConfigError) as caught:
        # The encoder itself loads on first use: classify one sentence.
        load_classifier(encoder=folder).classify([CASES[0][0]])
    assert caught.value.code == "E603"
    assert str(folder) in str(caught.value)
