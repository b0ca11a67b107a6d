import json

import numpy as np
import pytest

from eval.errors import MissingDependencyError
from eval.neural.backtranslate import BackTranslator
from eval.neural.encoder import SentenceEncoder
from eval.neural.loading import ModelNotFoundError, resolve_model

SRC = ["Tokayev met Putin in Moscow.", "Oil prices rose 2% in Almaty.", ""]
TGT = ["التقى توكاييف بوتين في موسكو.", "ارتفعت أسعار النفط 2% في ألماتي.", "اقرأ أكثر"]


def test_encoder_shapes_unit_norm_and_determinism(tiny_encoder, tmp_path):
    enc = SentenceEncoder(str(tiny_encoder), device="cpu", batch_size=2, cache_dir=tmp_path, progress=False)
    v = enc.encode(TGT + ["x" * 3])
    assert v.shape == (4, 32)
    assert np.allclose(np.linalg.norm(v, axis=1), 1.0, atol=1e-5)
    sim = enc.similarity(SRC, TGT)
    assert sim.shape == (3,) and np.isnan(sim[2]) and np.all(np.abs(sim[:2]) <= 1.0 + 1e-6)
    enc2 = SentenceEncoder(str(tiny_encoder), device="cpu", batch_size=3, cache_dir=tmp_path / "other", progress=False)
    assert np.allclose(enc2.similarity(SRC, TGT)[:2], sim[:2], atol=1e-5)  # batch size does not change results


def test_encoder_cache_hits_on_rerun(tiny_encoder, tmp_path):
    enc = SentenceEncoder(str(tiny_encoder), device="cpu", cache_dir=tmp_path, progress=False)
    first = enc.encode(TGT)
    assert enc.cache.misses == 3 and enc.cache.hits == 0
    again = SentenceEncoder(str(tiny_encoder), device="cpu", cache_dir=tmp_path, progress=False)
    second = again.encode(TGT)
    assert again.cache.hits == 3 and again.cache.misses == 0
    assert np.array_equal(first, second)


def test_backtranslation_is_cached_and_deterministic(tiny_seq2seq, tmp_path):
    bt = BackTranslator(str(tiny_seq2seq), device="cpu", batch_size=2, cache_dir=tmp_path, progress=False, max_new_tokens=6)
    out = bt.translate(TGT + [""])
    assert len(out) == 4 and all(isinstance(o, str) for o in out) and out[3] == ""
    bt2 = BackTranslator(str(tiny_seq2seq), device="cpu", batch_size=1, cache_dir=tmp_path, progress=False, max_new_tokens=6)
    assert bt2.translate(TGT) == out[:3] and bt2.cache.hits == 3


def test_missing_model_is_one_clear_message(tmp_path):
    with pytest.raises(ModelNotFoundError, match="not on this machine.*never downloads"):
        resolve_model("no-such-org/no-such-model-xyz")
    (tmp_path / "empty").mkdir()
    with pytest.raises(ModelNotFoundError, match="holds no model"):
        resolve_model(str(tmp_path / "empty"))


def test_comet_without_package_or_checkpoint(tmp_path):
    from eval.neural.comet import comet_scores

    with pytest.raises(MissingDependencyError):
        comet_scores(str(tmp_path), ["a"], ["b"], None)


def test_run_with_neural_models_through_the_cli(tiny_encoder, tiny_seq2seq, tmp_path, monkeypatch, capsys):
    from eval.cli import main

    monkeypatch.setenv("MTEVAL_CACHE", str(tmp_path / "cache"))
    corpus = tmp_path / "c"
    for rel, text in {
        "source/d.txt": "Tokayev met Putin in Moscow.\nOil prices rose 2% in Almaty.\n",
        "reference/d.txt": "التقى توكاييف بوتين في موسكو.\nارتفعت أسعار النفط 2% في ألماتي.\n",
        "systems/a/d.txt": "التقى توكاييف بوتين في موسكو.\nارتفعت أسعار النفط في ألماتي.\n",
        "systems/b/d.txt": "توكاي قابل بوتين.\nاقرأ أكثر\nالنفط.\n",
    }.items():
        (corpus / rel).parent.mkdir(parents=True, exist_ok=True)
        (corpus / rel).write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    args = ["run", str(corpus), "--out", str(out), "--no-progress", "--no-report", "--bootstrap", "50",
            "--neural-model", str(tiny_encoder), "--bt-model", str(tiny_seq2seq), "--device", "cpu"]
    main(args)
    import pandas as pd

    segs = pd.read_parquet(out / "segments.parquet")
    assert {"xsim", "bt_chrf", "bt_bleu", "back_translation"} <= set(segs.columns)
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    for s in ("a", "b"):
        x = summary["scores"][s]["xsim"]
        assert x["ci_low"] <= x["score"] <= x["ci_high"] and "model:" in x["signature"]
        assert "round-trip" in summary["scores"][s]["bt_chrf"]["signature"]
    assert summary["neural"]["xsim"]["cache_misses"] > 0
    capsys.readouterr()
    main([*args[:3], str(tmp_path / "out2"), *args[4:]])  # rerun: everything from the cache
    summary2 = json.loads((tmp_path / "out2" / "summary.json").read_text(encoding="utf-8"))
    assert summary2["neural"]["xsim"]["cache_misses"] == 0 and summary2["neural"]["xsim"]["cache_hits"] > 0
    assert summary2["scores"]["a"]["xsim"] == summary["scores"]["a"]["xsim"]


def test_missing_neural_model_through_the_cli(tmp_path, capsys):
    from eval.cli import main

    corpus = tmp_path / "c"
    (corpus / "source").mkdir(parents=True)
    (corpus / "systems" / "a").mkdir(parents=True)
    (corpus / "source" / "d.txt").write_text("Hello.\n")
    (corpus / "systems" / "a" / "d.txt").write_text("مرحبا.\n")
    with pytest.raises(SystemExit) as e:
        main(["run", str(corpus), "--out", str(tmp_path / "o"), "--no-progress", "--no-report", "--neural-model", "org/missing-model"])
    err = capsys.readouterr().err
    assert e.value.code == 2 and "org/missing-model" in err and "Traceback" not in err
