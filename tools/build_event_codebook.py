"""Build ``src/newsweave/events/codebook.json`` from the PLOVER/CAMEO files in ../shared/data/plover.

Run: ``.venv/bin/python tools/build_event_codebook.py`` (the output is committed; the package reads
only the JSON at run time).
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CODEBOOKS = ROOT.parent / "shared" / "data" / "plover" / "codebooks"
OUTPUT = ROOT / "src" / "newsweave" / "events" / "codebook.json"
QUAD_NAMES = {
    "1": "verbal cooperation",
    "2": "material cooperation",
    "3": "verbal conflict",
    "4": "material conflict",
}


def _rows(name: str) -> list[dict[str, str]]:
    with (CODEBOOKS / name).open(encoding="utf-8", errors="replace") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def build() -> dict[str, object]:
    """The compact codebook: CAMEO codes, PLOVER scores, sectors, quad classes."""
    cameo: dict[str, dict[str, object]] = {}
    for row in _rows("cameo_event_goldstein_merged.tsv"):
        # The merged file repeats the root rows; the first occurrence wins.
        cameo.setdefault(
            row["code"],
            {
                "description": row["description"].strip(),
                "goldstein": float(row["goldstein_gdelt"]),
                "quad": row["quad_class_01-05_06-08_09-13_14-20"],
                "plover": row["plover_category_2021"].strip(),
                "mode": row["plover_mode"].strip(),
            },
        )
    scores = [
        {"category": row["plover_category"], "mode": row["mode"], "score": float(row["score"])}
        for row in _rows("plover_scores_v0.8.tsv")
    ]
    sectors = {row["code"]: row["description"] for row in _rows("plover_sector_codes_v0.8.tsv")}
    return {
        "source": "openeventdata/PLOVER v0.8 and CAMEO/GDELT tables, via ../shared/data/plover",
        "licence": "CC BY-SA 4.0",
        "quad_names": QUAD_NAMES,
        "cameo": cameo,
        "plover_scores": scores,
        "sectors": sectors,
    }


def main() -> None:
    OUTPUT.write_text(json.dumps(build(), indent=0, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {OUTPUT}")


if __name__ == "__main__":
    main()
