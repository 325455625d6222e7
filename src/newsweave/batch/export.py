"""The tables only the single writer can make, written beside the workers' ones once it is done:
``stories`` (each article's story), ``mention_entities`` (each mention's resolved entity) and
``entities`` (those the run's articles mention, with their spellings and who used them)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import pyarrow as pa

from newsweave.batch import layout
from newsweave.store.bulk import chunks

if TYPE_CHECKING:
    from newsweave.store import Store

SCHEMAS = {
    "stories": pa.schema([("article_id", pa.string()), ("story_id", pa.string())]),
    "mention_entities": pa.schema(
        [("article_id", pa.string()), ("idx", pa.int32()), ("entity_id", pa.string())]
    ),
    "entities": pa.schema(
        [
            ("id", pa.string()),
            ("name", pa.string()),
            ("type", pa.string()),
            ("country", pa.string()),
            ("mention_count", pa.int64()),
            (
                "aliases",
                pa.list_(pa.struct([("alias", pa.string()), ("article_ids", pa.list_(pa.string()))])),
            ),
        ]
    ),
}


def export_store_tables(output: Path, article_ids: Sequence[str], store: Store) -> list[str]:
    """Write the stories, mention entities and entities of ``article_ids``; returns the files."""
    stories = store.stories.story_of(article_ids)
    story_rows = [{"article_id": a, "story_id": stories[a]} for a in sorted(stories)]
    mention_rows = []
    entity_ids: set[str] = set()
    for chunk in chunks(sorted(set(article_ids))):
        for article_id, analysis in sorted(store.analysis.load_story_inputs(chunk).items()):
            for idx, mention in enumerate(analysis.mentions):
                if mention.entity_id:
                    mention_rows.append(
                        {"article_id": article_id, "idx": idx, "entity_id": mention.entity_id}
                    )
                    entity_ids.add(mention.entity_id)
    entity_rows = [
        {
            "id": entity.id,
            "name": entity.name,
            "type": entity.type,
            "country": entity.country,
            "mention_count": entity.mention_count,
            "aliases": [
                {"alias": alias, "article_ids": sorted(ids)} for alias, ids in sorted(entity.aliases.items())
            ],
        }
        for entity in store.analysis.load_entities(sorted(entity_ids))
    ]
    written = {"stories": story_rows, "mention_entities": mention_rows, "entities": entity_rows}
    return [
        layout.write_table(output, name, pa.Table.from_pylist(rows, schema=SCHEMAS[name]))
        for name, rows in written.items()
    ]
