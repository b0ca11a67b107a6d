"""Name findings on small parallel documents: one clean and one faulty case per check."""

import pytest

from eval.model import Bead, GlossaryEntry, Sentence
from eval.names import analyse_names, cross_document_findings


def run(pairs, glossary=(), params=None, system="sys"):
    src = [Sentence("d", "source", i, i, e, 0, len(e)) for i, (e, _) in enumerate(pairs)]
    tgt = [Sentence("d", f"system:{system}", i, i, a, 0, len(a)) for i, (_, a) in enumerate(pairs)]
    beads = [Bead((i,), (i,)) for i in range(len(pairs))]
    return analyse_names("d", system, src, tgt, beads, list(glossary), params or {})


def checks(res):
    return sorted(f.check for f in res.findings)


TOKAYEV_CLEAN = [
    ("President Kassym-Jomart Tokayev called in troops.", "استدعى الرئيس قاسم جومارت توكاييف القوات."),
    ("Tokayev met the ambassador on Friday.", "التقى توكاييف بالسفير يوم الجمعة."),
    ("Everyone, including Tokayev, will do what he orders.", "الجميع، بمن فيهم توكاييف، سيفعل ما يأمر به."),
]


def test_clean_document_has_no_findings_and_full_scores():
    res = run(TOKAYEV_CLEAN)
    assert res.findings == []
    assert res.accuracy == 1.0 and res.consistency == 1.0
    rows = {r["entity"]: r for r in res.rows}
    assert rows["Tokayev"]["arabic_form"] == "توكاييف" and rows["Tokayev"]["count"] == 3
    assert rows["Tokayev"]["verdict"] == "ok"
    assert set(rows["Tokayev"]) >= {"doc_id", "system", "entity", "english", "arabic_form", "count", "sentence_ids", "verdict"}


def test_truncated_form_is_an_inconsistency_not_a_spelling_variant():
    pairs = list(TOKAYEV_CLEAN)
    pairs[2] = ("Everyone, including Tokayev, will do what he orders.", "الجميع، بمن فيهم توكاي، سيفعل ما يأمر به.")
    res = run(pairs)
    assert checks(res) == ["name.inconsistent"]
    f = res.findings[0]
    assert f.severity == "major" and f.its_type == "inconsistency"
    forms = {d["form"]: d for d in f.details["forms"]}
    assert forms["توكاييف"]["count"] == 2 and forms["توكاييف"]["sentence_ids"] == [0, 1]
    assert forms["توكاي"]["kind"] == "truncated" and forms["توكاي"]["sentence_ids"] == [2]
    assert f.target_ids == (2,)
    assert res.consistency == 0.5  # Kassym-Jomart consistent, Tokayev not
    assert res.accuracy < 1.0


def test_transliteration_variant_is_inconsistent():
    pairs = [
        ("Kazakhstan will become Belarus, he said.", "وقال إن كازاخستان ستصبح بيلاروسيا."),
        ("China will stand aside in Kazakhstan.", "الصين ستقف جانبا في قازاقستان."),
        ("He went back to Kazakhstan.", "عاد إلى كازاخستان."),
    ]
    res = run(pairs)
    inc = [f for f in res.findings if f.check == "name.inconsistent"]
    assert len(inc) == 1 and inc[0].details["entity"] == "Kazakhstan"
    assert {d["form"] for d in inc[0].details["forms"]} == {"كازاخستان", "قازاقستان"}
    # the CLDR spelling كازاخستان is the document's main one: the odd قازاقستان is one error, reported
    # once (as the inconsistency), not again as a built-in glossary finding
    assert not any(f.check == "name.glossary" for f in res.findings)
    # where the off-glossary spelling is the document's own, the glossary finding names it
    flipped = [(e, a.replace("كازاخستان", "#").replace("قازاقستان", "كازاخستان").replace("#", "قازاقستان")) for e, a in pairs]
    res2 = run(flipped)
    gl = [f for f in res2.findings if f.check == "name.glossary"]
    assert gl and gl[0].details["found"] == "قازاقستان" and gl[0].details["source"] == "cldr"
    assert any(f.check == "name.inconsistent" for f in res2.findings)
    assert not any(f.check == "name.glossary" for f in run(flipped, params={"builtin_glossary": False}).findings)


def test_hamza_only_difference_is_orthographic():
    pairs = [
        ("Ablyazov said China would stand aside.", "وقال أبلياسوف إن الصين ستقف جانبا."),
        ("Ablyazov, 58, lives in France.", "أبلياسوف، 58 عاما، يعيش في فرنسا."),
        ("'I see myself as the leader,' Ablyazov said.", "وقال ابلياسوف: أرى نفسي زعيما."),
    ]
    res = run(pairs)
    assert checks(res) == ["name.orthographic"]
    f = res.findings[0]
    assert f.severity == "minor" and f.target_ids == (2,)
    assert [d["form"] for d in f.details["forms"]] == ["أبلياسوف", "ابلياسوف"]


NAZ = [
    ("Nazarbayev stepped down in 2019.", "استقال نزارباييف في عام 2019."),
    ("Tokayev is Nazarbayev's successor.", "توكاييف هو خليفة نزارباييف."),
    ("He served as energy minister in Nazarbayev's government in the 1990s.",
     "شغل منصب وزير الطاقة في حكومة نزارباييف في التسعينيات."),
    ("The weather was cold.", "كان الطقس باردا."),
]


def test_clean_nazarbayev_has_no_mistranslation():
    assert run(NAZ).findings == []


