"""Round-trip scoring: translate the Arabic back to English with a local seq2seq model, then score
it against the English source with sacrebleu.

Round-trip scores are labelled as such everywhere: they measure how much of the source's content
survives two translations, which correlates with adequacy but rewards literal output.
"""

from __future__ import annotations

from eval.neural.batching import batched_by_length
from eval.neural.cache import ModelCache
from eval.neural.loading import pick_device, require_torch, resolve_model


class BackTranslator:
    """Arabic→English with any local ``AutoModelForSeq2SeqLM`` (Marian, NLLB, BART…), cached on disk."""

    def __init__(self, model: str, device: str = "auto", batch_size: int = 16, cache_dir=None, progress: bool = True,
                 max_new_tokens: int = 256, num_beams: int = 1, src_lang: str | None = None, tgt_lang: str | None = None):
        torch, transformers = require_torch()
        self.resolved = resolve_model(model)
        self.device = pick_device(device)
        self.tokenizer = transformers.AutoTokenizer.from_pretrained(self.resolved.path, local_files_only=True)
        if src_lang and hasattr(self.tokenizer, "src_lang"):
            self.tokenizer.src_lang = src_lang
        self.model = transformers.AutoModelForSeq2SeqLM.from_pretrained(self.resolved.path, local_files_only=True).to(self.device).eval()
        self.gen_kwargs = {"max_new_tokens": max_new_tokens, "num_beams": num_beams, "do_sample": False}
        if tgt_lang:
            self.gen_kwargs["forced_bos_token_id"] = self.tokenizer.convert_tokens_to_ids(tgt_lang)
        self.batch_size = batch_size
        self.progress = progress
        self.cache = ModelCache(cache_dir, self.resolved.requested, self.resolved.revision, f"translate:{self.gen_kwargs}")
        self._torch = torch

    def _translate_batch(self, texts: list[str]) -> list[str]:
        enc = self.tokenizer(texts, padding=True, truncation=True, max_length=512, return_tensors="pt")
        enc = {k: v.to(self.device) for k, v in enc.items() if k in ("input_ids", "attention_mask")}
        with self._torch.inference_mode():
            out = self.model.generate(**enc, **self.gen_kwargs)
        return self.tokenizer.batch_decode(out, skip_special_tokens=True)

    def translate(self, texts: list[str]) -> list[str]:
        uniq = sorted({t for t in texts if t.strip()})
        cached = {t: v.decode("utf-8") for t, v in self.cache.get_many(uniq).items()}
        todo = [t for t in uniq if t not in cached]
        if todo:
            outs = batched_by_length(todo, self.batch_size, self._translate_batch, "back-translating", self.progress)
            self.cache.put_many({t: o.encode("utf-8") for t, o in zip(todo, outs)})
            cached.update(dict(zip(todo, outs)))
        return [cached.get(t, "") for t in texts]
