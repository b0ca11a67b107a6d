"""Report scale benchmark: NTREX-size results (2,000 segments × 4 systems) → report.html → Chromium.

Builds a synthetic results folder per the results-folder contract (random Arabic/English
sentences, ~1 finding per segment and system, names, scores, significance), renders it, and
loads it from file:// in the system Chromium, timing load and the first filter of the findings
table. Targets (issue 7): file under 15 MB, load + first filter under 2 s.

    python benchmarks/report.py [--segments 2000] [--systems 4] [--docs 123] [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from eval.report import render_report  # noqa: E402

EN_TEXT = ("the government said on Monday that protests in the capital had spread to other cities after fuel prices rose "
           "sharply while officials met opposition leaders to discuss reforms and the president promised new elections "
           "within months according to state media reports citing senior ministers and regional governors")
EN = EN_TEXT.split()
AR_TEXT = ("قالت الحكومة يوم الاثنين إن الاحتجاجات في العاصمة امتدت إلى مدن أخرى بعد ارتفاع أسعار الوقود بشكل حاد بينما "
           "التقى المسؤولون بزعماء المعارضة لمناقشة الإصلاحات ووعد الرئيس بإجراء انتخابات جديدة خلال أشهر وفقا لتقارير "
           "وسائل الإعلام الرسمية نقلا عن وزراء كبار وحكام المناطق")
AR = AR_TEXT.split()
NAMES = [("Tokayev", ["توكاييف", "توكايف"]), ("Nazarbayev", ["نزارباييف", "نزارباييف", "نزارباي"]),
         ("Almaty", ["ألماتي", "الماتي"]), ("Zhanaozen", ["جاناوزن", "جاناوزين"]), ("Astana", ["أستانا", "استانا"])]
CHECKS = [("name.inconsistent", "major"), ("name.orthographic", "minor"), ("name.mistranslated", "critical"),
          ("number.mismatch", "critical"), ("omission", "major"), ("addition", "major"), ("length", "minor"),
          ("punctuation.latin", "minor"), ("untranslated", "major"), ("repetition", "major"), ("whitespace", "minor"),
          ("boilerplate", "info"), ("negation", "minor"), ("quotes.unbalanced", "minor")]
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


def sentence(rng: random.Random, words: list[str], lo: int = 14, hi: int = 30) -> str:
    return " ".join(rng.choice(words) for _ in range(rng.randint(lo, hi))) + "."


def build(out: Path, n_segments: int, n_systems: int, n_docs: int, seed: int = 7) -> dict[str, int]:
    """Write a synthetic results folder; return row counts."""
    rng = random.Random(seed)
    systems = [f"system-{chr(65 + i)}" for i in range(n_systems)]
    per_doc = [n_segments // n_docs + (1 if i < n_segments % n_docs else 0) for i in range(n_docs)]
    sentences, segments, findings, documents, names = [], [], [], [], []
    for d, n in enumerate(per_doc):
        doc_id = f"ntrex-{d:04d}"
        src = [sentence(rng, EN) for _ in range(n)]
        ref = [sentence(rng, AR) for _ in range(n)]
        ent = rng.sample(NAMES, 3)
        for i in range(n):
            en_name, forms = ent[i % 3]
            src[i] = f"{en_name} " + src[i]
            ref[i] = f"{forms[0]} " + ref[i]
        sides = {"source": src, "reference:default": ref}
        for k, s in enumerate(systems):
            hyp = []
            for i in range(n):
                words = ref[i].split()
                for j in range(len(words)):
                    if rng.random() < 0.15 + 0.05 * k:
                        words[j] = rng.choice(AR)
                hyp.append(" ".join(words))
            sides[f"system:{s}"] = hyp
        for side, sents in sides.items():
            for i, t in enumerate(sents):
                sentences.append({"doc_id": doc_id, "side": side, "system": side.split(":", 1)[1] if side.startswith("system:") else "",
                                  "paragraph": i, "index": i, "text": t, "normalized": t, "start": 0, "end": len(t)})
        for k, s in enumerate(systems):
            hyp = sides[f"system:{s}"]
            omitted = {i for i in range(n) if rng.random() < 0.01}
            doc_scores = []
            for i in range(n):
                chrf = max(0.0, min(100.0, rng.gauss(60 - 4 * k, 12))) if i not in omitted else 0.0
                doc_scores.append(chrf)
                segments.append({
                    "doc_id": doc_id, "system": s, "segment": i, "source_ids": [i], "source_text": src[i],
                    "target_ids": [] if i in omitted else [i], "target_text": "" if i in omitted else hyp[i],
                    "reference": "default", "reference_ids": [i], "reference_text": ref[i],
                    "kind": "1-0" if i in omitted else "1-1", "align_score": round(rng.uniform(0.4, 1.0), 3),
                    "bleu": chrf * 0.55, "chrf": chrf, "chrf_pp": chrf - 2, "ter": 100 - chrf * 0.8,
                })
                for _ in range(rng.choice([0, 0, 1, 1, 1, 2, 2])):
                    check, sev = rng.choice(CHECKS)
                    findings.append({
                        "doc_id": doc_id, "system": s, "check": check, "severity": sev, "its_type": "other",
                        "source_ids": [i], "target_ids": [] if i in omitted else [i], "source_excerpt": src[i][:120],
                        "target_excerpt": hyp[i][:120], "message": f"{check}: synthetic finding in segment {i}",
                        "details": json.dumps({"segment": i}),
                    })
            sev_counts = {x: sum(1 for f in findings if f["doc_id"] == doc_id and f["system"] == s and f["severity"] == x)
                          for x in ("critical", "major", "minor", "info")}
            mean = sum(doc_scores) / len(doc_scores)
            documents.append({"doc_id": doc_id, "system": s, "n_source": n, "n_target": n - len(omitted), "n_segments": n,
                              "coverage": 1 - len(omitted) / n, "bleu": mean * 0.55, "chrf": mean, "chrf_pp": mean - 2,
                              "ter": 100 - mean * 0.8, "name_accuracy": rng.uniform(0.6, 1), "name_consistency": rng.uniform(0.5, 1),
                              **{f"findings_{x}": v for x, v in sev_counts.items()}, "findings_total": sum(sev_counts.values())})
            for en_name, forms in ent:
                for form in rng.sample(forms, rng.randint(1, len(forms))):
                    names.append({"doc_id": doc_id, "system": s, "entity": en_name, "english": en_name, "arabic_form": form,
                                  "count": rng.randint(1, 5), "sentence_ids": [0], "verdict": "ok" if form == forms[0] else "variant"})
    out.mkdir(parents=True, exist_ok=True)
    for name, rows in (("sentences", sentences), ("segments", segments), ("findings", findings), ("documents", documents), ("names", names)):
        pd.DataFrame(rows).to_parquet(out / f"{name}.parquet", index=False)
    scores = {s: {m: {"score": 60 - 4 * k + d, "ci_low": 58 - 4 * k + d, "ci_high": 62 - 4 * k + d, "signature": f"{m}|nrefs:1|version:2.6.0"}
                  for m, d in (("chrf", 0), ("chrf++", -2), ("bleu", -28))} for k, s in enumerate(systems)}
    pairs = [{"a": a, "b": b, "delta": -4.0 * (j - i), "p_value": 0.001 if j - i > 0 else 0.5, "significant": True}
             for i, a in enumerate(systems) for j, b in enumerate(systems) if i < j]
    summary = {"schema_version": 1, "corpus": {"name": "synthetic-ntrex"}, "systems": systems, "references": ["default"],
               "scores": scores, "significance": {"chrf": {"method": "paired-bs", "unit": "documents", "resamples": 1000, "pairs": pairs}},
               "names": {s: {"accuracy": 0.8, "consistency": 0.9} for s in systems}, "warnings": [],
               "totals": {"documents": n_docs, "sentences": len(sentences), "segments": len(segments), "findings": len(findings)}}
    (out / "summary.json").write_text(json.dumps(summary), encoding="utf-8")
    return {"segments": len(segments), "findings": len(findings), "names": len(names)}


def wait_js(page, expr: str, timeout: float = 10.0) -> None:
    """Poll a condition from outside the page (Playwright's wait_for_function evaluates strings inside it,
    which the report's CSP forbids)."""
    end = time.perf_counter() + timeout
    while not page.evaluate(expr):
        if time.perf_counter() > end:
            raise TimeoutError(expr)
        time.sleep(0.002)


def browser_timings(html: Path, runs: int = 3) -> dict[str, float]:
    """Best-of-``runs`` timings (ms) in headless Chromium: load, first filter, opening a document."""
    from playwright.sync_api import sync_playwright

    exe = os.environ.get("MTEVAL_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    best: dict[str, float] = {}
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=exe, args=CHROMIUM_ARGS)
        for _ in range(runs):
            page = b.new_page(viewport={"width": 1400, "height": 900})
            t0 = time.perf_counter()
            page.goto(html.as_uri(), wait_until="load")
            wall_load = (time.perf_counter() - t0) * 1000
            nav = page.evaluate("performance.getEntriesByType('navigation')[0].loadEventEnd")
            t1 = time.perf_counter()
            page.evaluate("location.hash = '#findings'")
            wait_js(page, "document.getElementById('f-body').rows.length > 0")
            first_view = (time.perf_counter() - t1) * 1000
            filt = page.evaluate(
                """() => new Promise(resolve => {
                     const t = performance.now();
                     const s = document.getElementById('f-sev'); s.value = '0';
                     s.dispatchEvent(new Event('change'));
                     requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - t), 0));
                   })"""
            )
            search = page.evaluate(
                """() => new Promise(resolve => {
                     const t = performance.now();
                     const q = document.getElementById('f-q'); q.value = 'segment 7';
                     q.dispatchEvent(new Event('input'));
                     setTimeout(() => requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - t - 120), 0)), 121);
                   })"""
            )
            t2 = time.perf_counter()
            page.evaluate("location.hash = '#d5-r3'")
            wait_js(page, "document.getElementById('d5-r3') !== null")
            open_doc = (time.perf_counter() - t2) * 1000
            for k, v in {"load (navigation entry)": nav, "load (wall, Playwright)": wall_load, "findings view first draw": first_view,
                         "first filter (severity)": filt, "search (after debounce)": search, "open document + scroll": open_doc}.items():
                best[k] = min(best.get(k, float("inf")), float(v))
            page.close()
        b.close()
    best["load + first filter"] = best["load (wall, Playwright)"] + best["findings view first draw"] + best["first filter (severity)"]
    return best


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--segments", type=int, default=2000)
    ap.add_argument("--systems", type=int, default=4)
    ap.add_argument("--docs", type=int, default=123)
    ap.add_argument("--keep", type=Path, help="write the results folder here and keep it")
    ap.add_argument("--no-browser", action="store_true")
    args = ap.parse_args()
    tmp = None
    out = args.keep
    if out is None:
        tmp = tempfile.TemporaryDirectory()
        out = Path(tmp.name) / "results"
    t = time.perf_counter()
    counts = build(out, args.segments, args.systems, args.docs)
    t_build = time.perf_counter() - t
    t = time.perf_counter()
    html = render_report(out)
    t_render = time.perf_counter() - t
    size = html.stat().st_size
    rows = [("segments (rows, all systems)", f"{counts['segments']:,}"), ("findings", f"{counts['findings']:,}"),
            ("build results folder", f"{t_build:.2f} s"), ("render report.html", f"{t_render:.2f} s"),
            ("report size", f"{size / 1e6:.2f} MB (target < 15 MB)")]
    if not args.no_browser:
        for k, v in browser_timings(html).items():
            rows.append((k, f"{v:.0f} ms" + (" (target < 2000 ms)" if k == "load + first filter" else "")))
    w = max(len(k) for k, _ in rows)
    print(f"{'measure':<{w}}  value")
    print("-" * (w + 30))
    for k, v in rows:
        print(f"{k:<{w}}  {v}")
    if tmp is not None:
        tmp.cleanup()


if __name__ == "__main__":
    main()