def test_place_in_place_of_a_person_is_mistranslated():
    pairs = list(NAZ)
    pairs[2] = (pairs[2][0], "شغل منصب وزير الطاقة في ولاية الناصرة في التسعينيات.")
    res = run(pairs)
    mis = [f for f in res.findings if f.check == "name.mistranslated"]
    assert len(mis) == 1
    f = mis[0]
    assert f.severity == "critical" and f.source_ids == (2,) and f.target_ids == (2,)
    assert f.details["found"] == "الناصرة" and f.details["expected"] == "نزارباييف"
    assert any(r["verdict"] == "mistranslated" and r["arabic_form"] == "الناصرة" for r in res.rows)


def test_another_name_of_the_document_in_its_place_is_mistranslated():
    pairs = list(NAZ)
    pairs[2] = (pairs[2][0], "شغل منصب وزير الطاقة في حكومة توكاييف في التسعينيات.")
    res = run(pairs)
    mis = [f for f in res.findings if f.check == "name.mistranslated"]
    assert len(mis) == 1 and mis[0].details["found"] == "توكاييف"
    assert "Tokayev" in mis[0].details["reason"]


def test_name_missing_from_aligned_sentence():
    pairs = list(NAZ)
    pairs.insert(3, ("The weather was cold.", "كان الطقس باردا."))
    pairs.insert(4, ("Rain fell all day.", "هطل المطر طوال اليوم."))
    pairs.append(("Nazarbayev did not comment.", "لم يعلق الرئيس السابق."))
    res = run(pairs)
    miss = [f for f in res.findings if f.check == "name.missing"]
    assert len(miss) == 1 and miss[0].source_ids == (6,) and miss[0].severity == "major"
    # the same omission right after the name was written is a pronoun, not a finding
    pairs2 = list(NAZ[:2]) + [("Nazarbayev did not comment.", "لم يعلق الرئيس السابق.")]
    assert not any(f.check == "name.missing" for f in run(pairs2).findings)


def test_user_glossary_spelling():
    gl = [GlossaryEntry("Kassym-Jomart Tokayev", "قاسم جومارت توكاييف")]
    assert run(TOKAYEV_CLEAN, glossary=gl).findings == []
    pairs = [(e, a.replace("توكاييف", "توكايف")) for e, a in TOKAYEV_CLEAN]
    res = run(pairs, glossary=gl)
    assert checks(res) == ["name.glossary"]
    f = res.findings[0]
    assert f.details["found"] == "توكايف" and f.details["approved"][0] == "توكاييف"
    assert f.details["source"] == "glossary"
    assert res.accuracy < 0.7  # a user-glossary violation is not an acceptable rendering


def test_language_rendered_as_country():
    bad = [("Ablyazov told Reuters in Russian from Paris.", "وقال أبلياسوف لرويترز في روسيا من باريس.")]
    res = run(bad)
    lc = [f for f in res.findings if f.check == "name.language_vs_country"]
    assert len(lc) == 1 and lc[0].details["found"] == "روسيا" and lc[0].details["expected"] == "الروسية"
    good = [("Ablyazov told Reuters in Russian from Paris.", "وقال أبلياسوف لرويترز بالروسية من باريس.")]
    assert not any(f.check == "name.language_vs_country" for f in run(good).findings)
    both = [("He spoke in Russian about Russia.", "تحدث بالروسية عن روسيا.")]
    assert not any(f.check == "name.language_vs_country" for f in run(both).findings)


def test_function_words_are_not_short_names():
    pairs = [
        ("Moon met Kim in Pyongyang.", "التقى مون بكيم في بيونغ يانغ."),
        ("Moon said talks would go on.", "وقال إن المحادثات ستستمر من أجل السلام."),
    ]
    res = run(pairs)
    forms = {r["arabic_form"] for r in res.rows if r["entity"] == "Moon"}
    assert "من" not in forms


def test_disable_and_relevel():
    pairs = list(TOKAYEV_CLEAN)
    pairs[2] = (pairs[2][0], pairs[2][1].replace("توكاييف", "توكاي"))
    assert run(pairs, params={"disabled": ["name.inconsistent"]}).findings == []
    res = run(pairs, params={"severity": {"name.inconsistent": "critical"}})
    assert res.findings[0].severity == "critical"


def test_cross_document():
    rows = [
        {"doc_id": "a", "system": "s", "entity": "Tokayev", "english": "Tokayev", "arabic_form": "توكاييف", "count": 3, "verdict": "ok"},
        {"doc_id": "b", "system": "s", "entity": "Tokayev", "english": "Tokayev", "arabic_form": "توكاييف", "count": 2, "verdict": "ok"},
        {"doc_id": "c", "system": "s", "entity": "Tokayev", "english": "Tokayev", "arabic_form": "توكايف", "count": 1, "verdict": "ok"},
        {"doc_id": "c", "system": "t", "entity": "Tokayev", "english": "Tokayev", "arabic_form": "توكايف", "count": 1, "verdict": "ok"},
    ]
    out = cross_document_findings(rows)
    assert len(out) == 1
    f = out[0]
    assert f.check == "name.cross_document" and f.severity == "minor" and f.doc_id == "c" and f.system == "s"
    assert f.details["usual"] == "توكاييف"
    assert cross_document_findings(rows[:2]) == []


def test_empty_sides():
    assert run([]).findings == []
    src = [Sentence("d", "source", 0, 0, "Tokayev spoke.", 0, 14)]
    res = analyse_names("d", "s", src, [], [], [], {})
    assert res.accuracy is None and res.rows == []


@pytest.mark.parametrize("system", ["google", "reference:human"])
def test_system_label_is_kept(system):
    pairs = list(TOKAYEV_CLEAN)
    pairs[2] = (pairs[2][0], pairs[2][1].replace("توكاييف", "توكاي"))
    res = run(pairs, system=system)
    assert res.findings and all(f.system == system for f in res.findings)
    assert all(r["system"] == system for r in res.rows)
