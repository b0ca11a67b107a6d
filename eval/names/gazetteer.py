"""Conventional Arabic spellings of name tokens, shipped with the package.

``data/gazetteer.tsv.gz`` is built by ``tools/make_gazetteer.py`` from the Wikidata-mined English→Arabic
name-token lexicon (CC0 1.0; Merhav & Ash, COLING 2018): for each lower-case Latin name token, the Arabic
token Wikidata's labels use most often (smith → سميث, korolyov → كوروليوف), misaligned pairs removed.
It says how a name is *usually* written, not whether a word is a name: ordinary words are surnames too
(english → إنغليش), so callers must not treat membership as evidence that a token is a name.
"""

from __future__ import annotations

import gzip
from functools import lru_cache
from importlib import resources


@lru_cache(maxsize=1)
def gazetteer() -> dict[str, str]:
    """Lower-case English token → its conventional Arabic spelling (about 63,000 tokens)."""
    raw = resources.files("eval.names").joinpath("data/gazetteer.tsv.gz").read_bytes()
    lines = gzip.decompress(raw).decode("utf-8").splitlines()[1:]
    return {en: ar for en, ar, _n in (line.split("\t") for line in lines)}


def conventional(english: str) -> str | None:
    """The gazetteer's spelling of a name of one or more tokens (every token must be known), or None."""
    table = gazetteer()
    parts = [table.get(w.lower()) for w in english.split()]
    return " ".join(parts) if parts and all(parts) else None
