"""Tiny random-weight models with tokenizers trained on the fly, for tests and benchmarks.

They exercise the real loading, batching, caching and scoring code offline; their scores mean
nothing. Built from small configs (BERT encoder, BART seq2seq) and saved like any local model.
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
