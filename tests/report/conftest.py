"""Results folders for the report tests, written per the results-folder contract (HELPERS.md).

The rows are hand-made to look like a real en→ar news run (Kazakhstan unrest coverage, the
"Nazarbayev's government → ولاية الناصرة" mistranslation, an omission, an injected headline, a
2-1 merge) plus one document that is an XSS and bidi corpus: system outputs, messages, excerpts,
a warning and a names row carrying <script>, <img onerror>, javascript: links and U+202E / U+2067.
Every payload sets ``window.__xss`` so a browser test can tell whether any of it ran.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pandas as pd
import pytest

RLO, PDF, RLI, PDI = "\u202e", "\u202c", "\u2067", "\u2069"
XSS_SCRIPT = "<script>window.__xss=1;alert(1)</script>"
XSS_IMG = '<img src=x onerror="window.__xss=1;alert(1)">'
XSS_LINK = '<a href="javascript:window.__xss=1;alert(1)">انقر هنا</a>'
XSS_BREAKOUT = "</script><script>window.__xss=1</script>"
XSS_SVG = "<svg onload=window.__xss=1>"
XSS_REMOTE = '<img src="https://tracker.example/pixel.png" onerror="window.__xss=1">'
XSS_STRINGS = (XSS_SCRIPT, XSS_IMG, XSS_LINK, XSS_BREAKOUT, XSS_SVG, XSS_REMOTE)

SYSTEMS = ("google", "nllb-200", "gpt-4o")
SIGNATURE = {
    "chrf": "nrefs:1|case:mixed|eff:yes|nc:6|nw:0|space:no|version:2.6.0",
    "chrf++": "nrefs:1|case:mixed|eff:yes|nc:6|nw:2|space:no|version:2.6.0",
    "bleu": "nrefs:1|case:mixed|eff:no|tok:intl|smooth:exp|version:2.6.0",
    "ter": "nrefs:1|case:lc|tok:tercom|norm:no|punct:yes|asian:no|version:2.6.0",
}
#: corpus scores, deliberately not derivable from the segment rows: the report must show these
SCORES = {
    "google": {"chrf": (61.37, 58.91, 63.84), "chrf++": (58.04, 55.2, 60.9), "bleu": (31.22, 28.1, 34.4), "ter": (55.13, 52.0, 58.3)},
    "nllb-200": {"chrf": (47.12, 44.03, 50.26), "chrf++": (44.5, 41.7, 47.2), "bleu": (19.81, 17.2, 22.5), "ter": (68.32, 65.1, 71.4)},
    "gpt-4o": {"chrf": (60.02, 57.48, 62.61), "chrf++": (57.1, 54.3, 59.8), "bleu": (33.45, 30.3, 36.6), "ter": (57.04, 54.0, 60.2)},
}
#: (a, b, p): chrF says google ≈ gpt-4o, both ≫ nllb-200
PAIRS = {
    "chrf": [("google", "nllb-200", 0.001), ("google", "gpt-4o", 0.214), ("nllb-200", "gpt-4o", 0.002)],
    "bleu": [("google", "nllb-200", 0.001), ("google", "gpt-4o", 0.048), ("nllb-200", "gpt-4o", 0.001)],
}

# doc → sides → sentences, and units (source ids, reference ids, per system target ids) as the lead's
# eval/units.py builds them: shared across systems, additions as their own units.
DOCS: list[dict] = [
    {
        "doc_id": "kz-unrest-2022",
        "source": [
            "Kazakh President Kassym-Jomart Tokayev accepted the government's resignation on 5 January 2022.",
            "Protests began in the western town of Zhanaozen after fuel prices doubled.",
            "Nursultan Nazarbayev stepped down as head of the Security Council, Tokayev said.",
            "Sign up now for our daily newsletter.",
        ],
        "reference": [
            "قبل الرئيس الكازاخستاني قاسم جومارت توكاييف استقالة الحكومة في 5 يناير 2022.",
            "بدأت الاحتجاجات في بلدة جاناوزن الغربية بعد أن تضاعفت أسعار الوقود.",
            "وقال توكاييف إن نور سلطان نزارباييف تنحى عن رئاسة مجلس الأمن.",
            "اشترك الآن في نشرتنا اليومية.",
        ],
        "systems": {
            "google": [
                "قبل رئيس كازاخستان قاسم جومارت توكاييف استقالة الحكومة في 5 يناير 2022.",
                "بدأت الاحتجاجات في مدينة جاناوزن الغربية بعد تضاعف أسعار الوقود.",
                "وقال توكاييف إن نور سلطان نزارباي استقال من رئاسة مجلس الأمن.",
                "اشترك الآن في نشرتنا الإخبارية اليومية.",
            ],
            "nllb-200": [
                "قبل الرئيس الكازاخي قاسم جومارت توكاييف استقالة الحكومة في 6 يناير 2022.",
                "تنحى نزارباييف عن رئاسة مجلس الأمن، حسبما قال توكاييف.",
                "سجل الآن للحصول على نشرتنا اليومية.",
            ],
            "gpt-4o": [
                "عاجل: أخبار كازاخستان",
                "قبل الرئيس الكازاخستاني قاسم جومارت توكاييف استقالة الحكومة يوم 5 يناير 2022.",
                "اندلعت الاحتجاجات في بلدة جاناوزن غرب البلاد بعد مضاعفة أسعار الوقود.",
                "وأعلن توكاييف أن نور سلطان نزارباييف ترك رئاسة مجلس الأمن.",
                "اشترك الآن في نشرتنا اليومية.",
            ],
        },
        "units": [
            ((), (), {"google": (), "nllb-200": (), "gpt-4o": (0,)}),
            ((0,), (0,), {"google": (0,), "nllb-200": (0,), "gpt-4o": (1,)}),
            ((1,), (1,), {"google": (1,), "nllb-200": (), "gpt-4o": (2,)}),
            ((2,), (2,), {"google": (2,), "nllb-200": (1,), "gpt-4o": (3,)}),
            ((3,), (3,), {"google": (3,), "nllb-200": (2,), "gpt-4o": (4,)}),
        ],
    },
    {
        "doc_id": "nazarbayev-law",
        "source": [
            "Nazarbayev's government introduced a law on the first president in 2000.",
            "The Russian-language press called it a historic decision.",
        ],
        "reference": [
            "أصدرت حكومة نزارباييف قانونا بشأن الرئيس الأول في عام 2000.",
            "ووصفت الصحافة الناطقة بالروسية القرار بأنه تاريخي.",
        ],
        "systems": {
            "google": [
                "أصدرت حكومة نزارباييف قانونًا بشأن الرئيس الأول في عام 2000.",
                "ووصفت الصحافة الناطقة باللغة الروسية ذلك بأنه قرار تاريخي.",
            ],
            "nllb-200": [
                "أصدرت ولاية الناصرة قانونا بشأن الرئيس الأول عام 2000.",
                "ووصفت الصحافة في روسيا ذلك بأنه قرار تاريخي.",
            ],
            "gpt-4o": ["أصدرت حكومة نزارباييف قانون الرئيس الأول سنة 2000، ووصفته الصحف الناطقة بالروسية بأنه قرار تاريخي."],
        },
        "units": [((0, 1), (0, 1), {"google": (0, 1), "nllb-200": (0, 1), "gpt-4o": (0,)})],
    },
    {
        "doc_id": "xss" + RLO + "-evil<b>doc</b>",
        "source": [
            "The minister said: <b>prices will fall</b> soon.",
            "Click here for more details.",
        ],
        "reference": [
            "قال الوزير: <b>ستنخفض الأسعار</b> قريبا.",
            "انقر هنا لمزيد من التفاصيل.",
        ],
        "systems": {
            "google": [
                "قال الوزير: " + XSS_SCRIPT + " ستنخفض الأسعار قريبا.",
                XSS_IMG + " انقر هنا لمزيد من التفاصيل " + XSS_REMOTE + " https://example.com/more.",
            ],
            "nllb-200": [
                "قال الوزير " + RLO + "ستنخفض الأسعار" + PDF + " قريبا.",
                XSS_LINK + " لمزيد من التفاصيل.",
            ],
            "gpt-4o": [
                "قال الوزير: " + RLI + "ستنخفض الأسعار" + PDI + " قريبًا.",
                XSS_BREAKOUT + " انقر هنا للتفاصيل.",
            ],
        },
        "units": [
            ((0,), (0,), {"google": (0,), "nllb-200": (0,), "gpt-4o": (0,)}),
            ((1,), (1,), {"google": (1,), "nllb-200": (1,), "gpt-4o": (1,)}),
        ],
    },
]

# (doc index, system, check, severity, its_type, source_ids, target_ids, message)
FINDINGS = [
    (0, "nllb-200", "omission", "major", "omission", (1,), (), "Source sentence has no aligned translation."),
    (0, "nllb-200", "number.mismatch", "critical", "mistranslation", (0,), (0,), "5 January 2022 → 6 يناير 2022: the day differs."),
    (0, "nllb-200", "boilerplate", "info", "other", (3,), (2,), "Web-page furniture mirrored from the source."),
    (0, "google", "name.inconsistent", "major", "inconsistency", (2,), (2,), "Nazarbayev written نزارباي here, نزارباييف elsewhere."),
    (0, "google", "boilerplate", "info", "other", (3,), (3,), "Web-page furniture mirrored from the source."),
    (0, "gpt-4o", "addition", "major", "addition", (), (0,), "Target sentence with no source: an injected headline."),
    (0, "gpt-4o", "boilerplate", "major", "addition", (), (0,), "Target-only furniture: 'عاجل'."),
    (0, "gpt-4o", "name.cross_document", "minor", "inconsistency", (), (), "Tokayev rendered differently across documents."),
    (0, "reference:default", "boilerplate", "info", "other", (3,), (3,), "Reference keeps the newsletter line."),
    (1, "nllb-200", "name.mistranslated", "critical", "mistranslation", (0,), (0,), "Nazarbayev's government → ولاية الناصرة (Nazareth)."),
    (1, "nllb-200", "name.language_vs_country", "major", "mistranslation", (1,), (1,), "Russian (language) rendered as روسيا (country)."),
    (1, "google", "whitespace", "minor", "whitespace", (1,), (1,), "Doubled space."),
    (1, "gpt-4o", "length", "minor", "length", (0, 1), (0,), "Target/source length ratio 0.61 below the expected band."),
    (2, "google", "untranslated", "major", "untranslated", (0,), (0,), "Latin-script words in Arabic text: " + XSS_SCRIPT),
    (2, "google", "untranslated", "major", "untranslated", (1,), (1,), "Latin-script words: " + XSS_IMG),
    (2, "nllb-200", "characters", "major", "characters", (0,), (0,), "Bidi control characters U+202E, U+202C in " + RLO + "target" + PDF),
    (2, "nllb-200", "untranslated", "major", "untranslated", (1,), (1,), "Latin-script words: " + XSS_LINK),
    (2, "gpt-4o", "characters", "major", "characters", (0,), (0,), "Bidi isolate characters U+2067, U+2069."),
    (2, "gpt-4o", "untranslated", "major", "untranslated", (1,), (1,), XSS_BREAKOUT),
    (-1, "", "corpus.missing", "info", "other", (), (), "Nothing missing; corpus-level note."),
]

# (doc index, system, entity, english, arabic_form, count, sentence_ids, verdict)
NAMES = [
    (0, "google", "Tokayev", "Tokayev", "توكاييف", 2, (0, 2), "ok"),
    (0, "google", "Nazarbayev", "Nazarbayev", "نزارباي", 1, (2,), "inconsistent"),
    (0, "google", "Zhanaozen", "Zhanaozen", "جاناوزن", 1, (1,), "ok"),
    (0, "nllb-200", "Tokayev", "Tokayev", "توكاييف", 2, (0, 1), "ok"),
    (0, "nllb-200", "Nazarbayev", "Nazarbayev", "نزارباييف", 1, (1,), "ok"),
    (0, "gpt-4o", "Tokayev", "Tokayev", "توكاييف", 2, (1, 3), "ok"),
    (0, "gpt-4o", "Nazarbayev", "Nazarbayev", "نزارباييف", 1, (3,), "ok"),
    (0, "gpt-4o", "Zhanaozen", "Zhanaozen", "جاناوزن", 1, (2,), "ok"),
    (0, "reference:default", "Tokayev", "Tokayev", "توكاييف", 2, (0, 2), "ok"),
    (0, "reference:default", "Nazarbayev", "Nazarbayev", "نزارباييف", 1, (2,), "ok"),
    (1, "google", "Nazarbayev", "Nazarbayev", "نزارباييف", 1, (0,), "ok"),
    (1, "nllb-200", "Nazarbayev", "Nazarbayev", "ولاية الناصرة", 1, (0,), "mistranslated"),
    (1, "nllb-200", "Russian", "Russian", "روسيا", 1, (1,), "language_vs_country"),
    (1, "gpt-4o", "Nazarbayev", "Nazarbayev", "نزارباييف", 1, (0,), "ok"),
    (2, "google", "minister", "<b>minister</b>", XSS_SVG, 1, (0,), "ok" + XSS_SCRIPT),
]

WARNINGS = [
    {"kind": "dialect_mismatch", "message": "gpt-4o output looks like Egyptian Arabic (ar-EG) while the reference is Modern Standard Arabic; lexical scores against it understate gpt-4o.", "systems": ["gpt-4o"]},
    {"kind": "note", "message": "payload " + XSS_SCRIPT + " and " + RLO + "reversed text", "systems": []},
]

BASE = {"google": 62.0, "nllb-200": 48.0, "gpt-4o": 57.0}


def _seg_scores(system: str, k: int, empty: bool) -> dict[str, float]:
    if empty:
        return {"bleu": 0.0, "chrf": 0.0, "chrf_pp": 0.0, "ter": 100.0}
    chrf = BASE.get(system, 50.0) + (k * 7 % 13) - 6
    return {"bleu": chrf * 0.55, "chrf": chrf, "chrf_pp": chrf - 2.5, "ter": 100 - chrf * 0.8}


def build_results(
    out: Path,
    *,
    systems: tuple[str, ...] = SYSTEMS,
    references: bool = True,
    names: bool = True,
    xss: bool = True,
    summary: bool = True,
) -> Path:
    """Write a results folder to ``out``; switches drop what a run without references/names lacks."""
    out.mkdir(parents=True, exist_ok=True)
    docs = DOCS if xss else DOCS[:2]
    sentences, segments, documents = [], [], []
    for doc in docs:
        d = doc["doc_id"]
        sides = [("source", "", doc["source"])]
        if references:
            sides.append(("reference:default", "", doc["reference"]))
        sides += [(f"system:{s}", s, doc["systems"][s]) for s in systems]
        for side, name, sents in sides:
            pos = 0
            for i, t in enumerate(sents):
                sentences.append({"doc_id": d, "side": side, "system": name, "paragraph": i, "index": i, "text": t,
                                  "normalized": t, "start": pos, "end": pos + len(t)})
                pos += len(t) + 1
        for s in systems:
            for k, (src, ref, tgt) in enumerate(doc["units"]):
                target_text = " ".join(doc["systems"][s][i] for i in tgt[s])
                row = {
                    "doc_id": d, "system": s, "segment": k, "source_ids": list(src),
                    "source_text": " ".join(doc["source"][i] for i in src), "target_ids": list(tgt[s]),
                    "target_text": target_text, "reference": "default" if references else "",
                    "reference_ids": list(ref) if references else [],
                    "reference_text": " ".join(doc["reference"][i] for i in ref) if references else "",
                    "kind": f"{len(src)}-{len(tgt[s])}", "align_score": 0.92 if src and tgt[s] else 1.0,
                }
                if references:
                    row.update(_seg_scores(s, k, not target_text))
                segments.append(row)
    fnd = []
    for di, system, check, sev, its, sids, tids, msg in FINDINGS:
        if di >= len(docs) or (system and not system.startswith("reference:") and system not in systems):
            continue
        if system.startswith("reference:") and not references:
            continue
        doc = docs[di] if di >= 0 else None
        src_exc = " ".join(doc["source"][i] for i in sids) if doc else ""
        side = doc["reference"] if doc and system.startswith("reference:") else (doc["systems"].get(system, []) if doc else [])
        tgt_exc = " ".join(side[i] for i in tids if i < len(side))
        fnd.append({"doc_id": doc["doc_id"] if doc else "", "system": system, "check": check, "severity": sev, "its_type": its,
                    "source_ids": list(sids), "target_ids": list(tids), "source_excerpt": src_exc, "target_excerpt": tgt_exc,
                    "message": msg, "details": json.dumps({"note": msg}, ensure_ascii=False)})
    for doc in docs:
        for s in systems:
            segs = [r for r in segments if r["doc_id"] == doc["doc_id"] and r["system"] == s]
            covered = {i for r in segs if r["target_ids"] for i in r["source_ids"]}
            row = {"doc_id": doc["doc_id"], "system": s, "n_source": len(doc["source"]), "n_target": len(doc["systems"][s]),
                   "n_segments": len(segs), "coverage": len(covered) / len(doc["source"])}
            if references:
                for col in ("bleu", "chrf", "chrf_pp", "ter"):
                    vals = [r[col] for r in segs]
                    row[col] = sum(vals) / len(vals)
            row["name_accuracy"] = 0.5 if (s == "nllb-200" and doc["doc_id"] == "nazarbayev-law") else 1.0
            row["name_consistency"] = 0.5 if (s == "google" and doc["doc_id"] == "kz-unrest-2022") else 1.0
            sev = {x: 0 for x in ("critical", "major", "minor", "info")}
            for f in fnd:
                if f["doc_id"] == doc["doc_id"] and f["system"] == s:
                    sev[f["severity"]] += 1
            row.update({f"findings_{k}": v for k, v in sev.items()})
            row["findings_total"] = sum(sev.values())
            documents.append(row)
    nm = []
    for di, system, entity, english, form, count, sids, verdict in NAMES:
        if di >= len(docs) or (not system.startswith("reference:") and system not in systems):
            continue
        if system.startswith("reference:") and not references:
            continue
        nm.append({"doc_id": docs[di]["doc_id"], "system": system, "entity": entity, "english": english, "arabic_form": form,
                   "count": count, "sentence_ids": list(sids), "verdict": verdict})

    pd.DataFrame(sentences).to_parquet(out / "sentences.parquet", index=False)
    pd.DataFrame(segments).to_parquet(out / "segments.parquet", index=False)
    pd.DataFrame(fnd).to_parquet(out / "findings.parquet", index=False)
    pd.DataFrame(documents).to_parquet(out / "documents.parquet", index=False)
    if names:
        pd.DataFrame(nm).to_parquet(out / "names.parquet", index=False)
    if summary:
        counts: dict[str, dict] = {}
        for f in fnd:
            c = counts.setdefault(f["system"] or "(corpus)", {"critical": 0, "major": 0, "minor": 0, "info": 0, "by_check": {}})
            c[f["severity"]] += 1
            c["by_check"][f["check"]] = c["by_check"].get(f["check"], 0) + 1
        summ = {
            "schema_version": 1,
            "corpus": {"name": "news-demo", "format": "directory"},
            "config": {"metrics": {"metrics": ["bleu", "chrf", "chrf++", "ter"], "tokenize": "intl", "normalize": "none",
                                   "bootstrap": 1000, "significance": "paired-bs", "resample": "documents", "seed": 12345}},
            "versions": {"mteval": "0.1.0", "sacrebleu": "2.6.0"},
            "systems": list(systems),
            "references": ["default"] if references else [],
            "segmentation": "sentences",
            "scores": {},
            "significance": {},
            "names": {s: {"accuracy": {"google": 0.8, "nllb-200": 0.6, "gpt-4o": 1.0}.get(s, 0.9),
                          "consistency": {"google": 0.67, "nllb-200": 1.0, "gpt-4o": 1.0}.get(s, 0.9)} for s in systems},
            "findings": counts,
            "warnings": list(WARNINGS) if references else list(WARNINGS) + [
                {"kind": "no_reference", "message": "no Arabic reference: lexical metrics (BLEU, chrF, TER) were not computed; checks and names still ran", "systems": list(systems)}],
            "totals": {"documents": len(docs), "sentences": len(sentences), "segments": len(segments), "findings": len(fnd)},
        }
        if references:
            for s in systems:
                summ["scores"][s] = {m: {"score": v[0], "ci_low": v[1], "ci_high": v[2], "n_segments": 8, "n_documents": len(docs),
                                         "signature": SIGNATURE[m]} for m, v in SCORES.get(s, SCORES["google"]).items()}
            for metric, pairs in PAIRS.items():
                ps = []
                for a, b, p in pairs:
                    if a in systems and b in systems:
                        ps.append({"a": a, "b": b, "n_documents": len(docs), "delta": SCORES[b][metric][0] - SCORES[a][metric][0],
                                   "p_value": p, "significant": p < 0.05})
                summ["significance"][metric] = {"method": "paired-bs", "unit": "documents", "resamples": 1000, "seed": 12345, "pairs": ps}
        (out / "summary.json").write_text(json.dumps(summ, ensure_ascii=False, indent=2), encoding="utf-8")
    return out


@pytest.fixture()
def make_results():
    """The builder itself, for tests that need a variant (tests cannot import conftest by name)."""
    return build_results


@pytest.fixture()
def xss_strings() -> tuple[str, ...]:
    return XSS_STRINGS


@pytest.fixture()
def results_dir(tmp_path: Path) -> Path:
    """A full results folder: three systems, a reference, names, and the XSS/bidi document."""
    return build_results(tmp_path / "run")


@pytest.fixture()
def results_noref(tmp_path: Path) -> Path:
    """A run without references: no metric columns, no names.parquet, no scores in summary.json."""
    return build_results(tmp_path / "noref", references=False, names=False)


# --- browser ------------------------------------------------------------------------------------

CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run",
]


def find_chromium() -> str | None:
    """The system Chromium (Debian package ``chromium``), or $MTEVAL_CHROMIUM."""
    for cand in (os.environ.get("MTEVAL_CHROMIUM"), shutil.which("chromium"), shutil.which("chromium-browser"), "/usr/bin/chromium"):
        if cand and Path(cand).is_file() and os.access(cand, os.X_OK):
            return cand
    return None


@pytest.fixture(scope="session")
def browser():
    """A headless Chromium through Playwright; skipped only where there is none and CI is unset."""
    exe = find_chromium()
    if exe is None:
        if os.environ.get("CI"):
            pytest.fail("CI is set but no Chromium was found (install the Debian package 'chromium' or set MTEVAL_CHROMIUM)")
        pytest.skip("browser tests need Chromium: install the Debian package 'chromium' or set MTEVAL_CHROMIUM")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        if os.environ.get("CI"):
            pytest.fail("CI is set but playwright is not installed (pip install -e '.[browser]')")
        pytest.skip("browser tests need playwright: pip install -e '.[browser]'")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=exe, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture(scope="session")
def artifacts_dir() -> Path:
    d = Path(__file__).resolve().parents[1] / "artifacts"
    d.mkdir(exist_ok=True)
    return d


# --- a strict little HTML tree (stdlib only) ------------------------------------------------------

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class Node:
    """An element: tag, attributes, children (Nodes and strings)."""

    def __init__(self, tag: str, attrs: dict[str, str | None], parent: Node | None = None):
        self.tag, self.attrs, self.parent, self.children = tag, attrs, parent, []

    def iter(self, tag: str | None = None):
        if tag is None or self.tag == tag:
            yield self
        for c in self.children:
            if isinstance(c, Node):
                yield from c.iter(tag)

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def classes(self) -> set[str]:
        return set((self.attrs.get("class") or "").split())

    def find_id(self, ident: str) -> Node | None:
        return next((n for n in self.iter() if n.attrs.get("id") == ident), None)


def parse_html(html: str) -> Node:
    """Parse into a tree, failing on any end tag that does not close the innermost open element."""
    from html.parser import HTMLParser

    root = Node("#root", {})

    class P(HTMLParser):
        def __init__(self):
            super().__init__(convert_charrefs=True)
            self.cur = root

        def handle_starttag(self, tag, attrs):
            node = Node(tag, dict(attrs), self.cur)
            self.cur.children.append(node)
            if tag not in VOID:
                self.cur = node

        def handle_startendtag(self, tag, attrs):
            self.cur.children.append(Node(tag, dict(attrs), self.cur))

        def handle_endtag(self, tag):
            if tag in VOID:
                return
            assert self.cur.tag == tag, f"</{tag}> closes <{self.cur.tag}> (line {self.getpos()[0]})"
            self.cur = self.cur.parent

        def handle_data(self, data):
            self.cur.children.append(data)

    p = P()
    p.feed(html)
    p.close()
    assert p.cur is root, f"unclosed <{p.cur.tag}>"
    return root


@pytest.fixture()
def html_tree():
    return parse_html
