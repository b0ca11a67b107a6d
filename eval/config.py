"""Run configuration: defaults, a TOML file, then command-line flags, in that order of precedence.

Everything a flag can set has a key here, so a run is reproducible from the ``config`` block that
``summary.json`` records.
"""

from __future__ import annotations

import copy
import tomllib
from pathlib import Path
from typing import Any

from eval.errors import ConfigError

DEFAULTS: dict[str, Any] = {
    "run": {
        "format": "auto",
        # "sentences": split paragraphs into sentences and align; "lines": each input line is a segment
        # (the default for line-aligned and table input, where lines already correspond).
        "segmentation": "auto",
        # what a paragraph is, for scoring units and alignment anchors: "blocks" (lines between blank
        # lines), "lines", or "auto" (blocks when any source has a blank line)
        "paragraphs": "auto",
        "jobs": 1,
        "engine": "local",
        "scheduler": None,
        "report": True,
        "progress": True,
    },
    "metrics": {
        "metrics": ["bleu", "chrf", "chrf++", "ter"],
        "tokenize": "intl",
        "normalize": "none",
        "bootstrap": 1000,
        "ar_trials": 10000,
        "significance": "paired-bs",
        "resample": "documents",
        "seed": 12345,
    },
    "align": {},
    "names": {},
    "checks": {},
    "neural": {
        "model": None,
        "bt_model": None,
        "comet_model": None,
        "device": "auto",
        "batch_size": 16,
        "cache_dir": None,
    },
}

_CHOICES = {
    ("run", "segmentation"): ("auto", "sentences", "lines"),
    ("run", "engine"): ("local", "dask"),
    ("run", "paragraphs"): ("auto", "blocks", "lines"),
    ("metrics", "normalize"): ("none", "arabic"),
    ("metrics", "significance"): ("paired-bs", "paired-ar", "both", "none"),
    ("metrics", "resample"): ("segments", "documents"),
    ("metrics", "tokenize"): ("intl", "13a", "none", "char", "flores200", "flores101", "spm"),
}
_KNOWN_METRICS = ("bleu", "chrf", "chrf++", "ter")

#: (section, key) → (type, minimum, maximum) of every scalar setting that is not a choice; None = no
#: bound. Seeds go to numpy, which takes 0 … 2**32 − 1.
_SCALARS: dict[tuple[str, str], tuple[type, int | None, int | None]] = {
    ("run", "jobs"): (int, 1, None),
    ("run", "report"): (bool, None, None),
    ("run", "progress"): (bool, None, None),
    ("run", "scheduler"): (str, None, None),
    ("metrics", "bootstrap"): (int, 1, None),
    ("metrics", "ar_trials"): (int, 1, None),
    ("metrics", "seed"): (int, 0, 2**32 - 1),
    ("neural", "model"): (str, None, None),
    ("neural", "bt_model"): (str, None, None),
    ("neural", "comet_model"): (str, None, None),
    ("neural", "device"): (str, None, None),
    ("neural", "batch_size"): (int, 1, None),
    ("neural", "cache_dir"): (str, None, None),
}
_TYPE_WORDS = {int: "a whole number", bool: "true or false", str: "a string"}


def _check_scalar(section: str, key: str, value: Any) -> None:
    """One line naming the setting, what it is and what it must be; None means "not set"."""
    kind, low, high = _SCALARS[(section, key)]
    if value is None and (kind is str or key == "scheduler"):
        return
    ok = isinstance(value, kind) and not (kind is int and isinstance(value, bool))
    if not ok:
        raise ConfigError(f"[{section}] {key} = {value!r}: must be {_TYPE_WORDS[kind]}")
    if low is not None and value < low:
        raise ConfigError(f"[{section}] {key} = {value!r}: must be at least {low}")
    if high is not None and value > high:
        raise ConfigError(f"[{section}] {key} = {value!r}: must be at most {high}")


def _merge(base: dict, extra: dict, where: str) -> dict:
    out = copy.deepcopy(base)
    for key, value in extra.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value, f"{where}.{key}")
        else:
            out[key] = value
    return out


