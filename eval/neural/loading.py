"""Finding and loading local Hugging Face models, offline only.

Nothing here reaches a hub: ``HF_HUB_OFFLINE`` is forced on before transformers is imported, and
a model is either a local folder or an id already in the local Hugging Face cache. When it is
neither, the user gets one message naming the model and how to put it on the machine, instead of
a stack trace or a network hang.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from eval.errors import MissingDependencyError

NEURAL_EXTRA = "pip install 'mteval-ar[neural]' (CPU torch on this machine: pip install torch==2.13.0)"


class ModelNotFoundError(MissingDependencyError):
    """A model id or path that is not on this machine."""


def require_torch():
    """Import torch and transformers offline, or explain which extra to install."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    try:
        import torch
        import transformers
    except ImportError as exc:
        raise MissingDependencyError(f"neural metrics need torch and transformers ({exc.name} is missing): {NEURAL_EXTRA}") from None
    transformers.logging.set_verbosity_error()
    transformers.utils.logging.disable_progress_bar()
    return torch, transformers


@dataclass(frozen=True)
class ResolvedModel:
    """A model found on disk: what the user asked for, where it is, and a revision for cache keys."""

    requested: str
    path: Path
    revision: str


def _revision(path: Path) -> str:
    """A content fingerprint of the model folder (config and weight file sizes/mtimes), for cache keys."""
    h = hashlib.sha256()
    for f in sorted(path.iterdir()):
        if f.is_file() and (f.suffix in (".json", ".safetensors", ".bin", ".model", ".txt")):
            st = f.stat()
            h.update(f"{f.name}:{st.st_size}".encode())
            if f.name.endswith(".json"):
                h.update(f.read_bytes())
    return h.hexdigest()[:16]


def resolve_model(name_or_path: str) -> ResolvedModel:
    """A local folder, or a hub id present in the local cache; otherwise :class:`ModelNotFoundError`."""
    p = Path(name_or_path).expanduser()
    if p.is_dir():
        if not (p / "config.json").is_file() and not any(p.glob("*.ckpt")) and not (p / "checkpoints").is_dir():
            raise ModelNotFoundError(f"{p} is a folder but holds no model (no config.json)")
        return ResolvedModel(name_or_path, p.resolve(), _revision(p))
    if p.exists():
        return ResolvedModel(name_or_path, p.resolve(), _revision(p.parent))
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    try:
        from huggingface_hub import snapshot_download

        local = Path(snapshot_download(name_or_path, local_files_only=True))
        return ResolvedModel(name_or_path, local, local.name)
    except Exception:
        pass
    raise ModelNotFoundError(
        f"model {name_or_path!r} is not on this machine (not a folder, not in the Hugging Face cache "
        f"{os.environ.get('HF_HOME', '~/.cache/huggingface')}). This tool never downloads. On a machine with network run "
        f"`huggingface-cli download {name_or_path} --local-dir DIR`, copy DIR here and pass --neural-model DIR "
        f"(or copy the hub cache and set HF_HOME)."
    )


def pick_device(device: str = "auto") -> str:
    torch, _ = require_torch()
    if device == "auto":
        return "cuda" if torch.cuda.is_available() else "cpu"
    if device.startswith("cuda") and not torch.cuda.is_available():
        raise MissingDependencyError(f"--device {device} asked for, but torch sees no CUDA device; use --device cpu")
    return device
