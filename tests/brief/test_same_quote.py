"""Two reports quoting one speaker word for word state one thing (``brief.align``'s quote pass)."""

from __future__ import annotations

import numpy as np

from newsweave.brief.align import Aligner, quoted_runs
from newsweave.data import Claim

CTV = (
    "While slowing down humans' metabolic rate isn't possible yet, research team head Jennifer Ngo-Anh "
    'says the idea "is actually not so crazy."'
)
PHYS_SENTENCE = (
    '"And the basic idea of putting astronauts into long-duration hibernation is actually not so crazy: '
    'a broadly comparable method has been tested," she said.'
)
PHYS_CLAIM = (
    "And the basic idea of putting astronauts into long-duration hibernation is actually not so crazy"
)


def _claim(article_id: str, text: str) -> Claim:
    return Claim(article_id, 0, 0, len(text), text, "idea", "be", "")


def _groups(first: Claim, second: Claim, sentences: dict[str, str], cosine: float) -> list[int]:
    # Two claims only this alike (cosine ``cosine``): far below the alignment threshold otherwise.
    vectors = np.array([[1.0, 0.0], [cosine, np.sqrt(1 - cosine**2)]], dtype=np.float32)
    aligner = Aligner([first, second], vectors, sentence_of=lambda claim: sentences[claim.article_id])
    return sorted(len(group.claims) for group in aligner.groups(0.42))


def test_a_quote_two_reports_give_word_for_word_joins_their_claims() -> None:
    # The phys.org claim starts after its opening quotation mark: its sentence says it is quoted.
    sentences = {"a": CTV, "b": PHYS_SENTENCE}
    assert _groups(_claim("a", CTV), _claim("b", PHYS_CLAIM), sentences, 0.3) == [2]
    # Not quoted in one of them: the same words are the reporter's, no quote shared.
    unquoted = {"a": CTV, "b": PHYS_SENTENCE.replace('"', "")}
    assert _groups(_claim("a", CTV), _claim("b", PHYS_CLAIM), unquoted, 0.3) == [1, 1]


def test_titles_slogans_and_the_words_after_a_closing_quote_are_no_shared_quote() -> None:
    assert quoted_runs("bringing out McDonald to perform “Takin’ It to the Streets.”") == set()
    assert (
        quoted_runs("“We saw the need,” said Steve Clarke, deputy associate administrator for exploration")
        == set()
    )
    assert quoted_runs('the idea "is actually not so crazy."') == {("is", "actually", "not", "so", "crazy")}
