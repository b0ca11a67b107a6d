"""Tiny random-weight models with tokenizers trained on the fly, for tests and benchmarks.

They exercise the real loading, batching, caching and scoring code offline; their scores mean
nothing. Built from small configs (BERT encoder, BART seq2seq, XLM-R encoder, COMET checkpoints on it)
and saved like any local model.
"""

from __future__ import annotations

from pathlib import Path

TEXTS = [
    "Kazakh leader Tokayev met Putin in Moscow.", "The talks lasted three hours.", "Oil prices rose 2% in Almaty.",
    "التقى الرئيس توكاييف بوتين في موسكو.", "استمرت المحادثات ثلاث ساعات.", "ارتفعت أسعار النفط 2% في ألماتي.",
    "Nazarbayev resigned in 2019.", "استقال نزارباييف عام 2019.",
]


def _tokenizer(path: Path, kind: str, texts: list[str]):
    from tokenizers import Tokenizer, models, normalizers, pre_tokenizers, processors, trainers
    from transformers import PreTrainedTokenizerFast

    tok = Tokenizer(models.WordPiece(unk_token="[UNK]"))
    tok.normalizer = normalizers.NFKC()
    tok.pre_tokenizer = pre_tokenizers.Whitespace()
    special = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "<s>", "</s>"]
    tok.train_from_iterator(texts * 3, trainers.WordPieceTrainer(vocab_size=300, special_tokens=special))
    if kind == "encoder":
        tok.post_processor = processors.TemplateProcessing(
            single="[CLS] $A [SEP]", special_tokens=[("[CLS]", tok.token_to_id("[CLS]")), ("[SEP]", tok.token_to_id("[SEP]"))]
        )
        fast = PreTrainedTokenizerFast(tokenizer_object=tok, unk_token="[UNK]", pad_token="[PAD]", cls_token="[CLS]",
                                       sep_token="[SEP]", mask_token="[MASK]")
    else:
        tok.post_processor = processors.TemplateProcessing(single="$A </s>", special_tokens=[("</s>", tok.token_to_id("</s>"))])
        fast = PreTrainedTokenizerFast(tokenizer_object=tok, unk_token="[UNK]", pad_token="[PAD]", bos_token="<s>", eos_token="</s>")
    fast.save_pretrained(path)
    return fast


def build_tiny_encoder(path: Path, texts: list[str] | None = None, hidden: int = 32) -> Path:
    import torch
    import transformers

    path.mkdir(parents=True, exist_ok=True)
    tok = _tokenizer(path, "encoder", texts or TEXTS)
    torch.manual_seed(0)
    cfg = transformers.BertConfig(vocab_size=len(tok), hidden_size=hidden, num_hidden_layers=2, num_attention_heads=2,
                                  intermediate_size=2 * hidden, max_position_embeddings=256)
    transformers.BertModel(cfg).save_pretrained(path)
    return path


def build_tiny_seq2seq(path: Path, texts: list[str] | None = None, hidden: int = 32) -> Path:
    import torch
    import transformers

    path.mkdir(parents=True, exist_ok=True)
    tok = _tokenizer(path, "seq2seq", texts or TEXTS)
    torch.manual_seed(0)
    cfg = transformers.BartConfig(
        vocab_size=len(tok), d_model=hidden, encoder_layers=1, decoder_layers=1, encoder_attention_heads=2,
        decoder_attention_heads=2, encoder_ffn_dim=2 * hidden, decoder_ffn_dim=2 * hidden, max_position_embeddings=256,
        pad_token_id=tok.pad_token_id, bos_token_id=tok.bos_token_id, eos_token_id=tok.eos_token_id,
        decoder_start_token_id=tok.eos_token_id, forced_eos_token_id=None,
    )
    model = transformers.BartForConditionalGeneration(cfg)
    model.generation_config.max_new_tokens = 8
    model.save_pretrained(path)
    return path


