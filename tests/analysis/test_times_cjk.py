"""Korean and Japanese dates, resolved against the publication date (issue 19)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from newsweave.analysis.stage import analyse_store
from newsweave.analysis.times_cjk import find_times_cjk
from newsweave.config import Config
from newsweave.data import Article
from newsweave.ingest.stage import ingest_articles
from newsweave.store import Store

PUBLISHED = date(2026, 1, 14)  # a Wednesday


def _dates(text: str, language: str, published: date | None = PUBLISHED) -> list[tuple[str, str, str, str]]:
    return [
        (ref.text, str(ref.begin), str(ref.end_date), ref.granularity)
        for ref in find_times_cjk(text, published, language)
    ]


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        ("ko", "이재명 대통령은 13일 나라에서", [("13일", "2026-01-13", "2026-01-13", "day")]),
        ("ko", "오는 15일 열린다", [("오는 15일", "2026-01-15", "2026-01-15", "day")]),
        ("ko", "지난 20일 발표했다", [("지난 20일", "2025-12-20", "2025-12-20", "day")]),
        ("ko", "지난달 20일", [("지난달 20일", "2025-12-20", "2025-12-20", "day")]),
        ("ko", "30일 숨졌다", [("30일", "2025-12-30", "2025-12-30", "day")]),  # not yet this month's 30th
        ("ko", "2026년 1월 13일", [("2026년 1월 13일", "2026-01-13", "2026-01-13", "day")]),
        ("ko", "12월 30일", [("12월 30일", "2025-12-30", "2025-12-30", "day")]),  # the last one
        ("ko", "3월 21일 선고", [("3월 21일", "2026-03-21", "2026-03-21", "day")]),  # within 92 days ahead
        ("ko", "5월 18일 납치", [("5월 18일", "2025-05-18", "2025-05-18", "day")]),  # further: the last one
        ("ko", "2011년 3월 대지진", [("2011년 3월", "2011-03-01", "2011-03-31", "month")]),
        ("ko", "2013년부터", [("2013년", "2013-01-01", "2013-12-31", "year")]),
        ("ko", "어제와 지난해", [("어제", "2026-01-13", "2026-01-13", "day"),
                               ("지난해", "2025-01-01", "2025-12-31", "year")]),
        ("ko", "13일간 이어졌다, 24일째, 17일 밤 동안", []),  # counts of days
        ("ko", "투어는 2020년 6월 9일 시작해 10월 10일 끝난다. 10월 10일",
         [("2020년 6월 9일", "2020-06-09", "2020-06-09", "day"),
          ("10월 10일", "2020-10-10", "2020-10-10", "day"),
          ("10월 10일", "2025-10-10", "2025-10-10", "day")]),  # the year of the sentence, then the last one
        ("ko", "지난해 10월 경주에서", [("지난해 10월", "2025-10-01", "2025-10-31", "month")]),
        ("ko", "올해 3월 5일", [("올해 3월 5일", "2026-03-05", "2026-03-05", "day")]),
        ("ja", "高市首相は13日、奈良市で", [("13日", "2026-01-13", "2026-01-13", "day")]),
        ("ja", "先月20日に", [("先月20日", "2025-12-20", "2025-12-20", "day")]),
        ("ja", "２０２６年１月１３日", [("２０２６年１月１３日", "2026-01-13", "2026-01-13", "day")]),
        ("ja", "2013年に始まった", [("2013年", "2013-01-01", "2013-12-31", "year")]),
        ("ja", "昨日、来週", [("昨日", "2026-01-13", "2026-01-13", "day"),
                            ("来週", "2026-01-19", "2026-01-25", "week")]),
        ("ja", "3日間の日程で、5日ぶり", []),
        ("ja", "16年4月26日の観測", [("16年4月26日", "2016-04-26", "2016-04-26", "day")]),
        ("ko", "2013년부터 금지했고 1월 13일 회담에서", [("2013년", "2013-01-01", "2013-12-31", "year"),
                                                   ("1월 13일", "2026-01-13", "2026-01-13", "day")]),
        ("ja", "昨年10月に慶州で", [("昨年10月", "2025-10-01", "2025-10-31", "month")]),
        ("en", "on the 13th", []),
    ],
)  # fmt: skip
def test_dates_are_read_and_resolved(
    language: str, text: str, expected: list[tuple[str, str, str, str]]
) -> None:
    assert _dates(text, language) == expected


def test_without_a_publication_date_relative_days_stay_unresolved() -> None:
    refs = find_times_cjk("13일 열렸다. 2013년 이후", None, "ko")
    assert [(r.text, r.begin, r.anchored) for r in refs] == [
        ("13일", None, True),
        ("2013년", date(2013, 1, 1), False),
    ]


def test_no_such_day_is_no_date() -> None:
    assert _dates("2월 30일", "ko") == []


def test_a_korean_report_keeps_its_dates_though_it_is_not_analysed(store: Store, config: Config) -> None:
    text = "이재명 대통령은 13일 일본 나라에서 다카이치 사나에 총리와 정상회담을 열었다. " * 3
    published = datetime(2026, 1, 14, 9, tzinfo=UTC)
    ingest_articles(
        [Article(title="정상회담", text=text, published=published, source="yonhap")], store, config
    )
    report = analyse_store(store, config)
    assert report.counts["skipped"] == 1
    (article,) = store.list_articles()
    analysis = store.analysis.load(article.id)
    assert [(t.text, t.begin) for t in analysis.times] == [("13일", date(2026, 1, 13))] * 3
    assert analysis.note is not None and "its sentences, dates and names are read" in analysis.note
    assert [text[s.start : s.end] for s in analysis.sentences] == [text.split(". ")[0] + "."] * 3
