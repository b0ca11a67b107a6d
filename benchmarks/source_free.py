"""Source-free runs (issue 15): names and furniture from the Arabic alone, measured end to end.

1. The seed article (``../shared/seed``, an Arabic web copy of a Reuters story) as a folder with only
   ``systems/web/seed.txt``: `mteval run` must exit 0, find the four name groups (نزارباييف/نزارباي,
   توكاييف/توكاي, كازاخستان/قازاقستان, أبلياسوف/ابلياسوف), flag the injected "READ …" headline and the
   comment-form footer, and write no finding that blames the absent source.
2. WMT25 en→ar_EG, the three systems' outputs with the English and the reference withheld (JSONL without
   ``source``): every name finding is looked up in ``benchmarks/data/wmt25_source_free_names_judged.jsonl``
   (judged by reading the article; unjudged findings count as false). Target: precision ≥ 0.8.
   ``--write-unjudged FILE`` writes the findings not yet judged.

Both run `mteval run` in a subprocess, as users run it; the times include ingest, every check and the
tables (``--no-report`` for WMT25). There is no peer tool for name consistency without a source.
Usage: python benchmarks/source_free.py [--write-unjudged FILE]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

import wmt25  # noqa: E402

SEED = ROOT.parent / "shared" / "seed" / "000_c81270ce0b9162ad.txt"
JUDGED = ROOT / "benchmarks" / "data" / "wmt25_source_free_names_judged.jsonl"
SOURCE_CHECKS = {"omission", "addition", "empty", "number.mismatch", "number.unsupported", "length", "negation"}
GROUPS = (("نزارباييف", "نزارباي"), ("توكاييف", "توكاي"), ("كازاخستان", "قازاقستان"), ("أبلياسوف", "ابلياسوف"))


def run(corpus: Path, out: Path, *extra: str) -> float:
    t = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "eval", "run", str(corpus), "--out", str(out), "--no-progress", *extra],
                          capture_output=True, text=True)
    if done.returncode:
        sys.exit(f"mteval run failed:\n{done.stderr[-2000:]}")
    return time.perf_counter() - t


def name_findings(out: Path) -> list[dict]:
    f = pd.read_parquet(out / "findings.parquet")
    rows = []
    for r in f[f.check.str.startswith("name.")].itertuples():
        d = json.loads(r.details)
        rows.append({"doc_id": r.doc_id, "system": r.system, "check": r.check, "main": d.get("main"),
                     "forms": sorted(x["form"] for x in d.get("forms", ()))})
    return rows


def seed(tmp: Path) -> None:
    if not SEED.is_file():
        print("(1) seed article: ../shared/seed not available, skipped")
        return
    corpus = tmp / "seed" / "systems" / "web"
    corpus.mkdir(parents=True)
    (corpus / "seed.txt").write_bytes(SEED.read_bytes())
    secs = run(tmp / "seed", tmp / "seed-out")
    f = pd.read_parquet(tmp / "seed-out" / "findings.parquet")
    groups = {tuple(x["forms"]) for x in name_findings(tmp / "seed-out")}
    found = [g for g in GROUPS if tuple(sorted(g)) in groups]
    furniture = " ".join(f[f.check == "boilerplate"].target_excerpt)
    blame = sorted(set(f.check) & SOURCE_CHECKS)
    print(f"(1) seed article alone, end to end {secs:.1f} s: name groups {len(found)}/4; "
          f"'READ' headline flagged: {'READ' in furniture}; comment-form footer flagged: {'اترك تعليقاً' in furniture}; "
          f"findings blaming the source: {len(blame)} {blame or ''}")


def wmt(tmp: Path, unjudged_path: Path | None) -> None:
    if not wmt25.available():
        print("(2) WMT25: ../shared/data/wmt25-en-ar_EG not available, skipped")
        return
    corpus = tmp / "wmt25-no-source.jsonl"
    with corpus.open("w", encoding="utf-8") as fh:
        for d in wmt25.documents():
            fh.write(json.dumps({"doc_id": d["doc_id"], "systems": d["systems"]}, ensure_ascii=False) + "\n")
    secs = run(corpus, tmp / "wmt-out", "--no-report")
    judged = {}
    for line in JUDGED.read_text(encoding="utf-8").splitlines():
        if line.strip():
            j = json.loads(line)
            judged[(j["doc_id"], j["system"], j["check"], tuple(sorted(j["forms"])))] = j["verdict"]
    found = name_findings(tmp / "wmt-out")
    verdicts = [judged.get((x["doc_id"], x["system"], x["check"], tuple(x["forms"]))) for x in found]
    true = sum(v == "true" for v in verdicts)
    unjudged = [x for x, v in zip(found, verdicts) if v is None]
    names = pd.read_parquet(tmp / "wmt-out" / "names.parquet")
    blame = sorted(set(pd.read_parquet(tmp / "wmt-out" / "findings.parquet").check) & SOURCE_CHECKS)
    print(f"(2) WMT25 en→ar_EG, 3 systems × 87 documents, source and reference withheld, end to end {secs:.1f} s:")
    print(f"    name mentions found {int(names['count'].sum())} ({names.groupby(['doc_id', 'system']).entity.nunique().sum()} "
          f"entity clusters); name findings {len(found)}, judged true {true}, unjudged {len(unjudged)} (counted false); "
          f"precision {true / len(found) if found else float('nan'):.2f} (target ≥ 0.8); findings blaming the source: {len(blame)}")
    if unjudged_path and unjudged:
        unjudged_path.write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in unjudged), encoding="utf-8")
        print(f"    unjudged written to {unjudged_path}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--write-unjudged", type=Path, default=None)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        seed(Path(tmp))
        wmt(Path(tmp), args.write_unjudged)


if __name__ == "__main__":
    main()
