"""The cross-script entity benchmark's scoring: what counts as a right merge, a wrong one and a miss."""

from __future__ import annotations

from tests.benchmark_modules import load_benchmark


def _item(alias: str, entity: str | None, latin: list[str]) -> dict[str, object]:
    return {"item": "r1", "alias": alias, "type": "PERSON", "entity": entity, "latin": latin}


def test_merges_are_scored_by_the_labels_spellings_and_misses_by_what_the_store_has() -> None:
    bench = load_benchmark("entities_cross_script")
    items = [
        _item("이재명", "Lee Jae Myung", ["Lee Jae Myung", "Lee Jae-myung"]),  # right
        _item("이재용", "Lee Jae Myung", ["Lee Jae Myung"]),  # wrong: another Lee
        _item("위성락", None, []),  # missed: the store has him
        _item("호류지", None, []),  # not in the store: not counted in recall
        _item("다카이치", None, []),  # unlabelled
    ]
    labels = {
        ("r1", "이재명"): ["Lee Jae-myung"],
        ("r1", "이재용"): ["Lee Jae-yong"],
        ("r1", "위성락"): ["Wi Sung-lac"],
        ("r1", "호류지"): ["Horyuji"],
    }
    known = {"Lee Jae Myung", "Lee Jae-myung", "Wi Sung-lac", "Lee Jae-yong"}
    figures = bench.score(items, labels, known)
    assert (figures["merges"], figures["merge_precision"]) == (2, 0.5)
    assert (figures["reachable"], figures["recall"]) == (3, 1 / 3)
    assert figures["unlabelled"] == 1
    assert len(figures["wrong_merges"]) == 1 and len(figures["missed"]) == 2
