"""Build ``eval/names/data/gazetteer.tsv.gz`` from the Wikidata-mined English→Arabic name-token lexicon.

Source: ``../shared/data/names/wikidata-en-ar/wikidata-en-ar-names.tsv`` (CC0 1.0; Merhav & Ash,
"Design Challenges in Named Entity Transliteration", COLING 2018; see that folder's NOTICE.md): one row
per lower-case Latin name token with its single most frequent Arabic token in Wikidata labels.

Kept: Latin tokens of letters (and inner hyphens or apostrophes) and Arabic tokens of Arabic letters,
whose pair is a transliteration by our own matcher (similarity ≥ 0.5) — the positional pairing
upstream misaligns names of unequal token counts (sir→كنغرف, viscount→جيمس), and those pairs fail
the matcher. Rerunning gives the same file (sorted by count, then English).

Usage: python tools/make_gazetteer.py [SOURCE_TSV]
"""

from __future__ import annotations

import csv
import gzip
import sys
from pathlib import Path

import regex

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from eval.names.translit import name_similarity_any  # noqa: E402

SOURCE = ROOT.parent / "shared" / "data" / "names" / "wikidata-en-ar" / "wikidata-en-ar-names.tsv"
OUT = ROOT / "eval" / "names" / "data" / "gazetteer.tsv.gz"
LATIN = regex.compile(r"^\p{Latin}+(?:['’-]\p{Latin}+)*$")
ARABIC = regex.compile(r"^[\u0621-\u064A]+$")
MIN_SIMILARITY = 0.5


def rows(path: Path):
    with path.open(encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
            en, ar, n = r["english"], r["arabic"], int(r["count"])
            if LATIN.match(en) and ARABIC.match(ar) and name_similarity_any(en, ar) >= MIN_SIMILARITY:
                yield en, ar, n


def main() -> None:
    src = Path(sys.argv[1]) if len(sys.argv) > 1 else SOURCE
    kept = sorted(rows(src), key=lambda r: (-r[2], r[0]))
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with gzip.GzipFile(OUT, "wb", mtime=0) as raw:
        raw.write(("english\tarabic\tcount\n" + "".join(f"{e}\t{a}\t{n}\n" for e, a, n in kept)).encode("utf-8"))
    print(f"{OUT.relative_to(ROOT)}: {len(kept):,} names from {src}")


if __name__ == "__main__":
    main()
