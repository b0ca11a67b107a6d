"""Cross-lingual sentence similarity with any local ``AutoModel`` encoder (LaBSE-style), mean pooled.

Without an Arabic reference, the English source is the only reference: cosine similarity between
source and MT embeddings from a multilingual encoder tells adequacy apart from nonsense. The same
encoder can feed the aligner's embedding hook (``embed(texts, lang)``).
"""

from __future__ import annotations

import numpy as np

from eval.neural.batching import batched_by_length
from eval.neural.cache import ModelCache
from eval.neural.loading import pick_device, require_torch, resolve_model


class SentenceEncoder:
    """Mean-pooled, L2-normalised sentence embeddings from a local model, cached on disk."""

    def __init__(self, model: str, device: str = "auto", batch_size: int = 16, cache_dir=None, progress: bool = True,
                 max_length: int = 256):
        torch, transformers = require_torch()
        self.resolved = resolve_model(model)
        self.device = pick_device(device)
        self.tokenizer = transformers.AutoTokenizer.from_pretrained(self.resolved.path, local_files_only=True)
        self.model = transformers.AutoModel.from_pretrained(self.resolved.path, local_files_only=True).to(self.device).eval()
        self.batch_size = batch_size
        self.max_length = max_length
        self.progress = progress
        self.cache = ModelCache(cache_dir, self.resolved.requested, self.resolved.revision, "embed-mean")
        self._torch = torch

    @property
    def dim(self) -> int:
        return int(self.model.config.hidden_size)

    def _encode_batch(self, texts: list[str]) -> list[np.ndarray]:
        torch = self._torch
        enc = self.tokenizer(texts, padding=True, truncation=True, max_length=self.max_length, return_tensors="pt")
        enc = {k: v.to(self.device) for k, v in enc.items() if k in ("input_ids", "attention_mask", "token_type_ids")}
        with torch.inference_mode():
            hidden = self.model(**enc).last_hidden_state
        mask = enc["attention_mask"].unsqueeze(-1).to(hidden.dtype)
        pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
        pooled = torch.nn.functional.normalize(pooled, dim=-1)
        return list(pooled.float().cpu().numpy())

    def encode(self, texts: list[str]) -> np.ndarray:
        """Unit vectors, one row per text (empty text → zero vector)."""
        uniq = sorted({t for t in texts if t.strip()})
        cached = self.cache.get_many(uniq)
        todo = [t for t in uniq if t not in cached]
        if todo:
            vecs = batched_by_length(todo, self.batch_size, self._encode_batch, "embedding", self.progress)
            new = {t: v.astype(np.float32).tobytes() for t, v in zip(todo, vecs)}
            self.cache.put_many(new)
            cached.update(new)
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for i, t in enumerate(texts):
            if t in cached:
                out[i] = np.frombuffer(cached[t], dtype=np.float32)
        return out

    def __call__(self, texts: list[str], lang: str | None = None) -> np.ndarray:
        """The aligner's embedding hook."""
        return self.encode(texts)

    def similarity(self, sources: list[str], targets: list[str]) -> np.ndarray:
        """Cosine similarity per pair; NaN where either side is empty (omission/addition)."""
        a, b = self.encode(sources), self.encode(targets)
        sim = (a * b).sum(axis=1).astype(np.float64)
        empty = np.array([not s.strip() or not t.strip() for s, t in zip(sources, targets)], dtype=bool)
        sim[empty] = np.nan
        return sim
