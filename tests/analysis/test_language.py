"""Offline language identification: a table of news sentences in 12 languages, short text, no network."""

from __future__ import annotations

import socket
import sysconfig
from pathlib import Path

import pytest

from newsweave.analysis import language
from newsweave.analysis.language import ENGLISH, MIN_CONFIDENCE, UNDETERMINED, detect_language

# Real-looking news sentences, written for this table (also the table behind the choice of library).
SAMPLES = [
    (
        "en",
        "The central bank raised its key interest rate by 50 basis points on"
        " Wednesday, citing persistent inflation.",
    ),
    (
        "en",
        "Rescue teams searched through the rubble overnight after the earthquake struck the coastal town.",
    ),
    (
        "en",
        "The prime minister said the talks had been constructive but that no agreement had yet been reached.",
    ),
    (
        "de",
        "Die Bundesregierung hat am Mittwoch ein neues Entlastungspaket für"
        " Haushalte und Unternehmen beschlossen.",
    ),
    ("de", "Nach dem schweren Unwetter sind in mehreren Gemeinden noch immer tausende Menschen ohne Strom."),
    ("fr", "Le gouvernement a annoncé mardi une hausse du salaire minimum à partir du mois de janvier."),
    (
        "fr",
        "Des milliers de manifestants se sont rassemblés samedi dans le centre de Paris contre la réforme.",
    ),
    (
        "es",
        "El presidente anunció este lunes un nuevo plan para reducir el desempleo juvenil en todo el país.",
    ),
    ("es", "Las autoridades confirmaron que al menos nueve personas murieron tras las fuertes lluvias."),
    ("it", "Il governo ha approvato ieri sera il decreto sulle nuove misure contro il caro energia."),
    ("it", "Migliaia di persone sono scese in piazza a Roma per chiedere salari più alti."),
    (
        "pt",
        "O governo federal anunciou nesta quarta-feira um novo pacote de investimentos em infraestrutura.",
    ),
    ("pt", "As chuvas intensas deixaram centenas de famílias desalojadas no interior do estado."),
    ("nl", "Het kabinet heeft dinsdag besloten om de belasting op arbeid volgend jaar te verlagen."),
    ("nl", "Door de storm zijn in het hele land honderden bomen omgewaaid en vielen treinen uit."),
    ("ru", "Правительство в среду объявило о новых мерах поддержки малого и среднего бизнеса."),
    ("ru", "Спасатели продолжают поиски пропавших после наводнения в нескольких районах области."),
    ("ja", "政府は水曜日、物価高対策として新たな経済対策をまとめたと発表した。"),
    ("ja", "首相は記者会見で、韓国との関係改善に引き続き取り組む考えを示した。"),
    ("ko", "이재명 대통령은 수요일 일본 나라에서 다카이치 사나에 총리와 정상회담을 가졌다."),
    ("ko", "정부는 내년부터 청년층을 위한 주거 지원을 대폭 확대하기로 했다."),
    ("zh", "国务院总理周三主持召开常务会议，部署进一步稳定就业的政策措施。"),
    ("zh", "强降雨导致当地多条道路中断，数千名居民被紧急转移。"),
    ("ar", "أعلنت الحكومة يوم الأربعاء عن حزمة جديدة من الإجراءات لدعم الاقتصاد الوطني."),
    ("ar", "قال وزير الخارجية إن المحادثات كانت بناءة لكن لم يتم التوصل إلى اتفاق بعد."),
]


@pytest.mark.parametrize(("expected", "text"), SAMPLES)
def test_news_sentences(expected: str, text: str) -> None:
    code, confidence = detect_language(text)
    assert code == expected
    assert confidence >= MIN_CONFIDENCE


def test_english_constant_and_a_whole_article() -> None:
    seed = Path(__file__).resolve().parents[1] / "data" / "seeds" / "004_7611bd27aecda166.txt"
    code, confidence = detect_language(seed.read_text(encoding="utf-8"))
    assert (code, ENGLISH) == ("en", "en")
    assert confidence > 0.9


@pytest.mark.parametrize("text", ["", "   \n ", "OK", "Hello", "Seoul", "12:30 - 14:00", "Lee Jae Myung"])
def test_short_or_empty_text_is_undetermined(text: str) -> None:
    assert detect_language(text)[0] == UNDETERMINED


def test_all_caps_headline() -> None:
    assert detect_language("PRESIDENT LEE CONCLUDES TWO-DAY VISIT TO JAPAN WITH TRADE TALKS")[0] == ENGLISH


def test_uses_the_bundled_model_without_network(monkeypatch: pytest.MonkeyPatch) -> None:
    path = language.bundled_model_path()
    assert path.is_file()
    assert path.is_relative_to(Path(sysconfig.get_paths()["purelib"]))  # shipped in the wheel

    def no_network(*args: object, **kwargs: object) -> None:
        raise AssertionError("language detection tried to use the network")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    language._model.cache_clear()  # load the model again, under the patch
    assert detect_language(SAMPLES[0][1])[0] == ENGLISH
