"""COMET (reference-based, e.g. wmt22-comet-da) and COMET-QE (e.g. wmt22-cometkiwi-da) through
``unbabel-comet``, from a local checkpoint only.

A checkpoint folder is laid out as the hub ships it: ``DIR/checkpoints/model.ckpt`` and ``DIR/hparams.yaml``.
The checkpoint names its encoder (``pretrained_model``, e.g. ``xlm-roberta-large``); only that encoder's
tokenizer and config are read (the weights come from the checkpoint), from a local folder or the local
Hugging Face cache, never from a hub.

Which inputs a model takes comes from ``hparams.yaml``: a reference-based model scores the segments that have
a reference and leaves the others NaN; a QE model scores every segment from source and MT; a unified model
that can take either (XCOMET-style) uses references only when every segment has one, so all segments of a
run are scored the same way. Scores are cached on disk per (checkpoint, mode, src, mt, ref), so a rerun does
not even load the model.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import math
import os
import struct
import warnings
from dataclasses import dataclass
from pathlib import Path

from eval.errors import ConfigError, MissingDependencyError
from eval.neural.cache import ModelCache
from eval.neural.loading import ModelNotFoundError, pick_device, require_torch

COMET_EXTRA = ("COMET needs the 'comet' extra in its own environment (its pins need numpy<2 and transformers<5): "
               "pip install 'mteval-ar[neural,comet]'; see README 'Neural metrics'")

#: hparams ``class_identifier`` values of models that cannot score without a reference
_NEEDS_REF = {"regression_metric", "ranking_metric"}
_QE_ONLY = {"referenceless_regression_metric"}


def _checkpoint(path: str) -> Path:
    p = Path(path).expanduser()
    if p.is_file() and p.suffix == ".ckpt":
        return p
    for cand in (p / "checkpoints" / "model.ckpt", p / "model.ckpt"):
        if cand.is_file():
            return cand
    raise ModelNotFoundError(
        f"COMET checkpoint {path!r} not found: pass the folder that holds checkpoints/model.ckpt (download it elsewhere "
        f"with `huggingface-cli download Unbabel/wmt22-comet-da --local-dir DIR` and copy DIR here)"
    )


def _hparams_file(ckpt: Path) -> Path:
    # comet.load_from_checkpoint reads <ckpt>/../../hparams.yaml
    return ckpt.parents[1] / "hparams.yaml"


def _fingerprint(ckpt: Path, hparams: Path) -> str:
    """A content fingerprint for cache keys: size, hparams and 1 MiB samples spread over the checkpoint (hashing
    all of a 2 GB checkpoint would cost seconds; copies keep the fingerprint, retrained weights change it)."""
    h = hashlib.sha256()
    size = ckpt.stat().st_size
    h.update(str(size).encode())
    chunk = 1 << 20
    with ckpt.open("rb") as f:
        for frac in (0.0, 0.25, 0.5, 0.75, 1.0):
            f.seek(max(0, min(int(size * frac), size - chunk)))
            h.update(f.read(chunk))
    if hparams.is_file():
        h.update(hparams.read_bytes())
    return h.hexdigest()[:16]


@dataclass(frozen=True)
class CometInfo:
    """What ``hparams.yaml`` says about a checkpoint's inputs."""

    class_identifier: str
    pretrained_model: str
    needs_ref: bool  # cannot score without a reference
    takes_ref: bool  # uses a reference when given one


def checkpoint_info(ckpt: Path) -> CometInfo:
    import yaml

    hp_file = _hparams_file(ckpt)
    if not hp_file.is_file():
        raise ModelNotFoundError(f"COMET checkpoint {ckpt} has no hparams.yaml next to its checkpoints/ folder "
                                 f"({hp_file}): copy the whole downloaded folder")
    hp = yaml.safe_load(hp_file.read_text(encoding="utf-8")) or {}
    cls = str(hp.get("class_identifier", ""))
    segments = list(hp.get("input_segments") or ["mt", "src", "ref"])
    if cls in _NEEDS_REF:
        needs, takes = True, True
    elif cls in _QE_ONLY:
        needs, takes = False, False
    else:  # unified_metric, xcomet_metric
        needs, takes = segments == ["mt", "ref"], "ref" in segments
    return CometInfo(cls, str(hp.get("pretrained_model", "")), needs, takes)


@contextlib.contextmanager
def _quiet():
    """Silence Lightning's banner, tips and deprecation chatter around COMET (warnings stay for real problems)."""
    loggers = [logging.getLogger(n) for n in ("pytorch_lightning", "lightning.pytorch", "lightning_fabric",
                                              "lightning.fabric", "comet")]
    levels = [lg.level for lg in loggers]
    for lg in loggers:
        lg.setLevel(logging.WARNING)
    try:
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", message=".*pkg_resources is deprecated.*")
            warnings.filterwarnings("ignore", message=".*LeafSpec.*")
            warnings.filterwarnings("ignore", message=".*num_workers.*")
            warnings.filterwarnings("ignore", category=DeprecationWarning)
            yield
    finally:
        for lg, level in zip(loggers, levels):
            lg.setLevel(level)


