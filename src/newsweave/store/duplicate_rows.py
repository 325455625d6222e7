"""Reading and writing what duplicate detection keeps (used through ``Store.duplicates``): text hashes,
MinHash signatures and their LSH buckets, and which original each copy follows."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from sqlalchemy import insert, select, update

from newsweave.store.schema import articles, lsh_buckets, minhashes

if TYPE_CHECKING:
    from newsweave.store.connections import Connections


class DuplicateRows:
    """The duplicate-detection rows of one store."""

    def __init__(self, store: Connections) -> None:
        self.store = store

    def original_with_hash(self, text_hash: str) -> str | None:
        """The original (non-duplicate) article whose cleaned text has this hash, if any."""
        with self.store.reading() as connection:
            return connection.scalar(
                select(articles.c.id)
                .where(articles.c.text_hash == text_hash, articles.c.duplicate_of.is_(None))
                .limit(1)
            )

    def root_of(self, article_id: str) -> str:
        """The original an article copies (itself when it is an original)."""
        with self.store.reading() as connection:
            parent = connection.scalar(select(articles.c.duplicate_of).where(articles.c.id == article_id))
        return parent or article_id

    def add_signature(self, article_id: str, signature: bytes, band_keys: Sequence[int]) -> None:
        """Keep an article's signature; index it for near-duplicate lookups under ``band_keys`` (if any)."""
        with self.store.atomic() as connection:
            connection.execute(insert(minhashes).values(article_id=article_id, signature=signature))
            if band_keys:
                rows = [{"band_key": key, "article_id": article_id} for key in set(band_keys)]
                connection.execute(insert(lsh_buckets), rows)

    def lsh_candidates(self, band_keys: Sequence[int]) -> dict[str, bytes]:
        """Signatures of the articles sharing at least one LSH band key."""
        with self.store.reading() as connection:
            query = select(minhashes.c.article_id, minhashes.c.signature).where(
                minhashes.c.article_id.in_(
                    select(lsh_buckets.c.article_id).where(lsh_buckets.c.band_key.in_(list(band_keys)))
                )
            )
            return {row.article_id: row.signature for row in connection.execute(query)}

    def make_original(self, new_root: str, old_root: str, similarity: float) -> None:
        """An earlier-published copy arrived: it becomes the original of ``old_root``'s group."""
        with self.store.atomic() as connection:
            connection.execute(
                update(articles).where(articles.c.duplicate_of == old_root).values(duplicate_of=new_root)
            )
            connection.execute(
                update(articles)
                .where(articles.c.id == old_root)
                .values(
                    duplicate_of=new_root,
                    duplicate_kind="near" if similarity < 1 else "exact",
                    similarity=similarity,
                )
            )
