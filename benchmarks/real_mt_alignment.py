"""Real-MT section of the alignment benchmark: WMT25 en→ar_EG, three systems, end to end.

Runs ``mteval run`` (the CLI, as users do) on all 87 WMT25 documents with the source, the Egyptian
reference and the three systems, then reports per system:

* omission + addition findings of severity major and above per 100 source sentences, and how many of
  them are real by the judgements in ``benchmarks/data/real_mt_alignment_judged.jsonl`` (each finding
  read against its paragraphs; an unjudged finding counts as false);
* beads that cross a paragraph boundary (0 when paragraphs correspond, as they do in WMT25);
* corpus chrF, chrF++ and BLEU of ``mteval run`` against sacrebleu's over the organisers' paragraphs.
  TER is left out of this run: sacrebleu's TER takes about 70 s per system on these 100-word
  paragraphs, for mteval and for sacrebleu alike (both compute it per paragraph); the test suite checks
  TER's equality on synthetic paragraphs.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks import wmt25  # noqa: E402

JUDGED = ROOT / "benchmarks" / "data" / "real_mt_alignment_judged.jsonl"
METRICS = ("bleu", "chrf", "chrf++")


def judgements() -> dict[tuple[str, str, str, str], dict]:
    out = {}
    if JUDGED.is_file():
        for line in JUDGED.read_text(encoding="utf-8").splitlines():
            r = json.loads(line)
            out[(r["doc_id"], r["system"], r["check"], r["excerpt"])] = r
    return out


def crossing_beads(docs: list[dict]) -> tuple[dict[str, int], dict[str, int]]:
    """Per system: beads of its own alignment whose sentences lie in more than one paragraph, and
    documents whose paragraphs did not correspond (aligned as one sequence)."""
    from eval.align.paragraphs import align_paragraphs, plain
    from eval.text.split import segment_document

    crossing: dict[str, int] = {}
    fallback: dict[str, int] = {}
    for d in docs:
        src = segment_document(d["doc_id"], "source", d["source"], "en")
        for s, text in d["systems"].items():
            tgt = segment_document(d["doc_id"], f"system:{s}", text, "ar")
            placed = align_paragraphs(src, tgt)
            if placed is None:  # the whole document is aligned as one sequence: nothing to cross
                fallback[s] = fallback.get(s, 0) + 1
                continue
            beads = plain(placed)
            crossing[s] = crossing.get(s, 0) + sum(
                len({src[i].paragraph for i in b.source_ids}) > 1 or len({tgt[j].paragraph for j in b.target_ids}) > 1
                for b in beads)
    return crossing, fallback


def main() -> None:
    import pandas as pd

    if not wmt25.available():
        sys.exit(f"WMT25 not found at {wmt25.WMT25}")
    docs = wmt25.documents()
    with tempfile.TemporaryDirectory() as tmp:
        corpus = wmt25.write_corpus(Path(tmp) / "wmt25.jsonl", docs)
        out = Path(tmp) / "out"
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-m", "eval", "run", str(corpus), "--out", str(out), "--no-report",
                        "--no-progress", "--metrics", ",".join(METRICS)], check=True, cwd=ROOT,
                       stdout=subprocess.DEVNULL)
        secs = time.perf_counter() - t0
        summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
        findings = pd.read_parquet(out / "findings.parquet")
        sentences = pd.read_parquet(out / "sentences.parquet")
    t0 = time.perf_counter()
    peer = wmt25.sacrebleu_paragraph_scores(docs, METRICS)
    peer_secs = time.perf_counter() - t0
    n_src = int((sentences.side == "source").sum())
    judged = judgements()
    crossing, fallback = crossing_beads(docs)
    big = findings[findings.check.isin(["omission", "addition"]) & findings.severity.isin(["critical", "major"])]
    print(f"WMT25 en→ar_EG, 87 documents, {n_src} source sentences; `mteval run` {secs:.0f} s end to end "
          f"({','.join(METRICS)}, names and checks included); sacrebleu on the paragraphs {peer_secs:.1f} s")
    print(f"{'system':<14} {'om+add/100':>10} {'judged true':>11} {'crossing':>8}  "
          + "  ".join(f"{m + ' ours/sacrebleu/Δ':>26}" for m in METRICS))
    for s in [*wmt25.SYSTEMS, "reference:ref"]:
        mine = big[big.system == s]
        true = sum(1 for r in mine.itertuples()
                   if judged.get((r.doc_id, s, r.check, r.source_excerpt or r.target_excerpt), {}).get("verdict") == "true")
        scores = ""
        if s in peer:
            scores = "  ".join(f"{summary['scores'][s][m]['score']:8.2f} {peer[s][m]:8.2f} "
                               f"{summary['scores'][s][m]['score'] - peer[s][m]:+7.2f}" for m in METRICS)
        print(f"{s:<14} {100 * len(mine) / n_src:10.2f} {true:>5}/{len(mine):<5} {crossing.get(s, 0):8d}  {scores}")
    print(f"documents aligned as one sequence (paragraphs not corresponding): {fallback or 'none'}")
    unjudged = [r for r in big.itertuples()
                if (r.doc_id, r.system, r.check, r.source_excerpt or r.target_excerpt) not in judged]
    print(f"unjudged omission/addition findings (counted as false): {len(unjudged)}")


if __name__ == "__main__":
    main()
