"""Neural-metric throughput on CPU with tiny models, and what the on-disk cache saves on a rerun.

Tiny random-weight models (eval.neural.tiny) measure our batching/caching overhead, not a real
model's speed; a real LaBSE on CPU is roughly 100× slower per segment.
Usage: python benchmarks/neural.py [N_SEGMENTS]
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from eval.neural.backtranslate import BackTranslator  # noqa: E402
from eval.neural.encoder import SentenceEncoder  # noqa: E402
from eval.neural.tiny import TEXTS, build_tiny_encoder, build_tiny_seq2seq  # noqa: E402


def main(n: int = 2000) -> None:
    texts = [f"{TEXTS[i % len(TEXTS)]} {i}" for i in range(n)]
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        enc_path, s2s_path = build_tiny_encoder(tmp / "enc"), build_tiny_seq2seq(tmp / "s2s")
        rows = []
        for name, make, call, k in (
            ("encoder (xsim)", lambda c: SentenceEncoder(str(enc_path), "cpu", 32, c, False), lambda m: m.encode(texts), n),
            ("seq2seq (back-translation)", lambda c: BackTranslator(str(s2s_path), "cpu", 32, c, False, max_new_tokens=8),
             lambda m: m.translate(texts[: n // 4]), n // 4),
        ):
            cache = tmp / f"cache-{name[:3]}"
            m = make(cache)
            t0 = time.perf_counter()
            call(m)
            cold = time.perf_counter() - t0
            m2 = make(cache)
            t0 = time.perf_counter()
            call(m2)
            warm = time.perf_counter() - t0
            rows.append((name, k, k / cold, k / warm, m2.cache.hits))
    print(f"{'model':30} {'segments':>8} {'cold seg/s':>11} {'cached seg/s':>13} {'cache hits':>10}")
    for name, k, cold, warm, hits in rows:
        print(f"{name:30} {k:8d} {cold:11.0f} {warm:13.0f} {hits:10d}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 2000)
