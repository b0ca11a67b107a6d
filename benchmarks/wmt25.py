"""WMT25 en→ar_EG (../shared/data/wmt25-en-ar_EG) as an mteval JSONL corpus, plus sacrebleu's paragraph scores.

Shared by the real-MT benchmarks. The test set holds whole documents whose paragraphs are separated by
a blank line; the three systems' outputs have the same paragraphs (``paragraphs_match`` is true for all
87 documents), so sacrebleu's paragraph-level corpus score is the peer figure for ``mteval run``.
"""

from __future__ import annotations

import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WMT25 = ROOT.parent / "shared" / "data" / "wmt25-en-ar_EG"
SYSTEMS = ("Algharb", "SRPOL", "TranssionMT")


def available() -> bool:
    return (WMT25 / "wmt25-genmt.en-ar_EG.jsonl").is_file()


def documents() -> list[dict]:
    """One dict per document: doc_id, source, reference, systems{name: text} (texts as published)."""
    hyps: dict[str, dict[str, str]] = {}
    for s in SYSTEMS:
        with open(WMT25 / "systems" / f"{s}.en-ar_EG.jsonl", encoding="utf-8") as f:
            for line in f:
                d = json.loads(line)
                hyps.setdefault(d["doc_id"], {})[s] = d["hypothesis"]
    out = []
    with open(WMT25 / "wmt25-genmt.en-ar_EG.jsonl", encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            out.append({"doc_id": d["doc_id"], "source": d["src_text"], "reference": d["refs"]["refA"]["ref"],
                        "systems": {s: hyps[d["doc_id"]][s] for s in SYSTEMS}})
    return out


def paragraphs(text: str) -> list[str]:
    """The organisers' segments: the document split at blank lines."""
    return text.split("\n\n")


def write_corpus(path: Path, docs: list[dict] | None = None, *, with_source: bool = True) -> Path:
    """The documents as an mteval JSONL corpus at ``path``."""
    docs = documents() if docs is None else docs
    with open(path, "w", encoding="utf-8") as f:
        for d in docs:
            row = {"doc_id": d["doc_id"], "reference": d["reference"], "systems": d["systems"]}
            if with_source:
                row["source"] = d["source"]
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
    return path


def sacrebleu_paragraph_scores(docs: list[dict] | None = None,
                               metrics: tuple[str, ...] = ("bleu", "chrf", "chrf++", "ter")) -> dict[str, dict[str, float]]:
    """sacrebleu corpus BLEU (intl tokenizer, as mteval's default), chrF, chrF++ and TER over the paragraphs."""
    from sacrebleu.metrics import BLEU, CHRF, TER

    docs = documents() if docs is None else docs
    refs = [p for d in docs for p in paragraphs(d["reference"])]
    out: dict[str, dict[str, float]] = {}
    for s in SYSTEMS:
        hyps = [p for d in docs for p in paragraphs(d["systems"][s])]
        assert len(hyps) == len(refs)
        scorers = {"bleu": lambda: BLEU(tokenize="intl"), "chrf": CHRF, "chrf++": lambda: CHRF(word_order=2), "ter": TER}
        out[s] = {m: scorers[m]().corpus_score(hyps, [refs]).score for m in metrics}
    return out


if __name__ == "__main__":
    import sys

    print(json.dumps(sacrebleu_paragraph_scores(), indent=1))
    if len(sys.argv) > 1:
        write_corpus(Path(sys.argv[1]))
