"""The glossary draft (eval.names.draft): names only, no flagged spelling, safe to reuse as the glossary."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from eval.commands.names import analyse_corpus, draft_for
from eval.ingest import load_corpus, write_glossary
from eval.names.draft import choose_side, flagged_forms, glossary_draft
from eval.names.gazetteer import conventional, gazetteer

DEMO = Path(__file__).resolve().parents[2] / "references" / "news-demo"


def _row(side, entity, form, verdict="ok", count=1, english=None, doc="d", kind="person"):
    return {"doc_id": doc, "system": side, "entity": entity, "english": english or entity,
            "arabic_form": form, "count": count, "verdict": verdict, "kind": kind}


def test_reference_is_read_before_any_system():
    rows = [_row("good", "Harthy", "الحارثي", count=5), _row("reference:ref", "Harthy", "الحارثي")]
    assert choose_side(rows, []) == "reference:ref"


def test_without_reference_the_system_with_fewest_name_findings_per_mention():
    rows = [_row("bad", "Harthy", "الهارثي", count=4), _row("good", "Harthy", "الحارثي", count=4)]
    findings = [{"system": "bad", "check": "name.glossary", "severity": "major", "details": {}},
                {"system": "good", "check": "name.orthographic", "severity": "minor", "details": {}}]
    assert choose_side(rows, findings) == "good"
    assert choose_side([], []) is None


def test_flagged_spellings_never_enter_the_draft():
    """The old draft accepted الحارثي|الهارثي and كوروليوف|كورولايوف: flagged forms were variants."""
    rows = [_row("reference:ref", "al-Harthy", "الحارثي", count=3, english="Nasser al-Harthy"),
            _row("reference:ref", "Nasser", "ناصر", count=3, english="Nasser al-Harthy"),
            _row("reference:ref", "al-Harthy", "الهارثي", verdict="inconsistent", english="Nasser al-Harthy"),
            _row("reference:ref", "Korolyov", "كوروليوف", count=2),
            _row("sys", "Korolyov", "كورولايوف", count=2, verdict="glossary")]
    findings = [{"system": "sys", "check": "name.glossary", "severity": "major",
                 "details": json.dumps({"entity": "Korolyov", "found": "كورولايوف"})}]
    entries = {e.english: e for e in glossary_draft(rows, findings).entries}
    assert entries["Nasser al-Harthy"].arabic == "ناصر الحارثي"
    assert entries["Nasser al-Harthy"].variants == ()
    assert entries["Korolyov"].arabic == "كوروليوف" and entries["Korolyov"].variants == ()
    assert ("korolyov", "كورولايوف") in flagged_forms(rows, findings, "reference:ref")


def test_another_sides_tie_does_not_flag_the_references_spelling():
    """A system that writes قاسيموف ×1, غاسيموف ×1 wavers; it does not make the reference's قاسيموف wrong."""
    rows = [_row("reference:ref", "Gasimov", "قاسيموف", count=2)]
    findings = [{"system": "sys", "check": "name.inconsistent", "severity": "major",
                 "details": {"entity": "Gasimov", "main": "غاسيموف",
                             "forms": [{"form": "غاسيموف", "count": 1}, {"form": "قاسيموف", "count": 1}]}}]
    assert [e.arabic for e in glossary_draft(rows, findings).entries] == ["قاسيموف"]
    findings[0]["details"]["forms"][1]["count"] = 0  # now rarer than the main form: flagged
    assert glossary_draft(rows, findings).entries == []


def test_names_only_whole_names_and_no_lone_words_of_a_half_rendered_name():
    ref = "reference:ref"
    rows = [  # "Eurasia" not rendered acceptably: neither "Agri" nor the ordinary word "Research" alone
        _row(ref, "Eurasia", "", verdict="unmatched", english="Eurasia Agri Research"),
        _row(ref, "Agri", "أغري", english="Eurasia Agri Research"),
        _row(ref, "Research", "ريسيرش", english="Eurasia Agri Research"),
        # a translated word (Group) leaves the transliterated one
        _row(ref, "Huaxin", "هواشين", english="Huaxin Group"),
        _row(ref, "Group", "", verdict="unmatched", english="Huaxin Group"),
        _row(ref, "Elnur", "إلنور", english="Elnur Gasimov"), _row(ref, "Gasimov", "قاسيموف", english="Elnur Gasimov"),
    ]
    got = {e.english: e.arabic for e in glossary_draft(rows).entries}
    assert got == {"Huaxin": "هواشين", "Elnur Gasimov": "إلنور قاسيموف"}


