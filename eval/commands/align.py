"""``mteval align``: sentence alignment alone, for scripts and other tools.

Inputs are UTF-8 text files with one sentence per line, or paragraphs split into sentences with
``--split``. The TSV output has one bead per line: source line numbers (0-based, comma-separated,
empty for none) TAB target line numbers TAB kind TAB score. With ``--split`` the numbers are
sentence indices in reading order. JSON output is a list of objects with the same fields plus the
texts.
"""

from __future__ import annotations

import json
from pathlib import Path

import click

from eval.errors import InputError


def read_sentences(path: Path, lang: str, split: bool) -> list[str]:
    """Lines of ``path`` (BOM and CRLF accepted, strict UTF-8), or its sentences with ``split``."""
    from eval.ingest.reading import read_lines, read_text

    if split:
        from eval.text.split import split_sentences

        text = read_text(path)
        return [text[a:b] for a, b in split_sentences(text, lang)]
    return read_lines(path)


def _ids(ids: tuple[int, ...]) -> str:
    return ",".join(str(i) for i in ids)


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--source", "-s", "source", required=True, type=click.Path(path_type=Path),
              help="English text: one sentence per line (or paragraphs, with --split).")
@click.option("--target", "-t", "target", required=True, type=click.Path(path_type=Path),
              help="Arabic text: one sentence per line (or paragraphs, with --split).")
@click.option("--split", is_flag=True, help="Split paragraphs into sentences first (numbers are then sentence indices).")
@click.option("--format", "fmt", type=click.Choice(["tsv", "json"]), default="tsv", show_default=True,
              help="Output format.")
@click.option("--monolingual", is_flag=True,
              help="Both files are Arabic (system ↔ reference): character n-gram similarity instead of the en→ar model.")
@click.option("--output", "-o", type=click.Path(path_type=Path), default=None, help="Write here instead of stdout.")
def command(source: Path, target: Path, split: bool, fmt: str, monolingual: bool, output: Path | None) -> None:
    """Align SOURCE sentences with TARGET sentences and print one bead per line.

    \b
    TSV columns: source ids, target ids, kind (e.g. 1-1, 2-1, 1-0 omission, 0-1 addition), confidence.
    Example:
      mteval align --source en.txt --target ar.txt
      mteval align -s en.txt -t ar.txt --split --format json
    """
    from eval.align import align, align_monolingual

    src = read_sentences(source, "ar" if monolingual else "en", split)
    tgt = read_sentences(target, "ar", split)
    beads = align_monolingual(src, tgt) if monolingual else align(src, tgt)
    if fmt == "tsv":
        out = "".join(f"{_ids(b.source_ids)}\t{_ids(b.target_ids)}\t{b.kind}\t{b.score:.4f}\n" for b in beads)
    else:
        rows = [
            {
                "source": list(b.source_ids),
                "target": list(b.target_ids),
                "kind": b.kind,
                "score": round(float(b.score), 4),
                "source_text": " ".join(src[i] for i in b.source_ids),
                "target_text": " ".join(tgt[j] for j in b.target_ids),
            }
            for b in beads
        ]
        out = "[\n" + ",\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + ("\n]\n" if rows else "]\n")
    if output is None:
        click.echo(out, nl=False)
    else:
        try:
            output.write_text(out, encoding="utf-8")
        except OSError as exc:
            raise InputError(f"cannot write: {exc.strerror or exc}", output) from None
