"""`mteval names CORPUS`: entity table per system and document, and the glossary draft."""

from click.testing import CliRunner

from eval.commands.names import _paragraph_beads, command, entity_table
from eval.ingest import load_glossary
from eval.model import Sentence

SOURCE = (
    "President Kassym-Jomart Tokayev called in troops from Russia.\n"
    "Tokayev met the ambassador in Almaty on Friday.\n"
    "Everyone, including Tokayev, will do what he orders, Ablyazov said.\n"
)
GOOD = (
    "استدعى الرئيس قاسم جومارت توكاييف قوات من روسيا.\n"
    "التقى توكاييف بالسفير في ألماتي يوم الجمعة.\n"
    "وقال أبلياسوف إن الجميع، بمن فيهم توكاييف، سيفعل ما يأمر به.\n"
)
BAD = GOOD.replace("بمن فيهم توكاييف", "بمن فيهم توكاي")


def corpus(tmp_path):
    root = tmp_path / "c"
    for rel, text in {"source/d1.txt": SOURCE, "systems/good/d1.txt": GOOD, "systems/bad/d1.txt": BAD}.items():
        p = root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text, encoding="utf-8")
    return root


def test_table_per_system_and_document(tmp_path):
    res = CliRunner().invoke(command, [str(corpus(tmp_path))])
    assert res.exit_code == 0, res.output
    out = res.output
    assert "== good" in out and "== bad" in out and "-- d1" in out
    good = out.split("== good")[1].split("==")[0]
    bad = out.split("== bad")[1].split("== good")[0]
    assert "توكاييف ×3" in good and "inconsistent" not in good
    assert "توكاي ×1" in bad and "inconsistent" in bad and "name.inconsistent" in bad


def test_system_filter_and_glossary_draft(tmp_path):
    out_tsv = tmp_path / "glossary.tsv"
    res = CliRunner().invoke(command, [str(corpus(tmp_path)), "--system", "bad", "--write-glossary", str(out_tsv)])
    assert res.exit_code == 0, res.output
    assert "== good" not in res.output
    entries = {g.english: g for g in load_glossary(out_tsv)}
    # no reference: the draft reads the only system asked for; the full name is drafted whole, and the
    # truncation توكاي, which name.inconsistent flags, is not an accepted variant
    assert entries["Kassym-Jomart Tokayev"].arabic == "قاسم جومارت توكاييف"
    assert not any("توكاي" in v.split() for g in entries.values() for v in g.variants)
    assert entries["Ablyazov"].arabic == "أبلياسوف"
    assert "drafted from bad" in res.output and "of bad" in entries["Ablyazov"].note


def test_entity_table_worst_verdict_first_form_counts():
    rows = [
        {"entity": "Tokayev", "english": "Tokayev", "arabic_form": "توكاييف", "count": 2, "verdict": "ok"},
        {"entity": "Tokayev", "english": "Tokayev", "arabic_form": "توكاي", "count": 1, "verdict": "truncated"},
        {"entity": "West", "english": "West", "arabic_form": "", "count": 3, "verdict": "unmatched"},
    ]
    assert entity_table(rows) == [("Tokayev", "توكاييف ×2, توكاي ×1", "truncated")]
    assert len(entity_table(rows, show_all=True)) == 2


def test_paragraph_beads_fallback():
    def s(side, i, para):
        return Sentence("d", side, i, para, "x", 0, 1)

    src = [s("source", 0, 0), s("source", 1, 0), s("source", 2, 1)]
    tgt = [s("t", 0, 0), s("t", 1, 1), s("t", 2, 1)]
    beads = _paragraph_beads(src, tgt)
    assert [(b.source_ids, b.target_ids) for b in beads] == [((0, 1), (0,)), ((2,), (1, 2))]
    assert _paragraph_beads(src, tgt[:1]) == []