def test_the_gazetteers_spelling_is_preferred_among_forms_seen_and_the_note_gives_evidence():
    assert gazetteer()["smith"] == "سميث" and conventional("Dmitry Korolyov") == "دميتري كوروليوف"
    rows = [_row("reference:ref", "Smith", "سمث", count=3, doc="a"), _row("reference:ref", "Smith", "سميث", doc="b")]
    (e,) = glossary_draft(rows).entries
    assert (e.arabic, e.variants) == ("سميث", ("سمث",))
    assert "in 2 document(s) of reference:ref" in e.note and "gazetteer" in e.note
    # places do not consult a list of personal-name tokens (China is a surname there)
    (c,) = glossary_draft([_row("reference:ref", "China", "الصين", kind="country")]).entries
    assert "gazetteer" not in c.note


def test_existing_entries_stay_first_and_are_not_drafted_again():
    from eval.model import GlossaryEntry

    have = [GlossaryEntry("Smith", "سميث")]
    d = glossary_draft([_row("reference:ref", "Smith", "سمث"), _row("reference:ref", "Osh", "أوش")], existing=have)
    assert [e.english for e in d.entries] == ["Smith", "Osh"] and d.side == "reference:ref"


def _words(s: str) -> set[str]:
    return set(re.findall(r"\w+", s.lower()))


def _hits(found, faults) -> set[int]:
    """Planted name faults a finding of the same side, document and check, about the same entity, finds."""
    out = set()
    for k, rec in enumerate(faults):
        for label, doc, f in found:
            if (label, doc, f.check) == (rec["system"], rec["doc_id"], rec["kind"]) and (
                    rec["kind"] == "name.language_vs_country" or _words(str(f.details.get("entity", ""))) & _words(rec["entity"])):
                out.add(k)
    return out


@pytest.mark.slow
def test_a_draft_reused_as_glossary_hides_no_planted_fault_and_adds_no_finding_on_the_reference(tmp_path):
    corpus_dir = tmp_path / "demo"
    shutil.copytree(DEMO, corpus_dir)
    (corpus_dir / "glossary.tsv").unlink()  # a new user: no glossary yet
    faults = [json.loads(line) for line in (DEMO / "faults.jsonl").read_text(encoding="utf-8").splitlines()
              if '"name.' in line]

    def findings(glossary):
        corpus = load_corpus(corpus_dir, glossary=glossary)
        results, cross = analyse_corpus(corpus, None, True)
        found = [(label, doc, f) for label, doc, res in results for f in res.findings]
        return corpus, results, cross, found + [(f.system, f.doc_id, f) for f in cross]

    corpus, results, cross, before = findings(None)
    draft = draft_for(corpus, results, cross)
    assert draft.side == "reference:ref" and len(draft.entries) > 50
    write_glossary(draft.entries, tmp_path / "draft.tsv")
    _, _, _, after = findings(tmp_path / "draft.tsv")

    assert [f.message for label, _d, f in after if label.startswith("reference:")] == []
    assert not [f for label, _d, f in after if f.check == "name.missing"]
    lost = _hits(before, faults) - _hits(after, faults)
    assert not lost, [faults[k] for k in lost]
    assert len(_hits(after, faults)) > len(_hits(before, faults))  # the draft's spellings catch glossary faults


def test_rows_of_source_free_documents_are_not_drafted():
    rows = [_row("web", "كازاخستان", "كازاخستان", english="كازاخستان", kind="name"), _row("web", "Osh", "أوش")]
    assert [e.english for e in glossary_draft(rows).entries] == ["Osh"]
