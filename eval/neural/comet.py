"""COMET (reference-based, e.g. wmt22-comet-da) and COMET-QE (e.g. wmt22-cometkiwi-da) through
``unbabel-comet``, from a local checkpoint only."""

from __future__ import annotations

from pathlib import Path

from eval.errors import MissingDependencyError
from eval.neural.loading import ModelNotFoundError


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


def comet_scores(path: str, sources: list[str], hyps: list[str], refs: list[str] | None, batch_size: int = 16,
                 gpus: int = 0) -> list[float]:
    """Segment scores; ``refs=None`` for QE models."""
    try:
        from comet import load_from_checkpoint
    except ImportError:
        raise MissingDependencyError("COMET needs the 'comet' extra: pip install 'mteval-ar[comet]'") from None
    model = load_from_checkpoint(str(_checkpoint(path)))
    data = [{"src": s, "mt": h} | ({"ref": r} if refs is not None else {}) for s, h, r in zip(sources, hyps, refs or hyps)]
    out = model.predict(data, batch_size=batch_size, gpus=gpus, progress_bar=True)
    return [float(x) for x in out.scores]