def validate(cfg: dict) -> dict:
    unknown = set(cfg) - set(DEFAULTS)
    if unknown:
        raise ConfigError(f"unknown config section(s): {', '.join(sorted(unknown))}; known: {', '.join(DEFAULTS)}")
    for section in DEFAULTS:
        if not isinstance(cfg[section], dict):
            raise ConfigError(f"[{section}] must be a table of settings, not {cfg[section]!r}")
    for section in ("run", "metrics", "neural"):
        extra = set(cfg[section]) - set(DEFAULTS[section])
        if extra:
            raise ConfigError(f"unknown key(s) in [{section}]: {', '.join(sorted(extra))}")
    for (section, key) in _SCALARS:
        _check_scalar(section, key, cfg[section][key])
    for (section, key), choices in _CHOICES.items():
        if not isinstance(cfg[section][key], str) or cfg[section][key] not in choices:
            raise ConfigError(f"[{section}] {key} = {cfg[section][key]!r}; choose one of {', '.join(choices)}")
    metrics = cfg["metrics"]["metrics"]
    if isinstance(metrics, str):
        metrics = [m.strip() for m in metrics.split(",") if m.strip()]
        cfg["metrics"]["metrics"] = metrics
    if not isinstance(metrics, list) or not all(isinstance(m, str) for m in metrics):
        raise ConfigError(f"[metrics] metrics = {metrics!r}: must be a list of metric names, e.g. [\"bleu\", \"chrf\"]")
    bad = [m for m in metrics if m not in _KNOWN_METRICS]
    if bad:
        raise ConfigError(f"unknown metric(s) {', '.join(bad)}; known: {', '.join(_KNOWN_METRICS)}")
    if "bleu" in cfg["metrics"]["metrics"]:  # the tokenizer is BLEU's
        check_tokenizer(cfg["metrics"]["tokenize"])
    _validate_stage_params(cfg)
    return cfg


def check_tokenizer(tokenize: str) -> None:
    """SentencePiece tokenizers need the package and sacrebleu's model file, which sacrebleu would
    download on first use: offline, say so before any work rather than fail half-way."""
    if tokenize not in ("spm", "flores101", "flores200", "spBLEU-1K"):
        return
    import importlib.util
    import os

    from eval.errors import MissingDependencyError

    if importlib.util.find_spec("sentencepiece") is None:
        raise MissingDependencyError(f"--tokenize {tokenize} needs sentencepiece: pip install sentencepiece "
                                     "(it is in the 'neural' extra)")
    from sacrebleu.tokenizers.tokenizer_spm import SPM_MODELS
    from sacrebleu.utils import SACREBLEU_DIR

    key = tokenize
    model = os.path.join(SACREBLEU_DIR, "models", os.path.basename(SPM_MODELS[key]["url"]))
    if not os.path.isfile(model):
        raise MissingDependencyError(f"--tokenize {tokenize} needs sacrebleu's SentencePiece model at {model} "
                                     f"(from {SPM_MODELS[key]['url']}); copy it there (this machine is offline)")


def _validate_stage_params(cfg: dict) -> None:
    """Typos in [align], [names] or [checks] fail at load time, not halfway through a run."""
    from eval.align import DEFAULTS as ALIGN_DEFAULTS
    from eval.checks import resolve_config
    from eval.names.analysis import DEFAULTS as NAMES_DEFAULTS

    for section, known in (("align", ALIGN_DEFAULTS), ("names", NAMES_DEFAULTS)):
        unknown = set(cfg[section]) - set(known)
        if unknown:
            raise ConfigError(f"unknown key(s) in [{section}]: {', '.join(sorted(unknown))}; known: {', '.join(sorted(known))}")
    resolve_config(cfg["checks"])


def load_config(path: str | Path | None = None, overrides: dict | None = None) -> dict:
    """Defaults ← TOML file ← overrides (``None`` values in overrides mean "not given")."""
    cfg = copy.deepcopy(DEFAULTS)
    if path is not None:
        p = Path(path)
        if p.exists() and not p.is_file():
            raise ConfigError(f"{p}: not a regular file; give a config .toml file")
        try:
            data = tomllib.loads(p.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise ConfigError(f"{p}: no such config file") from None
        except OSError as exc:
            raise ConfigError(f"{p}: cannot read: {exc.strerror}") from None
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ConfigError(f"{p}: not valid TOML: {exc}") from None
        cfg = _merge(cfg, data, "")
    for section in DEFAULTS:
        if section in cfg and not isinstance(cfg[section], dict):
            raise ConfigError(f"[{section}] must be a table of settings, not {cfg[section]!r}")
    if overrides:
        for section, values in overrides.items():
            for key, value in values.items():
                if value is not None:
                    cfg.setdefault(section, {})[key] = value
    return validate(cfg)
