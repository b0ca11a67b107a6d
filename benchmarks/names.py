"""Benchmark the name checks (eval.names): planted faults, clean human references, injected variants.

    python benchmarks/names.py [--ntrex ../shared/data/ntrex] [--corpus references/news-demo] [--seed 13]
                               [--show CHECK] [--write-unjudged FILE]

(a) bundled corpus (references/news-demo): precision / recall of name.* findings against the planted
    faults (faults*.jsonl, kind name.*), per check. A finding matches a fault with the same document,
    system and check whose entity shares a word with the finding's entity and whose target text shows
    one of the forms the finding names (its odd forms, or the form found); a name.inconsistent finding
    is one entity's, so it finds every fault of that entity it names (Rakhimov's رخيموف and رحيم).
    TP counts findings that match a fault, "hit" faults that are matched: P = TP / found, R = hit / gold.
(b) NTREX-128 newstest2019 English→Arabic human reference, line-aligned (1-1 beads by line): name
    findings per 100 sentences, raw, and false ones: every finding is looked up in the hand-judged
    benchmarks/data/ntrex_name_findings_judged.jsonl (document, check, entity, forms; the sentence for
    a missing name) — judged "true" is a real error of the translators (most are spelling variation),
    judged "false" and findings not in the file ("unjudged", listed) count as false.
    --write-unjudged FILE writes the unjudged ones for labelling.
(c) the same reference with faults injected at a fixed seed (gold known): in a document, one later
    occurrence of a name the clean run found is replaced by a transliteration variant or a truncation
    (→ name.inconsistent), another name of the document or a CLDR place (→ name.mistranslated; only
    where the source names the entity as a word of its own, and never another word of the same
    person's name or another spelling of the same place, which the check accepts by design), or a
    bare-alef spelling (→ name.orthographic). Predictions are the findings that are new relative to the
    clean run, keyed by (document, check, entity). Injection sites are names the clean run resolved,
    so recall is conditional on entity recognition; they depend on the clean run, so the faults of a
    seed change when the checks do.
Timing: whole NTREX (123 documents, 1997 sentences), names stage only, one process.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import time
from collections import Counter, OrderedDict, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from eval.model import Bead, Sentence  # noqa: E402
from eval.names import analyse_names  # noqa: E402
from eval.names.entities import gazetteer  # noqa: E402
from eval.names.translit import fold_arabic  # noqa: E402

CHECKS = ("name.inconsistent", "name.orthographic", "name.mistranslated", "name.missing", "name.glossary",
          "name.language_vs_country")


# --------------------------------------------------------------------------- NTREX


def load_ntrex(folder: Path) -> OrderedDict[str, list[tuple[str, str]]]:
    src = (folder / "newstest2019-src.eng.txt").read_text(encoding="utf-8").splitlines()
    ref = (folder / "newstest2019-ref.arb.txt").read_text(encoding="utf-8").splitlines()
    ids = (folder / "DOCUMENT_IDS.tsv").read_text(encoding="utf-8").splitlines()
    docs: OrderedDict[str, list[tuple[str, str]]] = OrderedDict()
    for s, r, d in zip(src, ref, ids):
        docs.setdefault(d.split("\t")[0], []).append((s, r))
    return docs


def run_docs(docs, system: str = "reference:ntrex"):
    findings, rows = [], []
    for doc_id, pairs in docs.items():
        source = [Sentence(doc_id, "source", i, i, s, 0, len(s)) for i, (s, _) in enumerate(pairs)]
        target = [Sentence(doc_id, system, i, i, r, 0, len(r)) for i, (_, r) in enumerate(pairs)]
        beads = [Bead((i,), (i,)) for i in range(len(pairs))]
        res = analyse_names(doc_id, system, source, target, beads, [], {})
        findings += res.findings
        rows += res.rows
    return findings, rows


def _key(f) -> tuple[str, str, str]:
    return (f.doc_id, f.check, str(f.details.get("entity", "")))


def _sig(f) -> str:
    d = f.details
    forms = sorted(x["form"] for x in d.get("forms", ())) if "forms" in d else []
    return json.dumps([forms, d.get("found", ""), list(f.target_ids)], ensure_ascii=False)


_SWAPS = [("ج", "غ"), ("غ", "ج"), ("ك", "ق"), ("ق", "ك"), ("ت", "ط"), ("ط", "ت"), ("س", "ص"), ("ز", "س"), ("ف", "ڤ")]


def variant_of(form: str, rng: random.Random) -> str | None:
    """A plausible other transliteration: a long vowel added or removed, or a consonant swapped."""
    ops = []
    inner = [i for i in range(1, len(form) - 1) if form[i] in "اوي"]
    if inner:
        ops.append(lambda: (lambda i: form[:i] + form[i + 1:])(rng.choice(inner)))
    cons = [i for i in range(1, len(form) - 1) if form[i] not in "اوي" and form[i + 1] not in "اوي"]
    if cons:
        ops.append(lambda: (lambda i: form[:i + 1] + rng.choice("اوي") + form[i + 1:])(rng.choice(cons)))
    swaps = [(i, b) for i, ch in enumerate(form) for a, b in _SWAPS if ch == a]
    if swaps:
        ops.append(lambda: (lambda ib: form[:ib[0]] + ib[1] + form[ib[0] + 1:])(rng.choice(swaps)))
    if not ops:
        return None
    out = rng.choice(ops)()
    return out if out != form else None


def truncation_of(form: str) -> str | None:
    if " " in form or len(form) < 6:
        return None
    cut = 2 if len(form) >= 7 else 1
    return form[:-cut]


SITES: dict[tuple[str, str, str], tuple[int, str, str]] = {}


def names(entity: str, sentence: str) -> bool:
    """The English sentence has the name as a word of its own (possessive or plural allowed)."""
    return re.search(rf"(?<![\w-]){re.escape(entity)}(?:'s|’s|s)?(?![\w-])", sentence, re.IGNORECASE) is not None


def known_spellings(entity: str) -> tuple[str, ...]:
    """The CLDR / news spellings of a place or well-known name (UK: المملكة المتحدة, بريطانيا)."""
    g = gazetteer()
    for table in (g.countries, g.cities, g.people):
        hit = table.get(entity.lower())
        if hit:
            return hit[1]
    return ()


def inject(docs, rows, rng: random.Random, places: list[str]):
    """Faults at one later occurrence of up to two resolved names per document; returns (docs, gold)."""
    by_doc: dict[str, list[dict]] = defaultdict(list)
    for r in rows:
        if r["verdict"] == "ok" and r["arabic_form"] and len(set(r["sentence_ids"])) >= 2 and len(r["arabic_form"]) >= 4:
            by_doc[r["doc_id"]].append(r)
    new_docs = OrderedDict((d, list(p)) for d, p in docs.items())
    gold: list[tuple[str, str, str, str]] = []  # (doc, check, entity, kind)
    for doc_id, cands in by_doc.items():
        rng.shuffle(cands)
        used_sents: set[int] = set()
        done = 0
        for r in cands:
            if done >= 2:
                break
            form = r["arabic_form"]
            sids = [s for s in sorted(set(r["sentence_ids"]))[1:] if s not in used_sents]
            sids = [s for s in sids if new_docs[doc_id][s][1].count(form) == 1]
            if not sids:
                continue
            sid = rng.choice(sids)
            kind = rng.choice(["variant", "truncation", "substitution", "orthographic"])
            if kind == "substitution" and not names(r["entity"], new_docs[doc_id][sid][0]):
                # a substitution is only observable where the source names the entity (the word itself:
                # Black of Black-Daley is another name)
                mentioned = [x for x in sids if names(r["entity"], new_docs[doc_id][x][0])]
                if not mentioned:
                    kind = "variant"
                else:
                    sid = rng.choice(mentioned)
            if kind == "variant":
                new, check = variant_of(form, rng), "name.inconsistent"
            elif kind == "truncation":
                new, check = truncation_of(form), "name.inconsistent"
            elif kind == "orthographic":
                new = form.replace("أ", "ا").replace("إ", "ا") if re.search("[أإ]", form) else None
                check = "name.orthographic"
            else:
                # another name: not another word of the same person's name (Wayde for Sims: the check
                # accepts it, as translators do that), nor another spelling of the same place (بريطانيا for UK)
                same = set(r["english"].split()) | set(known_spellings(r["entity"]))
                others = [o["arabic_form"] for o in by_doc[doc_id] if o["entity"] != r["entity"] and " " not in o["arabic_form"]
                          and o["entity"].lower() not in new_docs[doc_id][sid][0].lower()
                          and o["entity"] not in same and o["arabic_form"] not in same]
                new = rng.choice(others) if others and rng.random() < 0.5 else rng.choice(places)
                check = "name.mistranslated"
            if not new or new == form:
                continue
            s, t = new_docs[doc_id][sid]
            new_docs[doc_id][sid] = (s, t.replace(form, new, 1))
            used_sents.add(sid)
            gold.append((doc_id, check, r["entity"], kind))
            SITES[(doc_id, check, r["entity"])] = (sid, form, new)
            done += 1
    return new_docs, gold


def prf(tp: int, fp: int, fn: int) -> tuple[float, float]:
    p = tp / (tp + fp) if tp + fp else float("nan")
    r = tp / (tp + fn) if tp + fn else float("nan")
    return p, r


# --------------------------------------------------------------------------- hand judgements (b)

JUDGED = ROOT / "benchmarks" / "data" / "ntrex_name_findings_judged.jsonl"


def _forms_of(f) -> list[str]:
    d = f.details
    if "forms" in d:
        return sorted(x["form"] for x in d["forms"])
    return [d["found"]] if d.get("found") else []


def judge_key(f) -> tuple:
    """What a judgement is about: document, check, entity and the forms named (the sentence, for a
    missing name); a finding whose forms change is judged afresh."""
    where = tuple(f.source_ids) if f.check == "name.missing" else ()
    return (f.doc_id, f.check, str(f.details.get("entity", f.details.get("language", ""))), tuple(_forms_of(f)), where)


def judge_record(f, verdict: str = "", reason: str = "") -> dict:
    return {"doc": f.doc_id, "check": f.check, "entity": str(f.details.get("entity", f.details.get("language", ""))),
            "forms": _forms_of(f), "source_ids": list(f.source_ids), "verdict": verdict, "reason": reason,
            "message": f.message}


def load_judged() -> dict[tuple, str]:
    """Judged findings on the clean NTREX reference: verdict "true" (a real error of the human translator)
    or "false" (the check is wrong); see the reason of each."""
    out: dict[tuple, str] = {}
    if JUDGED.exists():
        for line in JUDGED.read_text(encoding="utf-8").splitlines():
            if line.strip():
                r = json.loads(line)
                where = tuple(r["source_ids"]) if r["check"] == "name.missing" else ()
                out[(r["doc"], r["check"], r["entity"], tuple(sorted(r["forms"])), where)] = r["verdict"]
    return out


# --------------------------------------------------------------------------- bundled corpus


def bench_corpus(path: Path) -> None:
    from eval.commands.names import analyse_corpus
    from eval.ingest import load_corpus, load_glossary

    corpus = load_corpus(path)
    if not corpus.glossary:
        for g in sorted(path.glob("glossary*.tsv")):
            corpus.glossary += load_glossary(g)
    faults = []
    for f in sorted(path.glob("faults*.jsonl")):
        for line in f.read_text(encoding="utf-8").splitlines():
            if line.strip():
                rec = json.loads(line)
                if rec.get("kind", "").startswith("name."):
                    faults.append(rec)
    results, _cross = analyse_corpus(corpus)
    found = [(label, doc_id, f) for label, doc_id, res in results for f in res.findings]
    print(f"\n(a) {path.name}: {len(corpus.documents)} documents, systems {', '.join(corpus.systems)}, "
          f"{len(faults)} planted name faults")

    def same_entity(a: str, b: str) -> bool:
        wa, wb = set(re.findall(r"\w+", a.lower())), set(re.findall(r"\w+", b.lower()))
        return bool(wa & wb) or a.lower() in b.lower() or b.lower() in a.lower()

    def named_forms(f) -> list[str]:
        """The Arabic the finding points at: the odd forms of an inconsistency, the other spellings of an
        orthographic group, the form found (glossary, substitution, language as country)."""
        d = f.details
        if f.check == "name.inconsistent":
            return [x["form"] for x in d.get("forms", ()) if fold_arabic(x["form"]) != fold_arabic(d.get("main") or "")]
        if f.check == "name.orthographic":
            return [x["form"] for x in d.get("forms", ())[1:]]
        return [d["found"]] if d.get("found") else []

    def points_at(forms: list[str], target: str) -> bool:
        """One of the finding's forms is in the fault's target text (folded, article aside)."""
        t = fold_arabic(target)
        for x in forms:
            fx = fold_arabic(x)
            fx = fx[2:] if fx.startswith("ال") and len(fx) > 4 else fx
            if fx and fx in t:
                return True
        return False

    def matches(label: str, doc_id: str, f, rec: dict) -> bool:
        if rec["doc_id"] != doc_id or rec["system"] != label or rec["kind"] != f.check:
            return False
        if f.check == "name.language_vs_country":
            return points_at(named_forms(f), rec["target"])
        ent = str(f.details.get("entity", ""))
        forms = named_forms(f)
        return same_entity(ent, rec.get("entity", "")) and (not forms or points_at(forms, rec["target"]))

    # a finding is one entity's (all its odd forms at once): it finds every fault of that entity whose
    # text shows one of its forms; a finding that finds none is a false positive
    hit_faults: set[int] = set()
    tp_by, fp_by, gold_by, hit_by = Counter(), Counter(), Counter(), Counter()
    for rec in faults:
        gold_by[rec["kind"]] += 1
    for label, doc_id, f in found:
        hits = [k for k, rec in enumerate(faults) if matches(label, doc_id, f, rec)]
        if hits:
            tp_by[f.check] += 1
            hit_faults.update(hits)
        else:
            fp_by[f.check] += 1
            if ARGS.show and ARGS.show in f.check:
                print(f"   FP {label}/{doc_id} {f.check}: {f.message}")
    for k, rec in enumerate(faults):
        if k in hit_faults:
            hit_by[rec["kind"]] += 1
        elif ARGS.show and ARGS.show in rec["kind"]:
            print(f"   FN {rec['system']}/{rec['doc_id']} {rec['kind']}: {rec['entity']} {rec['target']}")
    print(f"   {'check':<26}{'gold':>5}{'found':>6}{'TP':>4}{'hit':>5}{'P':>7}{'R':>7}")
    for c in CHECKS:
        tp, fp, g, h = tp_by[c], fp_by[c], gold_by[c], hit_by[c]
        p = tp / (tp + fp) if tp + fp else float("nan")
        r = h / g if g else float("nan")
        print(f"   {c:<26}{g:>5}{tp + fp:>6}{tp:>4}{h:>5}{p:>7.2f}{r:>7.2f}")
    tp, fp, g, h = sum(tp_by.values()), sum(fp_by.values()), sum(gold_by.values()), sum(hit_by.values())
    print(f"   {'all name.*':<26}{g:>5}{tp + fp:>6}{tp:>4}{h:>5}{tp / max(1, tp + fp):>7.2f}{h / max(1, g):>7.2f}")


# --------------------------------------------------------------------------- main


def main() -> None:
    ntrex = Path(ARGS.ntrex)
    if Path(ARGS.corpus).is_dir():
        bench_corpus(Path(ARGS.corpus))
    else:
        print(f"(a) skipped: no corpus at {ARGS.corpus}")
    if not (ntrex / "newstest2019-src.eng.txt").exists():
        print(f"(b), (c) skipped: no NTREX at {ntrex}")
        return
    docs = load_ntrex(ntrex)
    n_sent = sum(len(p) for p in docs.values())
    gazetteer()  # built once, outside the timing
    t0, c0 = time.perf_counter(), time.process_time()
    clean, rows = run_docs(docs)
    dt, cpu = time.perf_counter() - t0, time.process_time() - c0
    c = Counter(f.check for f in clean)
    print(f"\n(b) NTREX reference, clean: {len(docs)} documents, {n_sent} sentences, "
          f"{cpu:.2f} s CPU ({dt:.2f} s wall, cold caches, one process)")
    print(f"   {'check':<26}{'findings':>9}{'per 100 sent':>14}")
    for ch in CHECKS:
        print(f"   {ch:<26}{c[ch]:>9}{100 * c[ch] / n_sent:>14.2f}")
    print(f"   {'all name.*':<26}{len(clean):>9}{100 * len(clean) / n_sent:>14.2f}")
    judged = load_judged()
    verdicts: Counter = Counter()
    unjudged = []
    for f in clean:
        v = judged.get(judge_key(f))
        verdicts[v or "unjudged"] += 1
        if v is None:
            unjudged.append(f)
    false_rate = 100 * (verdicts["false"] + verdicts["unjudged"]) / n_sent
    print(f"   hand-judged ({JUDGED.relative_to(ROOT)}): true {verdicts['true']}, false {verdicts['false']}, "
          f"unjudged {verdicts['unjudged']}")
    print(f"   {'false findings (judged false + unjudged)':<40}{verdicts['false'] + verdicts['unjudged']:>5}"
          f"{false_rate:>9.2f} per 100 sentences (target ≤ 1)")
    for f in unjudged:
        print(f"   unjudged: {f.doc_id} {f.check}: {f.message}")
    if ARGS.write_unjudged:
        Path(ARGS.write_unjudged).write_text("".join(json.dumps(judge_record(f), ensure_ascii=False) + "\n" for f in unjudged),
                                             encoding="utf-8")
    if ARGS.show:
        for f in clean:
            if ARGS.show in f.check:
                print(f"   {f.doc_id} {f.check} [{judged.get(judge_key(f), 'unjudged')}]: {f.message}")

    rng = random.Random(ARGS.seed)
    places = sorted({a for _, arabic in gazetteer().cities.values() for a in arabic if " " not in a})
    injected, gold = inject(docs, rows, rng, places)
    t0 = time.perf_counter()
    found, _ = run_docs(injected)
    dt2 = time.perf_counter() - t0
    # a prediction is a finding that is new or changed (other forms / substitute) relative to the clean run
    before = {(_key(f), _sig(f)) for f in clean}
    new = {_key(f) for f in found if (_key(f), _sig(f)) not in before}
    gold_keys = {(d, ch, e) for d, ch, e, _ in gold}
    print(f"\n(c) NTREX with {len(gold)} injected faults (seed {ARGS.seed}), {dt2:.2f} s; "
          f"kinds {dict(Counter(k for *_, k in gold))}")
    print(f"   {'check':<26}{'gold':>5}{'new':>5}{'TP':>4}{'P':>7}{'R':>7}")
    for ch in CHECKS:
        g = {k for k in gold_keys if k[1] == ch}
        pr = {k for k in new if k[1] == ch}
        tp = len(g & pr)
        p, r = prf(tp, len(pr) - tp, len(g) - tp)
        if g or pr:
            print(f"   {ch:<26}{len(g):>5}{len(pr):>5}{tp:>4}{p:>7.2f}{r:>7.2f}")
    by_kind = defaultdict(lambda: [0, 0])
    for d, ch, e, kind in gold:
        by_kind[kind][1] += 1
        by_kind[kind][0] += (d, ch, e) in new
    print("   recall by injected kind: " + ", ".join(f"{k} {a}/{b}" for k, (a, b) in sorted(by_kind.items())))
    if ARGS.show:
        for k in sorted(gold_keys - new):
            sid, old, repl = SITES[k]
            got = [f"{f.check}: {f.message[:70]}" for f in found if f.doc_id == k[0] and f.details.get("entity") == k[2]]
            print(f"   FN {k} s{sid} {old} -> {repl} | {got}")
        for k in sorted(new - gold_keys):
            print(f"   FP {k}")


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--ntrex", default=str(ROOT.parent / "shared" / "data" / "ntrex"))
    ap.add_argument("--corpus", default=str(ROOT / "references" / "news-demo"))
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--show", default="", help="list findings / misses of checks ending with this")
    ap.add_argument("--write-unjudged", metavar="FILE", help="write the clean NTREX findings not yet judged (JSONL) for labelling")
    ARGS = ap.parse_args()
    main()