class CometScorer:
    """Segment scores from a local COMET checkpoint, cached on disk; the model loads only on a cache miss."""

    def __init__(self, path: str, device: str = "auto", batch_size: int = 16, cache_dir=None, progress: bool = True):
        require_torch()  # forces HF_HUB_OFFLINE before comet imports transformers
        try:
            with _quiet():
                import comet  # noqa: F401
        except ImportError as exc:
            raise MissingDependencyError(f"{COMET_EXTRA} ({exc.name} is missing)") from None
        self.requested = path
        self.checkpoint = _checkpoint(path)
        self.info = checkpoint_info(self.checkpoint)
        self.revision = _fingerprint(self.checkpoint, _hparams_file(self.checkpoint))
        self.device = pick_device(device)
        self.batch_size = batch_size
        self.progress = progress
        self.cache_dir = cache_dir
        self.mode: str | None = None
        self.cache: ModelCache | None = None
        self._model = None

    def _encoder_missing(self, detail: str = "") -> ModelNotFoundError:
        enc = self.info.pretrained_model
        return ModelNotFoundError(
            f"COMET checkpoint {self.requested!r} needs the tokenizer and config of its encoder {enc!r}, which are not on "
            f"this machine (not a folder, not in the Hugging Face cache "
            f"{os.environ.get('HF_HOME', '~/.cache/huggingface')}). This tool never downloads. On a machine with network "
            f"run `huggingface-cli download {enc} --exclude '*.bin' '*.safetensors' '*.onnx' '*.msgpack' '*.h5'` and "
            f"copy the Hugging Face cache here (or set HF_HOME to it){detail}"
        )

    def _check_encoder(self) -> None:
        """Fail with one message, before COMET starts, when the encoder's tokenizer is not on this machine
        (transformers 4.x then fails deep inside tokenizer conversion rather than with a clear error)."""
        enc = self.info.pretrained_model
        p = Path(enc).expanduser()
        if p.is_dir():
            if not (p / "config.json").is_file():
                raise self._encoder_missing(f" ({p} holds no config.json)")
            return
        try:
            from huggingface_hub import snapshot_download

            local = Path(snapshot_download(enc, local_files_only=True))
        except Exception:
            raise self._encoder_missing() from None
        if not (local / "config.json").is_file():
            raise self._encoder_missing(f" ({local} holds no config.json)")

    def _load(self):
        if self._model is None:
            from comet import load_from_checkpoint

            self._check_encoder()
            try:
                with _quiet():
                    self._model = load_from_checkpoint(str(self.checkpoint), local_files_only=True)
            except OSError as exc:  # transformers: tokenizer/config of pretrained_model not found locally
                raise self._encoder_missing(f" ({exc})") from None
        return self._model

    def _predict(self, samples: list[dict[str, str]]) -> list[float]:
        model = self._load()
        gpus, devices = (0, None) if self.device == "cpu" else (1, None)
        if self.device.startswith("cuda:"):
            devices = [int(self.device.split(":", 1)[1])]
        with _quiet():
            out = model.predict(samples, batch_size=self.batch_size, gpus=gpus, devices=devices,
                                progress_bar=self.progress and len(samples) > self.batch_size,
                                accelerator=self.device.split(":", 1)[0])
        return [float(x) for x in out.scores]

    def score(self, sources: list[str], hyps: list[str], refs: list[str] | None) -> list[float]:
        """One score per segment; NaN where the model cannot score it (a reference-based model, no reference)."""
        n = len(hyps)
        if len(sources) != n or (refs is not None and len(refs) != n):
            raise ValueError(f"COMET inputs differ in length: {len(sources)} sources, {n} hypotheses, "
                             f"{len(refs) if refs is not None else 0} references")
        have_ref = [bool(r and r.strip()) for r in refs] if refs is not None else [False] * n
        if self.info.needs_ref:
            if n and not any(have_ref):
                raise ConfigError(
                    f"COMET model {self.requested!r} ({self.info.class_identifier}) is reference-based, but no segment "
                    f"has a reference: give the corpus a reference/ or use a QE checkpoint (e.g. Unbabel/wmt22-cometkiwi-da)"
                )
            use_ref = have_ref
        elif self.info.takes_ref and n and all(have_ref):
            use_ref = have_ref
        else:
            use_ref = [False] * n
        self.mode = "ref" if any(use_ref) else "qe"
        self.cache = ModelCache(self.cache_dir, f"comet:{self.info.class_identifier}", self.revision, f"comet-{self.mode}")
        todo_idx = [i for i in range(n) if use_ref[i] or not self.info.needs_ref]
        keys = {i: json.dumps([sources[i], hyps[i], refs[i] if use_ref[i] else None], ensure_ascii=False)
                for i in todo_idx}
        cached = {k: struct.unpack("<d", v)[0] for k, v in self.cache.get_many(sorted(set(keys.values()))).items()}
        missing = sorted({k for k in keys.values() if k not in cached})
        if missing:
            samples = []
            for k in missing:
                s, h, r = json.loads(k)
                samples.append({"src": s, "mt": h} | ({"ref": r} if r is not None else {}))
            new = dict(zip(missing, self._predict(samples)))
            self.cache.put_many({k: struct.pack("<d", v) for k, v in new.items()})
            cached.update(new)
        self.cache.close()
        return [cached[keys[i]] if i in keys else math.nan for i in range(n)]


def comet_scores(path: str, sources: list[str], hyps: list[str], refs: list[str] | None, batch_size: int = 16,
                 device: str = "auto", cache_dir=None, progress: bool = True) -> list[float]:
    """Segment scores from a local COMET checkpoint; ``refs=None`` (or empty references) for QE.

    A reference-based model gives NaN for segments without a reference. See :class:`CometScorer`.
    """
    return CometScorer(path, device, batch_size, cache_dir, progress).score(sources, hyps, refs)