def build_tiny_xlmr(path: Path, texts: list[str] | None = None, hidden: int = 32, layers: int = 2) -> Path:
    """A tiny random-weight XLM-R encoder with an XLM-R-style tokenizer (Unigram, Metaspace, ``<s> A </s></s> B </s>``)
    that ``XLMRobertaTokenizerFast.from_pretrained`` loads, as COMET's XLM-R encoder does."""
    import torch
    import transformers
    from tokenizers import Tokenizer, decoders, models, normalizers, pre_tokenizers, processors, trainers

    path.mkdir(parents=True, exist_ok=True)
    special = ["<s>", "<pad>", "</s>", "<unk>", "<mask>"]  # XLM-R's ids: <s>=0, <pad>=1, </s>=2, <unk>=3
    tok = Tokenizer(models.Unigram())
    tok.normalizer = normalizers.NFKC()
    tok.pre_tokenizer = pre_tokenizers.Metaspace()
    tok.decoder = decoders.Metaspace()
    tok.train_from_iterator((texts or TEXTS) * 3, trainers.UnigramTrainer(vocab_size=300, special_tokens=special,
                                                                          unk_token="<unk>"))
    ids = {t: tok.token_to_id(t) for t in special}
    assert [ids[t] for t in special] == [0, 1, 2, 3, 4], ids
    tok.post_processor = processors.TemplateProcessing(
        single="<s> $A </s>", pair="<s> $A </s> </s> $B </s>", special_tokens=[("<s>", 0), ("</s>", 2)]
    )
    fast = transformers.XLMRobertaTokenizerFast(tokenizer_object=tok, bos_token="<s>", eos_token="</s>", sep_token="</s>",
                                                cls_token="<s>", unk_token="<unk>", pad_token="<pad>", mask_token="<mask>",
                                                model_max_length=128)
    fast.save_pretrained(path)
    torch.manual_seed(0)
    cfg = transformers.XLMRobertaConfig(vocab_size=len(fast), hidden_size=hidden, num_hidden_layers=layers,
                                        num_attention_heads=2, intermediate_size=2 * hidden, max_position_embeddings=130,
                                        pad_token_id=1, bos_token_id=0, eos_token_id=2)
    transformers.XLMRobertaModel(cfg, add_pooling_layer=False).save_pretrained(path)
    return path


def build_tiny_comet(path: Path, kind: str = "ref", texts: list[str] | None = None) -> Path:
    """A tiny random-weight COMET checkpoint laid out as a downloaded one: ``path/checkpoints/model.ckpt`` and
    ``path/hparams.yaml``. ``kind`` is ``"ref"`` (``RegressionMetric``, like wmt22-comet-da) or ``"qe"``
    (``UnifiedMetric`` on mt+src, like wmt22-cometkiwi-da). Its encoder lives in ``path/encoder`` and the
    checkpoint names it by absolute path, so nothing is looked up on a hub. Needs ``unbabel-comet``."""
    import pytorch_lightning
    import torch
    import yaml
    from comet.models import RegressionMetric, UnifiedMetric

    encoder = build_tiny_xlmr(path / "encoder", texts)
    common = {"pretrained_model": str(encoder.resolve()), "load_pretrained_weights": True, "local_files_only": True,
              "hidden_sizes": [16], "dropout": 0.0, "layer_transformation": "softmax", "nr_frozen_epochs": 0.0}
    torch.manual_seed(0)
    if kind == "ref":
        model = RegressionMetric(**common)
    elif kind == "qe":
        model = UnifiedMetric(**common, input_segments=["mt", "src"], word_layer=2, final_activation="sigmoid")
    else:
        raise ValueError(f"kind must be 'ref' or 'qe', not {kind!r}")
    hparams = dict(model.hparams)
    (path / "checkpoints").mkdir(parents=True, exist_ok=True)
    torch.save({"state_dict": model.state_dict(), "hyper_parameters": hparams,
                "pytorch-lightning_version": pytorch_lightning.__version__}, path / "checkpoints" / "model.ckpt")
    (path / "hparams.yaml").write_text(yaml.safe_dump(hparams), encoding="utf-8")
    return path
