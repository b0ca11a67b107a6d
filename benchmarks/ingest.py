"""Ingestion memory and speed: line-aligned and JSONL corpora of ~100,000 segments × (source, reference, 3 systems).

Ingestion keeps byte-span locators, not texts (eval.ingest.lazy), so after loading, memory should
not grow with the corpus's text; walking the documents reads each one back from disk. Each case
runs in a fresh process and reports: wall time to load (validate + index), time to walk every
document (untraced run), and Python heap (tracemalloc, second run): the peak while loading, what the
corpus holds afterwards, and the peak while walking, against the size of the corpus's text.

    python benchmarks/ingest.py [TARGET_SEGMENTS]      (needs ../shared/data/ntrex)
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

from scale import NTREX, ROOT, ntrex_lines  # benchmarks/ is on sys.path when run as a script


def build(tmp: Path, target: int) -> dict:
    src, ref, ids = ntrex_lines()
    reps = max(1, round(target / len(src)))
    files = {k: [] for k in ("src", "ref", "ids", "A", "B", "C")}
    for r in range(reps):
        files["src"] += src
        files["ref"] += ref
        files["ids"] += [f"{i}#{r}" for i in ids]
        for k, cut in (("A", 0), ("B", 1), ("C", 2)):
            files[k] += [" ".join(line.split()[cut:]) for line in ref]
    paths = {}
    for k, lines in files.items():
        paths[k] = tmp / f"{k}.txt"
        paths[k].write_text("\n".join(lines) + "\n", encoding="utf-8")
    jl = tmp / "corpus.jsonl"
    with jl.open("w", encoding="utf-8") as f:
        docs: dict[str, dict] = {}
        for i, s, rf, a, b, c in zip(files["ids"], files["src"], files["ref"], files["A"], files["B"], files["C"], strict=True):
            d = docs.setdefault(i, {"doc_id": i, "source": [], "reference": [], "systems": {"A": [], "B": [], "C": []}})
            d["source"].append(s)
            d["reference"].append(rf)
            for k, t in (("A", a), ("B", b), ("C", c)):
                d["systems"][k].append(t)
        for d in docs.values():
            f.write(json.dumps(d, ensure_ascii=False) + "\n")
    text_bytes = sum(p.stat().st_size for k, p in paths.items() if k != "ids")
    return {"paths": {k: str(v) for k, v in paths.items()}, "jsonl": str(jl), "segments": len(files["src"]),
            "documents": len(set(files["ids"])), "text_mb": text_bytes / 2**20}  # fmt: skip


CHILD = r"""
import json, sys, time, tracemalloc
sys.path.insert(0, sys.argv[1])
from pathlib import Path
import eval.ingest as ingest
case, spec, traced = sys.argv[2], json.loads(sys.argv[3]), sys.argv[4] == "mem"
if traced:
    tracemalloc.start()
t0 = time.perf_counter()
if case == "lines":
    p = {k: Path(v) for k, v in spec["paths"].items()}
    corpus = ingest.load_line_aligned(p["src"], {"ref": p["ref"]}, {k: p[k] for k in "ABC"}, p["ids"])
else:
    corpus = ingest.load_corpus(spec["jsonl"])
t_load = time.perf_counter() - t0
held, load_peak = tracemalloc.get_traced_memory()
tracemalloc.reset_peak()
t0 = time.perf_counter()
chars = 0
for doc in corpus.documents:
    chars += sum(len(t) for t in doc.sides().values())
t_walk = time.perf_counter() - t0
_, walk_peak = tracemalloc.get_traced_memory()
print(json.dumps({"load_s": t_load, "walk_s": t_walk, "docs": len(corpus.documents), "chars": chars,
                  "held_mb": held / 2**20, "load_peak_mb": load_peak / 2**20, "walk_peak_mb": walk_peak / 2**20}))
"""


def main() -> None:
    target = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    if not NTREX.exists():
        print("NTREX not available (../shared/data/ntrex): skipped")
        return
    with tempfile.TemporaryDirectory() as td:
        spec = build(Path(td), target)
        print(f"corpus: {spec['segments']:,} segments, {spec['documents']:,} documents, source + reference + 3 systems, "
              f"{spec['text_mb']:.1f} MB of text on disk")  # fmt: skip
        for case in ("lines", "jsonl"):
            r = {}
            for mode in ("mem", "time"):  # heap tracing slows Python down: time a second, untraced run
                out = subprocess.run([sys.executable, "-c", CHILD, str(ROOT), case, json.dumps(spec), mode],
                                     capture_output=True, text=True, check=True).stdout  # fmt: skip
                r |= {k: v for k, v in json.loads(out).items() if (mode == "mem") == k.endswith("_mb") or k == "docs"}
            print(f"{case:6} load {r['load_s']:5.2f} s (peak {r['load_peak_mb']:5.1f} MB, then held {r['held_mb']:5.1f} MB)   "
                  f"walk all {r['docs']:,} documents {r['walk_s']:5.2f} s (peak {r['walk_peak_mb']:5.1f} MB)")  # fmt: skip


if __name__ == "__main__":
    main()
