"""COMET end to end on tiny random-weight checkpoints built offline in the test (scores mean nothing).

Needs ``unbabel-comet``, whose pins (numpy<2, transformers<5) conflict with the main environment, so it lives
in its own venv (README "Neural metrics"); everywhere else this module is skipped.
"""

import json
import math
import time

import pytest

pytest.importorskip(
    "comet", reason="unbabel-comet not installed: it needs its own venv (numpy<2, transformers<5), see README 'Neural metrics'"
)

from eval.errors import ConfigError  # noqa: E402
from eval.neural.comet import CometScorer, comet_scores  # noqa: E402
from eval.neural.loading import ModelNotFoundError  # noqa: E402
from eval.neural.tiny import build_tiny_comet  # noqa: E402

SRC = ["Tokayev met Putin in Moscow.", "Oil prices rose 2% in Almaty.", "Nazarbayev resigned in 2019.", ""]
TGT = ["التقى توكاييف بوتين في موسكو.", "ارتفعت أسعار النفط في ألماتي.", "استقال نزارباييف عام 2019.", "اقرأ أكثر"]
REF = ["التقى الرئيس توكاييف بوتين في موسكو.", "ارتفعت أسعار النفط 2% في ألماتي.", "", "استقال نزارباييف."]


@pytest.fixture(scope="module")
def comet_ref(tmp_path_factory):
    return build_tiny_comet(tmp_path_factory.mktemp("comet-ref"), "ref")


@pytest.fixture(scope="module")
def comet_qe(tmp_path_factory):
    return build_tiny_comet(tmp_path_factory.mktemp("comet-qe"), "qe")


def _same(a: list[float], b: list[float]) -> bool:
    return len(a) == len(b) and all((math.isnan(x) and math.isnan(y)) or x == y for x, y in zip(a, b))


def test_reference_based_scores_shapes_determinism_and_cache(comet_ref, tmp_path):
    first = CometScorer(str(comet_ref), device="cpu", batch_size=2, cache_dir=tmp_path / "c1", progress=False)
    scores = first.score(SRC, TGT, REF)
    assert first.info.class_identifier == "regression_metric" and first.info.needs_ref and first.mode == "ref"
    assert len(scores) == 4 and math.isnan(scores[2])  # no reference: a reference-based model leaves it unscored
    assert all(math.isfinite(scores[i]) for i in (0, 1, 3))
    assert first.cache.misses == 3 and first.cache.hits == 0
    # same inputs, fresh cache: the model runs again and gives the same numbers
    fresh = comet_scores(str(comet_ref), SRC, TGT, REF, batch_size=2, device="cpu", cache_dir=tmp_path / "c2", progress=False)
    assert _same(fresh, scores)
    # rerun on the first cache: every score comes from disk and the model is never loaded
    again = CometScorer(str(comet_ref), device="cpu", cache_dir=tmp_path / "c1", progress=False)
    assert _same(again.score(SRC, TGT, REF), scores)
    assert again.cache.hits == 3 and again.cache.misses == 0 and again._model is None
    # the pairs differ, so do the (random-weight) scores; an edited hypothesis misses the cache
    assert len({scores[0], scores[1], scores[3]}) == 3
    edited = CometScorer(str(comet_ref), device="cpu", cache_dir=tmp_path / "c1", progress=False)
    edited.score(SRC[:1], ["نص آخر"], REF[:1])
    assert edited.cache.misses == 1


def test_reference_based_model_needs_some_reference(comet_ref, tmp_path):
    with pytest.raises(ConfigError, match="reference-based.*QE checkpoint"):
        comet_scores(str(comet_ref), SRC, TGT, None, device="cpu", cache_dir=tmp_path, progress=False)
    with pytest.raises(ConfigError):
        comet_scores(str(comet_ref), SRC, TGT, [""] * 4, device="cpu", cache_dir=tmp_path, progress=False)
    assert comet_scores(str(comet_ref), [], [], [], device="cpu", cache_dir=tmp_path, progress=False) == []


def test_qe_scores_every_segment_and_ignores_references(comet_qe, tmp_path):
    qe = CometScorer(str(comet_qe), device="cpu", batch_size=3, cache_dir=tmp_path, progress=False)
    scores = qe.score(SRC, TGT, None)
    assert qe.mode == "qe" and not qe.info.takes_ref and len(scores) == 4
    assert all(math.isfinite(s) and 0.0 <= s <= 1.0 for s in scores)  # tiny model ends in a sigmoid
    with_refs = CometScorer(str(comet_qe), device="cpu", cache_dir=tmp_path, progress=False)
    assert _same(with_refs.score(SRC, TGT, REF), scores) and with_refs.mode == "qe" and with_refs.cache.hits == 4


