"""``mteval names CORPUS``: the entity table per system and document, and a glossary draft.

Why a separate command: editors fix names first (they are what a newsroom cannot publish wrong), and
``--write-glossary`` turns one run into a glossary.tsv they approve once and reuse in every run.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from pathlib import Path
from typing import TYPE_CHECKING

import click

from eval.model import Bead, Sentence

if TYPE_CHECKING:
    from eval.names.draft import Draft

#: worst first: the verdict shown for an entity is the worst of its rows
VERDICT_ORDER = ("mistranslated", "missing", "truncated", "inconsistent", "glossary", "orthographic", "ok", "unmatched")


def _paragraph_beads(source: list[Sentence], target: list[Sentence]) -> list[Bead]:
    """Paragraph-level beads when both sides have as many paragraphs (fallback without the aligner)."""
    sp: dict[int, list[int]] = defaultdict(list)
    tp: dict[int, list[int]] = defaultdict(list)
    for s in source:
        sp[s.paragraph].append(s.index)
    for t in target:
        tp[t.paragraph].append(t.index)
    if len(sp) != len(tp):
        return []
    return [Bead(tuple(sp[a]), tuple(tp[b])) for a, b in zip(sorted(sp), sorted(tp))]


def align_sides(source: list[Sentence], target: list[Sentence]) -> list[Bead]:
    """The beads `mteval run` uses, or paragraph beads when the aligner is unavailable."""
    try:
        from eval.align.paragraphs import align_document, plain
    except ImportError:
        return _paragraph_beads(source, target)
    return plain(align_document(source, target))


def analyse_corpus(corpus, systems: list[str] | None = None, references: bool = False, params: dict | None = None):
    """Run the names stage over a corpus: (side label, doc_id, NameResult) triples plus cross-doc findings."""
    from eval.names import analyse_names, cross_document_findings
    from eval.text.split import segment_document

    out = []
    rows: list[dict] = []
    from eval.names.monolingual import monolingual_names

    for doc in corpus.documents:
        src = segment_document(doc.doc_id, "source", doc.source, "en") if doc.source is not None else None
        sides: list[tuple[str, str]] = []
        if references:
            sides += [(f"reference:{name}", text) for name, text in doc.references.items()]
        sides += [(name, text) for name, text in doc.systems.items() if systems is None or name in systems]
        for label, text in sides:
            tgt = segment_document(doc.doc_id, label, text, "ar")
            if src is None:  # no English: consistency of the Arabic names within the article
                res = monolingual_names(doc.doc_id, label, tgt, params or {})
            else:
                res = analyse_names(doc.doc_id, label, src, tgt, align_sides(src, tgt), list(corpus.glossary), params or {})
            out.append((label, doc.doc_id, res))
            rows += res.rows
    return out, cross_document_findings(rows)


def entity_table(rows: list[dict], show_all: bool = False) -> list[tuple[str, str, str]]:
    """(english, "form ×n, form ×m", verdict) per entity, worst verdict, in first-seen order."""
    by: dict[str, list[dict]] = {}
    for r in rows:
        by.setdefault(r["entity"], []).append(r)
    out = []
    for _key, rs in by.items():
        verdict = min((r["verdict"] for r in rs), key=lambda v: VERDICT_ORDER.index(v) if v in VERDICT_ORDER else 99)
        if verdict == "unmatched" and not show_all:
            continue
        forms = Counter()
        for r in rs:
            if r["arabic_form"]:
                forms[r["arabic_form"]] += int(r["count"])
        missing = sum(int(r["count"]) for r in rs if not r["arabic_form"] and r["verdict"] == "missing")
        text = ", ".join(f"{f} ×{n}" for f, n in forms.most_common())
        if missing:
            text = (text + ", " if text else "") + f"(none) ×{missing}"
        out.append((rs[0]["english"], text, verdict))
    return out


def draft_for(corpus, results, cross) -> Draft:
    """The glossary draft of a ``mteval names`` run: its name rows and findings, the corpus glossary first."""
    from eval.names.draft import glossary_draft

    rows = [r for _label, _doc, res in results for r in res.rows]
    findings = [f.to_row() | {"details": f.details} for _l, _d, res in results for f in res.findings]
    findings += [f.to_row() | {"details": f.details} for f in cross]
    return glossary_draft(rows, findings, list(corpus.glossary))


@click.command("names", context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("corpus_path", metavar="CORPUS", type=click.Path(exists=True, path_type=Path))
@click.option("--system", "systems", multiple=True, help="Only these systems (repeatable; default: all).")
@click.option("--references/--no-references", default=False, help="Also check the human references.")
@click.option("--glossary", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None,
              help="A glossary.tsv to use instead of the corpus one.")
@click.option("--write-glossary", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write a glossary draft for an editor to approve: names of the human reference (else of the "
                   "system with the fewest name findings), spellings no check flags, the gazetteer's spelling "
                   "preferred, evidence in the note column.")
@click.option("--all", "show_all", is_flag=True, help="Also list capitalised words that were never transliterated.")
@click.option("--force", is_flag=True, help="Overwrite the --write-glossary file if it exists.")
def command(corpus_path: Path, systems: tuple[str, ...], references: bool, glossary: Path | None,
            write_glossary: Path | None, show_all: bool, force: bool) -> None:
    """Print the entity table per system and document: English name, Arabic forms with counts, verdict."""
    from eval.ingest import load_corpus
    from eval.ingest import write_glossary as save_glossary

    if write_glossary is not None and write_glossary.exists() and not force:
        from eval.errors import InputError

        raise InputError("exists; a draft never replaces a glossary without --force (an approved one would be "
                         "lost): write the draft elsewhere and merge it by hand", write_glossary)
    corpus = load_corpus(corpus_path, glossary=glossary)
    # the draft reads the reference when there is one, so it is analysed then even if not printed
    drafting_refs = write_glossary is not None and bool(corpus.references)
    results, cross = analyse_corpus(corpus, list(systems) or None, references or drafting_refs)
    per_system: dict[str, list] = defaultdict(list)
    for label, doc_id, res in results:
        per_system[label].append((doc_id, res))
    for label, docs in per_system.items():
        if label.startswith("reference:") and not references:
            continue
        accs = [r.accuracy for _, r in docs if r.accuracy is not None]
        cons = [r.consistency for _, r in docs if r.consistency is not None]
        acc = f"{sum(accs) / len(accs):.3f}" if accs else "n/a"
        con = f"{sum(cons) / len(cons):.3f}" if cons else "n/a"
        click.echo(f"== {label}  (name accuracy {acc}, consistency {con})")
        for doc_id, res in docs:
            click.echo(f"-- {doc_id}")
            table = entity_table(res.rows, show_all)
            if not table:
                click.echo("   (no names found)")
            width = max((len(e) for e, _, _ in table), default=0)
            for english, forms, verdict in table:
                click.echo(f"   {english:<{width}}  {verdict:<13}  {forms}")
            for f in res.findings:
                click.echo(f"   ! {f.severity:<8} {f.check}: {f.message}")
        for f in cross:
            if f.system == label:
                click.echo(f"   ! {f.severity:<8} {f.check} ({f.doc_id}): {f.message}")
    if write_glossary is not None:
        draft = draft_for(corpus, results, cross)
        save_glossary(draft.entries, write_glossary)
        added = len(draft.entries) - len(corpus.glossary)
        click.echo(f"glossary draft: {write_glossary} ({len(draft.entries)} entries: {len(corpus.glossary)} from the "
                   f"glossary, {added} drafted from {draft.side or 'no side'}; review before use)")
