"""Latin script left in Arabic output, against an allow-list built from the source."""

from __future__ import annotations

from eval.checks.untranslated import SourceLexicon, untranslated_spans

SRC = [
    "President Tokayev called in troops from a Moscow-led alliance, the Collective Security Treaty Organization (CSTO).",
    "Reporting by Guy Faulconbridge; Our Standards: The Thomson Reuters Trust Principles.",
    "Russia's 'shadow fleet' moved 3.7 million barrels per day (bpd), according to Bishkek-based analysts.",
]


def words(target: str, allow: set[str] | None = None) -> list[str]:
    return [w for _, _, w in untranslated_spans(target, SourceLexicon(SRC), allow or set())]


def test_allowed_latin():
    assert words("منظمة معاهدة الأمن الجماعي (CSTO).") == []  # acronym in parentheses
    assert words("معاييرنا: مبادئ الثقة في Thomson Reuters.") == []  # name the source writes in Latin
    assert words("اشترك للحصول على وصول إلى موقع Reuters.com") == []  # domain
    assert words("نحو 3.7 مليون برميل يوميا (bpd)") == []  # parenthesised first use
    assert words("تابعوا @Reuters و#Kazakhstan") == []  # handle, hashtag


def test_flagged_latin():
    assert words("READ  تحذير من عاصفة شتوية") == ["READ"]  # acronym the source does not have
    assert words("نقل الأسطول shadow fleet النفط") == ["shadow fleet"]
    assert words("قال محللون Bishkek-based إن") == ["Bishkek-based"]  # compound, not a name
    assert words("3.7 مليون bpd يوميا") == ["bpd"]  # outside parentheses
    assert words("صرح Moscow-led") == ["Moscow-led"]


def test_config_allow_list():
    assert words("نقل الأسطول shadow fleet النفط", {"shadow"}) == ["fleet"]


def test_check_clean_and_faulty(run):
    assert run("untranslated", SRC[0], "استدعى الرئيس توكاييف قوات (CSTO).") == []
    (f,) = run("untranslated", SRC[2], "نقل الأسطول shadow fleet النفط")
    assert f.severity == "major" and f.details["words"] == ["shadow fleet"]


def test_identical_target(run):
    (f,) = run("untranslated", "Prices rose sharply.", "Prices rose sharply.")
    assert f.details.get("identical") is True


def test_titles_and_model_numbers_the_source_writes_in_latin():
    src = ["It came out with Resident Evil: Welcome to Raccoon City, known as Welcome to Hell.",
           "Alexa, play It's My Party and I'll Cry if I Want To.",
           "It is not the finished version of the pico-8 game."]  # fmt: skip
    lex = SourceLexicon(src)

    def flagged(t: str) -> list[str]:
        return [w for _, _, w in untranslated_spans(t, lex, set())]

    assert flagged("نزل فيلم Resident Evil: Welcome to Raccoon City المعروف كمان بـ Welcome to Hell.") == []
    assert flagged("شغلي أغنية It's My Party and I'll Cry if I Want To.") == []  # title case with lower-case "if"
    assert flagged("النسخة النهائية للعبة pico-8.") == []  # written exactly as in the source
    assert flagged("النسخة النهائية للعبة pico-9.") == ["pico-9"]  # not in the source
    assert flagged("شغلي أغنية You'd cry too if it happened to you.") == ["You'd cry too if it happened to you"]
