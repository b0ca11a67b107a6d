"""Tiny models built in the test session (random weights, tokenizer trained on the fly)."""

from __future__ import annotations

import pytest

pytest.importorskip("torch", reason="neural extra not installed (pip install torch==2.13.0)")
pytest.importorskip("transformers")
pytest.importorskip("tokenizers")

from eval.neural.tiny import build_tiny_encoder, build_tiny_seq2seq  # noqa: E402


@pytest.fixture(scope="session")
def tiny_encoder(tmp_path_factory):
    return build_tiny_encoder(tmp_path_factory.mktemp("tiny-encoder"))


@pytest.fixture(scope="session")
def tiny_seq2seq(tmp_path_factory):
    return build_tiny_seq2seq(tmp_path_factory.mktemp("tiny-seq2seq"))