def test_missing_encoder_is_one_clear_message(comet_ref, tmp_path, monkeypatch):
    import shutil

    import torch
    import yaml

    moved = tmp_path / "moved"
    shutil.copytree(comet_ref / "checkpoints", moved / "checkpoints")
    ckpt = torch.load(moved / "checkpoints" / "model.ckpt", weights_only=False)
    ckpt["hyper_parameters"]["pretrained_model"] = "no-such-org/no-such-xlmr"
    torch.save(ckpt, moved / "checkpoints" / "model.ckpt")
    hp = yaml.safe_load((comet_ref / "hparams.yaml").read_text())
    (moved / "hparams.yaml").write_text(yaml.safe_dump(hp | {"pretrained_model": "no-such-org/no-such-xlmr"}))
    monkeypatch.setenv("HF_HOME", str(tmp_path / "hf"))
    start = time.perf_counter()
    with pytest.raises(ModelNotFoundError, match="no-such-org/no-such-xlmr.*never downloads"):
        comet_scores(str(moved), SRC, TGT, REF, device="cpu", cache_dir=tmp_path / "c", progress=False)
    assert time.perf_counter() - start < 60  # no network wait
    (moved / "hparams.yaml").unlink()
    with pytest.raises(ModelNotFoundError, match="hparams.yaml"):
        comet_scores(str(moved), SRC, TGT, REF, device="cpu", cache_dir=tmp_path / "c", progress=False)


def _corpus(root, reference: bool = True):
    files = {
        "source/d.txt": "Tokayev met Putin in Moscow.\nOil prices rose 2% in Almaty.\nNazarbayev resigned in 2019.\n",
        "reference/d.txt": "التقى توكاييف بوتين في موسكو.\nارتفعت أسعار النفط 2% في ألماتي.\n",  # last sentence omitted
        "systems/a/d.txt": "التقى توكاييف بوتين في موسكو.\nارتفعت أسعار النفط في ألماتي.\nاستقال نزارباييف عام 2019.\n",
        "systems/b/d.txt": "توكاي قابل بوتين.\nاقرأ أكثر\nالنفط.\n",
    }
    for rel, text in files.items():
        if rel.startswith("reference/") and not reference:
            continue
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    return root


def test_run_with_comet_through_the_cli(comet_ref, tmp_path, monkeypatch, capsys):
    import pandas as pd

    from eval.cli import main

    monkeypatch.setenv("MTEVAL_CACHE", str(tmp_path / "cache"))
    monkeypatch.chdir(tmp_path)  # Lightning must not leave files in the working directory
    corpus = _corpus(tmp_path / "c")
    args = ["run", str(corpus), "--out", str(tmp_path / "out"), "--no-progress", "--bootstrap", "50",
            "--comet-model", str(comet_ref), "--device", "cpu"]
    main(args)
    printed = capsys.readouterr().out
    segs = pd.read_parquet(tmp_path / "out" / "segments.parquet")
    docs = pd.read_parquet(tmp_path / "out" / "documents.parquet")
    summary = json.loads((tmp_path / "out" / "summary.json").read_text(encoding="utf-8"))
    assert "comet" in segs.columns and "comet" in docs.columns
    no_ref = segs["reference_text"].fillna("").str.strip().eq("")
    assert no_ref.any() and not no_ref.all()  # the reference omits a sentence
    assert segs["comet"].isna().equals(no_ref)
    info = summary["neural"]["comet"]
    assert info["mode"] == "ref" and info["class"] == "regression_metric" and info["cache_misses"] > 0
    assert info["unscored_segments"] == int(no_ref.sum())
    for s in ("a", "b"):
        c = summary["scores"][s]["comet"]
        assert c["ci_low"] <= c["score"] <= c["ci_high"] and c["signature"].endswith("|ref")
        g = segs[segs["system"] == s]
        assert c["n_segments"] == int(g["comet"].notna().sum())
        assert c["score"] == pytest.approx(g["comet"].mean())
        assert f"comet {c['score']:.3f}" in printed
    assert "COMET" in (tmp_path / "out" / "report.html").read_text(encoding="utf-8")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["c", "cache", "out"]

    main([*args[:3], str(tmp_path / "out2"), *args[4:], "--no-report"])  # rerun: every score from the cache
    summary2 = json.loads((tmp_path / "out2" / "summary.json").read_text(encoding="utf-8"))
    assert summary2["neural"]["comet"]["cache_misses"] == 0 and summary2["neural"]["comet"]["cache_hits"] > 0
    assert summary2["scores"]["a"]["comet"] == summary["scores"]["a"]["comet"]
    segs2 = pd.read_parquet(tmp_path / "out2" / "segments.parquet")
    assert _same(segs2["comet"].tolist(), segs["comet"].tolist())


def test_comet_without_reference_through_the_cli(comet_ref, comet_qe, tmp_path, monkeypatch, capsys):
    import pandas as pd

    from eval.cli import main

    monkeypatch.setenv("MTEVAL_CACHE", str(tmp_path / "cache"))
    corpus = _corpus(tmp_path / "c", reference=False)
    base = ["run", str(corpus), "--no-progress", "--no-report", "--bootstrap", "20", "--device", "cpu"]
    main([*base, "--out", str(tmp_path / "qe"), "--comet-model", str(comet_qe)])
    summary = json.loads((tmp_path / "qe" / "summary.json").read_text(encoding="utf-8"))
    assert summary["neural"]["comet"]["mode"] == "qe" and summary["scores"]["a"]["comet"]["signature"].endswith("|qe")
    assert pd.read_parquet(tmp_path / "qe" / "segments.parquet")["comet"].notna().all()
    capsys.readouterr()
    with pytest.raises(SystemExit) as e:  # a reference-based model on a corpus with no reference: one line, no trace
        main([*base, "--out", str(tmp_path / "ref"), "--comet-model", str(comet_ref)])
    err = capsys.readouterr().err
    assert e.value.code == 2 and "reference-based" in err and "Traceback" not in err
