import pytest

from eval.config import DEFAULTS, load_config
from eval.errors import ConfigError


def test_defaults_and_overrides(tmp_path):
    p = tmp_path / "c.toml"
    p.write_text('[metrics]\nmetrics = ["bleu", "chrf"]\nnormalize = "arabic"\n[checks.length]\nenabled = false\n')
    cfg = load_config(p, {"metrics": {"normalize": None, "seed": 7}})
    assert cfg["metrics"]["metrics"] == ["bleu", "chrf"]
    assert cfg["metrics"]["normalize"] == "arabic"  # None means "flag not given"
    assert cfg["metrics"]["seed"] == 7
    assert cfg["checks"] == {"length": {"enabled": False}}
    assert cfg["metrics"]["tokenize"] == DEFAULTS["metrics"]["tokenize"] == "intl"


@pytest.mark.parametrize(
    "text, msg",
    [
        ("[nope]\nx=1\n", "unknown config section"),
        ("[metrics]\nnormalize = 'latin'\n", "normalize"),
        ("[metrics]\nmetrics = 'bleu,comet'\n", "unknown metric"),
        ("[run]\njobs = 0\n", "jobs"),
        ("[run]\nspeed = 3\n", "unknown key"),
        ("[run\n", "not valid TOML"),
        ("[checks.lenght]\nenabled = false\n", "unknown check 'lenght'"),
        ("[align]\nbandwidth_typo = 3\n", r"unknown key\(s\) in \[align\]"),
        ("[names]\naccept_typo = 0.5\n", r"unknown key\(s\) in \[names\]"),
    ],
)
def test_bad_config(tmp_path, text, msg):
    p = tmp_path / "c.toml"
    p.write_text(text)
    with pytest.raises(ConfigError, match=msg):
        load_config(p)


def test_missing_config_file(tmp_path):
    with pytest.raises(ConfigError, match="no such config file"):
        load_config(tmp_path / "none.toml")


# every scalar setting: a wrong type and an out-of-range value are one-line config errors naming the key
_BAD_SCALARS = [
    ("run", "jobs", "two", "whole number"), ("run", "jobs", -1, "at least 1"), ("run", "jobs", True, "whole number"),
    ("run", "report", "no", "true or false"), ("run", "progress", 1, "true or false"),
    ("run", "scheduler", 8786, "a string"),
    ("metrics", "bootstrap", 0, "at least 1"), ("metrics", "bootstrap", "many", "whole number"),
    ("metrics", "ar_trials", 0, "at least 1"), ("metrics", "seed", -1, "at least 0"),
    ("metrics", "seed", 2**40, "at most"), ("metrics", "seed", "abc", "whole number"),
    ("metrics", "metrics", 5, "list of metric names"), ("metrics", "tokenize", 13, "choose one of"),
    ("neural", "batch_size", "big", "whole number"), ("neural", "batch_size", 0, "at least 1"),
    ("neural", "model", 3, "a string"), ("neural", "bt_model", [], "a string"), ("neural", "comet_model", 1.5, "a string"),
    ("neural", "cache_dir", {}, "a string"), ("neural", "device", False, "a string"),
]


@pytest.mark.parametrize("section, key, value, msg", _BAD_SCALARS)
def test_every_setting_is_type_and_range_checked(section, key, value, msg):
    with pytest.raises(ConfigError, match=rf"\[{section}\] {key} = .*{msg}"):
        load_config(None, {section: {key: value}})


def test_the_bad_scalar_cases_cover_every_declared_setting():
    from eval.config import _SCALARS

    assert {(s, k) for s, k, _v, _m in _BAD_SCALARS} >= set(_SCALARS)


def test_a_section_that_is_not_a_table(tmp_path):
    p = tmp_path / "c.toml"
    p.write_text("run = 5\n")
    with pytest.raises(ConfigError, match=r"\[run\] must be a table"):
        load_config(p)


def test_a_section_that_is_not_a_table_with_a_flag_given(tmp_path):
    p = tmp_path / "c.toml"
    p.write_text("run = 5\n")
    with pytest.raises(ConfigError, match=r"\[run\] must be a table"):
        load_config(p, {"run": {"jobs": 2}})
