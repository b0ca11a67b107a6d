"""An on-disk cache of model outputs keyed by model, revision, task and text, so reruns cost nothing.

SQLite (standard library) holds one row per (key → value); values are embeddings (float32 bytes) or
strings (translations) or floats (scores). Keys are SHA-256 of the model id, revision, task and the
exact input text, so an edited sentence misses and an unchanged one hits.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
from pathlib import Path


def default_cache_dir() -> Path:
    if os.environ.get("MTEVAL_CACHE"):
        return Path(os.environ["MTEVAL_CACHE"])
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "mteval"


class ModelCache:
    """Key-value store for one (model, revision, task)."""

    def __init__(self, directory: str | Path | None, model: str, revision: str, task: str):
        self.directory = Path(directory) if directory else default_cache_dir()
        self.directory.mkdir(parents=True, exist_ok=True)
        self.prefix = f"{model}\0{revision}\0{task}\0"
        self.db = sqlite3.connect(self.directory / "neural-cache.sqlite3")
        self.db.execute("CREATE TABLE IF NOT EXISTS cache (key TEXT PRIMARY KEY, value BLOB)")
        self.hits = 0
        self.misses = 0

    def key(self, text: str) -> str:
        return hashlib.sha256((self.prefix + text).encode("utf-8")).hexdigest()

    def get_many(self, texts: list[str]) -> dict[str, bytes]:
        """Values for the texts already cached, keyed by text."""
        keys = {self.key(t): t for t in texts}
        found: dict[str, bytes] = {}
        items = list(keys)
        for i in range(0, len(items), 500):
            chunk = items[i : i + 500]
            q = f"SELECT key, value FROM cache WHERE key IN ({','.join('?' * len(chunk))})"
            for k, v in self.db.execute(q, chunk):
                found[keys[k]] = v
        self.hits += len(found)
        self.misses += len(set(texts)) - len(found)
        return found

    def put_many(self, items: dict[str, bytes]) -> None:
        with self.db:
            self.db.executemany("INSERT OR REPLACE INTO cache VALUES (?, ?)", [(self.key(t), v) for t, v in items.items()])

    def close(self) -> None:
        self.db.close()
