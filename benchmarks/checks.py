"""Benchmark of the QA checks (eval.checks): recall/precision on planted faults, false findings on human references.

1. Planted faults: the bundled corpus ``references/news-demo`` has ``faults*.jsonl`` (doc_id, system,
   kind, target = an exact substring of the system output, source, note). Every system side is
   segmented, aligned (``eval.align.align``; 1-1 by index if the aligner is missing) and checked with
   the default configuration. A fault is *found* when a finding of the same check covers a target
   sentence containing the fault's ``target`` text. Precision counts the findings (severity minor and
   above) of each check on the system sides: a finding is correct when it covers a planted fault of
   its check. Families: number.* → number, punctuation.* → punctuation; target recall ≥ 0.9 per family.
2. Human references: NTREX-128 en→ar (1 997 sentence pairs, one per line, 1-1) and WMT24++ en→ar_SA
   and en→ar_EG (segments split and aligned as the pipeline does; bad sources and the canary line
   dropped; ``register.dialect`` is told the region's variety). Findings per 100 sentences per check.
   Human references are not error-free (a £6 million sum written in dollars, doubled words, dropped
   numbers), so every major+ finding on the *news* references (NTREX, WMT24++ news) is judged by hand in
   ``benchmarks/data/checks_reference_judged.jsonl`` (verdict and reason); a finding not in that file
   counts as false. Target: ≤ 2 false findings per 100 sentences, severity major and above, on the news
   references. WMT24++ social, speech and literary segments are reported raw: their references are
   colloquial by design (Gulf and Egyptian dialect, English product names kept), outside the news scope.
   ``--write-unjudged FILE`` writes new unjudged findings for labelling.
3. Variety warning on WMT25 en→ar_EG (reference in Egyptian; systems Algharb, SRPOL, TranssionMT).

Usage: python benchmarks/checks.py [--fit-length] [--show-fp CHECK] [--show-misses]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter, defaultdict
from functools import lru_cache
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from eval.checks import corpus_warnings, registry, run_checks  # noqa: E402
from eval.checks.content import char_len  # noqa: E402
from eval.model import SEVERITY_RANK, Bead, Sentence  # noqa: E402
from eval.text.split import segment_document  # noqa: E402

DEMO = ROOT / "references" / "news-demo"
SHARED = ROOT.parent / "shared" / "data"
MAJOR = SEVERITY_RANK["major"]


def family(check_id: str) -> str:
    return registry()[check_id].family if check_id in registry() else check_id.split(".")[0]


def _align(src: list[Sentence], tgt: list[Sentence]) -> list[Bead]:
    try:
        from eval.align import align
    except ImportError:
        align = None
    if align is not None:
        try:
            return align([s.text for s in src], [t.text for t in tgt])
        except Exception as exc:  # an unfinished aligner must not stop the benchmark
            print(f"  aligner failed ({exc}); using 1-1 by index", file=sys.stderr)
    return one_to_one(len(src), len(tgt))


def one_to_one(ns: int, nt: int) -> list[Bead]:
    return [Bead((i,) if i < ns else (), (i,) if i < nt else ()) for i in range(max(ns, nt))]


def _squash(text: str) -> str:
    return " ".join(text.split())


# --------------------------------------------------------------------------------------------
# 1. planted faults
# --------------------------------------------------------------------------------------------


def planted(show_misses: bool, show_fp: str | None) -> dict:
    faults = []
    for f in sorted(DEMO.glob("faults*.jsonl")):
        faults += [json.loads(line) for line in f.read_text(encoding="utf-8").splitlines() if line.strip()]
    ids = set(registry())
    mine = [f for f in faults if f["kind"] in ids]
    findings_by_side: dict[tuple[str, str], list] = {}
    targets: dict[tuple[str, str], list[Sentence]] = {}
    texts: dict[tuple[str, str], str] = {}
    for sysdir in sorted((DEMO / "systems").iterdir()):
        for path in sorted(sysdir.glob("*.txt")):
            doc = path.stem
            src_text = (DEMO / "source" / f"{doc}.txt").read_text(encoding="utf-8")
            src = segment_document(doc, "source", src_text, "en")
            texts[(doc, sysdir.name)] = path.read_text(encoding="utf-8")
            tgt = segment_document(doc, f"system:{sysdir.name}", texts[(doc, sysdir.name)], "ar")
            beads = _align(src, tgt)
            findings_by_side[(doc, sysdir.name)] = run_checks(doc, sysdir.name, src, tgt, beads, {})
            targets[(doc, sysdir.name)] = tgt

    def covers(finding, fault) -> bool:
        """The finding's target sentences overlap an occurrence of the fault's target text."""
        key = (fault["doc_id"], fault["system"])
        tgt, text, needle = targets[key], texts[key], fault["target"]
        if not needle:
            return False
        spans = [(tgt[i].start, tgt[i].end) for i in finding.target_ids]
        pos = text.find(needle)
        while pos >= 0:
            if any(a < pos + len(needle) and pos < b for a, b in spans):
                return True
            pos = text.find(needle, pos + 1)
        return False

    found = Counter()
    total = Counter()
    misses = []
    for f in mine:
        total[f["kind"]] += 1
        fs = findings_by_side.get((f["doc_id"], f["system"]), [])
        if any(x.check == f["kind"] and covers(x, f) for x in fs):
            found[f["kind"]] += 1
        else:
            misses.append(f)
    tp = Counter()
    fp = Counter()
    fps = defaultdict(list)
    for (doc, system), fs in findings_by_side.items():
        side_faults = [f for f in mine if f["doc_id"] == doc and f["system"] == system]
        for x in fs:
            if x.severity == "info":
                continue
            if any(f["kind"] == x.check and covers(x, f) for f in side_faults):
                tp[x.check] += 1
            else:
                fp[x.check] += 1
                fps[x.check].append((doc, system, x))
    rows = []
    for cid in registry():
        n = total[cid]
        prec_den = tp[cid] + fp[cid]
        rows.append({
            "check": cid, "family": family(cid), "faults": n, "found": found[cid],
            "recall": found[cid] / n if n else None, "findings": prec_den,
            "precision": tp[cid] / prec_den if prec_den else None,
        })  # fmt: skip
    fam = defaultdict(lambda: [0, 0])
    for r in rows:
        fam[r["family"]][0] += r["found"]
        fam[r["family"]][1] += r["faults"]
    print(f"\n1. Planted faults in {DEMO.relative_to(ROOT)} ({len(mine)} of {len(faults)} faults are QA-check kinds)")
    print(f"{'check':22} {'faults':>6} {'found':>6} {'recall':>7} {'findings':>9} {'precision':>9}")
    for r in rows:
        rec = f"{r['recall']:.2f}" if r["recall"] is not None else "–"
        pre = f"{r['precision']:.2f}" if r["precision"] is not None else "–"
        print(f"{r['check']:22} {r['faults']:6d} {r['found']:6d} {rec:>7} {r['findings']:9d} {pre:>9}")
    print("family recall: " + ", ".join(
        f"{k} {v[0]}/{v[1]} = {v[0] / v[1]:.2f}" for k, v in sorted(fam.items()) if v[1]))  # fmt: skip
    if show_misses:
        for f in misses:
            print("  MISS", f["kind"], f["doc_id"], f["system"], repr(f["target"]), f["note"])
    if show_fp:
        for doc, system, x in fps.get(show_fp, []):
            print("  FP", doc, system, x.target_ids, x.message[:150], "|", x.target_excerpt[:100])
    return {"rows": rows, "families": {k: v for k, v in fam.items()}}


# --------------------------------------------------------------------------------------------
# 2. human references
# --------------------------------------------------------------------------------------------


def _lines(p: Path) -> list[str]:
    return p.read_text(encoding="utf-8").replace("\r", "").rstrip("\n").split("\n")


def _sentences(doc: str, side: str, texts: list[str]) -> list[Sentence]:
    return [Sentence(doc, side, i, i, t.strip(), 0, len(t.strip())) for i, t in enumerate(texts)]


def ntrex_docs() -> list[tuple[str, list[str], list[str]]] | None:
    d = SHARED / "ntrex"
    if not d.exists():
        return None
    src, ref = _lines(d / "newstest2019-src.eng.txt"), _lines(d / "newstest2019-ref.arb.txt")
    ids = _lines(d / "DOCUMENT_IDS.tsv")
    docs: dict[str, tuple[list[str], list[str]]] = {}
    for i, s, r in zip(ids, src, ref, strict=True):
        docs.setdefault(i.strip(), ([], []))
        docs[i.strip()][0].append(s)
        docs[i.strip()][1].append(r)
    return [(k, v[0], v[1]) for k, v in docs.items()]


def wmt24_docs(region: str, domains: set[str] | None = None) -> list[tuple[str, list[str], list[str]]] | None:
    p = SHARED / "wmt24pp" / f"en-ar_{region}.jsonl"
    if not p.exists():
        return None
    docs: dict[str, tuple[list[str], list[str]]] = {}
    for line in p.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        if row.get("is_bad_source") or row.get("domain") == "canary":
            continue
        if domains and row["domain"] not in domains:
            continue
        docs.setdefault(row["document_id"], ([], []))
        docs[row["document_id"]][0].append(row["source"])
        docs[row["document_id"]][1].append(row["target"])
    return [(k, v[0], v[1]) for k, v in docs.items()]


def false_findings(name: str, docs, config: dict, show_fp: str | None, split: bool = False) -> dict:
    """Findings on a human reference. ``split``: segments are paragraphs, segmented and aligned as the pipeline does."""
    counts = Counter()
    n = 0
    examples = defaultdict(list)
    for doc, src_l, ref_l in docs:
        if split:
            src = segment_document(doc, "source", "\n".join(x.replace("\n", " ") for x in src_l), "en")
            tgt = segment_document(doc, "reference:human", "\n".join(x.replace("\n", " ") for x in ref_l), "ar")
            beads = _align(src, tgt)
        else:
            src = _sentences(doc, "source", src_l)
            tgt = _sentences(doc, "reference:human", ref_l)
            beads = one_to_one(len(src), len(tgt))
        n += len(tgt)
        for f in run_checks(doc, "reference:human", src, tgt, beads, config):
            if f.severity == "info":
                continue
            counts[(f.check, f.severity)] += 1
            examples[f.check].append(f)
    per_check = Counter()
    per_check_major = Counter()
    major = 0
    for (cid, sev), k in counts.items():
        per_check[cid] += k
        if SEVERITY_RANK[sev] <= MAJOR:
            major += k
            per_check_major[cid] += k
    judged = judgements()
    verdicts = Counter()
    unjudged = []
    for fs in examples.values():
        for f in fs:
            if SEVERITY_RANK[f.severity] > MAJOR:
                continue
            v = judged.get((name, f.doc_id, tuple(f.target_ids), f.check))
            verdicts[v or "unjudged"] += 1
            if v is None:
                unjudged.append({"set": name, "doc": f.doc_id, "target_ids": list(f.target_ids), "check": f.check,
                                 "verdict": "", "reason": "", "message": f.message, "excerpt": f.target_excerpt})  # fmt: skip
    if show_fp:
        for f in examples.get(show_fp, [])[:40]:
            print(f"  FP[{name}]", f.doc_id, f.target_ids, f.message[:140], "|", f.target_excerpt[:120])
    return {"name": name, "sentences": n, "per_check": per_check, "per_check_major": per_check_major,
            "major_plus": major, "verdicts": verdicts, "unjudged": unjudged}  # fmt: skip


JUDGED = Path(__file__).resolve().parent / "data" / "checks_reference_judged.jsonl"


@lru_cache(maxsize=1)
def judgements() -> dict[tuple, str]:
    """Hand judgements of findings on the news references: (set, doc, target ids, check) → "true" | "false".

    A human reference is not error-free (doubled words, a pound sum written in dollars, mixed digit
    systems): findings judged true are real errors of the translator, not false findings.
    """
    if not JUDGED.exists():
        return {}
    out = {}
    for line in JUDGED.read_text(encoding="utf-8").splitlines():
        if line.strip():
            r = json.loads(line)
            out[(r["set"], r["doc"], tuple(r["target_ids"]), r["check"])] = r["verdict"]
    return out


def references(show_fp: str | None) -> list[dict]:
    sets = []
    nt = ntrex_docs()
    if nt:
        sets.append(false_findings("NTREX en→ar", nt, {}, show_fp) | {"news": True})
    # WMT24++ references are written in the regional dialect (measured below), so register.dialect
    # is told which variety is expected, as a user evaluating en→ar_EG would.
    for region, cfg in (("SA", {"register.dialect": {"allowed": ["gulf"]}}),
                        ("EG", {"register.dialect": {"allowed": ["egyptian"]}})):  # fmt: skip
        d = wmt24_docs(region)
        if d:
            sets.append(false_findings(f"WMT24++ ar_{region}", d, cfg, show_fp, split=True))
        d = wmt24_docs(region, {"news"})
        if d:
            sets.append(false_findings(f"WMT24++ ar_{region} news", d, cfg, None, split=True) | {"news": True})
    if not sets:
        print("\n2. Human references: ../shared/data not available, skipped")
        return sets
    print("\n2. False findings per 100 sentences on human references (severity minor and above)")
    head = f"{'check':22} {'sev':8}" + "".join(f" {s['name'][:22]:>24}" for s in sets)
    print(head)
    for cid, c in registry().items():
        cells = "".join(f" {100 * s['per_check'][cid] / max(1, s['sentences']):24.2f}" for s in sets)
        print(f"{cid:22} {c.severity:8}{cells}")
    print("  of which at severity major or above:")
    for cid in registry():
        if any(s["per_check_major"][cid] for s in sets):
            cells = "".join(f" {100 * s['per_check_major'][cid] / max(1, s['sentences']):24.2f}" for s in sets)
            print(f"  {cid:29}{cells}")
    print(f"{'ALL major+ (raw)':31}" + "".join(f" {100 * s['major_plus'] / max(1, s['sentences']):24.2f}" for s in sets))
    print(f"{'sentences':31}" + "".join(f" {s['sentences']:24d}" for s in sets))
    print("  hand-judged (benchmarks/data/checks_reference_judged.jsonl; news references only):")
    for key in ("true", "false", "unjudged"):
        print(f"  {'judged ' + key if key != 'unjudged' else 'unjudged':29}"
              + "".join(f" {s['verdicts'][key] if s.get('news') else '–':>24}" for s in sets))  # fmt: skip
    print(f"{'FALSE major+ /100 (target ≤2)':31}"
          + "".join(f" {false_rate(s):24.2f}" if s.get("news") else f" {'–':>24}" for s in sets))  # fmt: skip
    return sets


def false_rate(s: dict) -> float:
    """False findings per 100 sentences: judged false, plus unjudged counted as false."""
    return 100 * (s["verdicts"]["false"] + s["verdicts"]["unjudged"]) / max(1, s["sentences"])


# --------------------------------------------------------------------------------------------
# 3. variety warning on WMT25
# --------------------------------------------------------------------------------------------


def wmt25() -> list[dict] | None:
    d = SHARED / "wmt25-en-ar_EG"
    if not d.exists():
        print("\n3. WMT25 en→ar_EG not available, skipped")
        return None
    from eval.text.split import split_sentences

    def sents(text: str) -> list[str]:
        return [text[a:b] for a, b in split_sentences(text, "ar")]

    ref = [json.loads(x) for x in (d / "wmt25-genmt.en-ar_EG.jsonl").read_text(encoding="utf-8").splitlines()]
    refs = {"refA": [s for r in ref for s in sents(r["refs"]["refA"]["ref"])]}
    systems = {}
    for p in sorted((d / "systems").glob("*.jsonl")):
        rows = [json.loads(x) for x in p.read_text(encoding="utf-8").splitlines()]
        systems[p.name.split(".")[0]] = [s for r in rows for s in sents(r["hypothesis"])]
    warnings = corpus_warnings(systems, refs)
    print("\n3. Variety warning on WMT25 en→ar_EG")
    for w in warnings:
        det = w["details"]
        print(f"  reference {det['reference']}: {det['reference_profile']}")
        for name, prof in det["system_profiles"].items():
            print(f"  {name}: {prof}")
        print("  WARNING systems:", w["systems"])
        print("  message:", w["message"])
    if not warnings:
        print("  no warning")
    return warnings


def fit_length() -> None:
    nt = ntrex_docs()
    if not nt:
        print("NTREX not available")
        return
    for min_chars in (0, 20, 30, 50):
        r = np.array([char_len(a) / char_len(e) for _, S, A in nt for e, a in zip(S, A, strict=True)
                      if char_len(e) >= max(1, min_chars) and char_len(a)])  # fmt: skip
        q = np.quantile(r, [0.001, 0.005, 0.01, 0.5, 0.99, 0.995, 0.999])
        print(f"NTREX min_source_chars={min_chars}: n={len(r)} quantiles .1/.5/1/50/99/99.5/99.9% = "
              + " ".join(f"{x:.3f}" for x in q))  # fmt: skip
    for region in ("SA", "EG"):
        d = wmt24_docs(region)
        if d:
            r = np.array([char_len(a) / char_len(e) for _, S, A in d for e, a in zip(S, A, strict=True)
                          if char_len(e) >= 30 and char_len(a)])  # fmt: skip
            q = np.quantile(r, [0.005, 0.01, 0.5, 0.99, 0.995])
            print(f"WMT24++ ar_{region} (≥30): n={len(r)} quantiles .5/1/50/99/99.5% = " + " ".join(f"{x:.3f}" for x in q))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--fit-length", action="store_true", help="print length-ratio quantiles and exit")
    ap.add_argument("--show-fp", metavar="CHECK", help="print false findings of one check")
    ap.add_argument("--show-misses", action="store_true", help="print planted faults that were missed")
    ap.add_argument("--write-unjudged", metavar="FILE", help="write major+ findings on news references not yet judged (JSONL)")
    args = ap.parse_args()
    if args.fit_length:
        fit_length()
        return
    t0 = time.time()
    res = planted(args.show_misses, args.show_fp)
    refs = references(args.show_fp)
    wmt25()
    bad = [k for k, v in res["families"].items() if v[1] and v[0] / v[1] < 0.9]
    over = [s["name"] for s in refs if s.get("news") and false_rate(s) > 2]
    if args.write_unjudged:
        rows = [r for s in refs if s.get("news") for r in s["unjudged"]]
        Path(args.write_unjudged).write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
        print(f"{len(rows)} unjudged findings written to {args.write_unjudged}")
    print(f"\ntargets: family recall ≥ 0.9 {'MET' if not bad else 'NOT met: ' + ', '.join(bad)}; "
          f"false major+ findings on news references ≤ 2/100 {'MET' if not over else 'NOT met: ' + ', '.join(over)} "
          f"({time.time() - t0:.1f}s)")  # fmt: skip


if __name__ == "__main__":
    main()
