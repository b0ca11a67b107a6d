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
