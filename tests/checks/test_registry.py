"""The registry: every check documented and configurable; config typos are errors, not silent no-ops."""

from __future__ import annotations

import pytest

from eval.checks import list_checks, resolve_config, run_checks
from eval.errors import ConfigError
from eval.model import ITS_TYPES, SEVERITIES, Finding

EXPECTED = {
    "boilerplate", "untranslated", "number.mismatch", "number.unsupported", "length", "repetition", "negation",
    "punctuation.latin", "punctuation.spacing", "quotes.unbalanced", "whitespace", "characters", "empty",
    "register.dialect",
}  # fmt: skip


def test_catalogue_is_complete_and_documented():
    checks = {c["id"]: c for c in list_checks()}
    assert set(checks) >= EXPECTED
    for c in checks.values():
        assert c["doc"] and "\n" not in c["doc"]
        assert c["severity"] in SEVERITIES
        assert c["its_type"] in ITS_TYPES
        assert isinstance(c["params"], dict)
    # the catalogue's default severities (../shared/design/CHECKS.md)
    assert checks["number.mismatch"]["severity"] == "critical"
    assert checks["empty"]["severity"] == "critical"
    assert checks["characters"]["severity"] == "major"
    assert checks["quotes.unbalanced"]["severity"] == "minor"
    assert checks["length"]["params"]["min_ratio"] < 1 < checks["length"]["params"]["max_ratio"]


def test_config_overrides_disable_and_relevel(run):
    target = "قال الوزير , إن الاتفاق سيوقع."
    assert [f.severity for f in run("punctuation.latin", "The minister said.", target)] == ["minor"]
    assert [f.severity for f in run("punctuation.latin", "x", target, {"severity": "critical"})] == ["critical"]
    assert run("punctuation.latin", "x", target, {"enabled": False}) == []


def test_bool_shorthand_and_nested_toml_form():
    s = resolve_config({"repetition": False, "number": {"mismatch": {"window": 0}}})
    assert s["repetition"]["enabled"] is False
    assert s["number.mismatch"]["window"] == 0
    assert s["number.unsupported"]["window"] == 1  # untouched default


@pytest.mark.parametrize(
    "cfg",
    [{"no.such.check": {}}, {"length": {"max_ratoi": 2}}, {"length": {"severity": "fatal"}}, {"length": 3}],
)
def test_config_errors_are_reported(cfg):
    with pytest.raises(ConfigError):
        resolve_config(cfg)


def test_ids_owned_by_other_stages_are_accepted():
    resolve_config({"omission": {"enabled": False}, "name.inconsistent": {"severity": "minor"}})


def test_findings_shape():
    from eval.model import Bead, Sentence

    src = [Sentence("d1", "source", 0, 0, "Turnout was 38.6% in Osh.", 0, 25)]
    tgt = [Sentence("d1", "system:s", 0, 0, "بلغت نسبة المشاركة 36.8٪ في أوش.", 0, 31)]
    found = run_checks("d1", "s", src, tgt, [Bead((0,), (0,))], {})
    f = next(f for f in found if f.check == "number.mismatch")
    assert isinstance(f, Finding)
    assert (f.doc_id, f.system, f.source_ids, f.target_ids) == ("d1", "s", (0,), (0,))
    assert "36.8" in f.target_excerpt and "38.6" in f.source_excerpt
    assert "38.6%" in f.message and f.its_type == "mistranslation"
    assert f.to_row()["details"].startswith("{")
