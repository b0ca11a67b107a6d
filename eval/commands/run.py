"""``mteval run``: the whole evaluation of a corpus into a results folder with report.html."""

from __future__ import annotations

from pathlib import Path

import click

from eval.commands.report import echo_report
from eval.config import load_config
from eval.counts import phrases
from eval.errors import InputError
from eval.metrics.display import score_digits
from eval.publish import check_out, results_folder


def _named(values: tuple[str, ...], what: str) -> dict[str, Path]:
    out: dict[str, Path] = {}
    for v in values:
        if "=" in v:
            name, path = v.split("=", 1)
        else:
            name, path = Path(v).stem, v
        if not name:
            raise InputError(f"{what} needs NAME=FILE, got {v!r}")
        if name in out:
            raise InputError(f"{what} name {name!r} given twice")
        out[name] = Path(path)
    return out


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("corpus", required=False, type=click.Path(path_type=Path))
@click.option("--out", "-o", type=click.Path(path_type=Path), help="Results folder to write (default: reports/<corpus name>).")
@click.option("--config", "-c", "config_path", type=click.Path(path_type=Path), help="TOML config file (flags override it).")
@click.option("--format", "fmt", type=click.Choice(["auto", "directory", "jsonl", "tsv", "csv"]), default=None, help="Corpus format (default: from the path).")
@click.option("--source", type=click.Path(path_type=Path), help="Line-aligned English source file (instead of CORPUS).")
@click.option("--reference", "references", multiple=True, metavar="[NAME=]FILE", help="Line-aligned Arabic reference (repeatable).")
@click.option("--system", "systems", multiple=True, metavar="NAME=FILE", help="Line-aligned Arabic MT output (repeatable).")
@click.option("--doc-ids", type=click.Path(path_type=Path), help="Document id per line, for line-aligned input.")
@click.option("--glossary", type=click.Path(path_type=Path), help="Glossary TSV (english, arabic, variants, note).")
@click.option("--segmentation", type=click.Choice(["auto", "sentences", "lines"]), default=None, help="Split into sentences and align, or treat each line as a segment (default: lines for line-aligned/table input).")
@click.option("--metrics", default=None, help="Comma-separated: bleu,chrf,chrf++,ter (default: all).")
@click.option("--tokenize", default=None, help="sacrebleu tokenizer for BLEU/TER (default: intl).")
@click.option("--normalize", type=click.Choice(["none", "arabic"]), default=None, help="Arabic normalisation before scoring (default: none).")
@click.option("--significance", type=click.Choice(["paired-bs", "paired-ar", "both", "none"]), default=None, help="Pairwise test between systems (default: paired-bs).")
@click.option("--resample", type=click.Choice(["segments", "documents"]), default=None, help="Resampling unit for CIs and tests (default: documents).")
@click.option("--bootstrap", type=click.IntRange(min=1), default=None, help="Bootstrap resamples (default: 1000).")
@click.option("--seed", type=click.IntRange(min=0, max=2**32 - 1), default=None, help="Random seed for resampling (default: 12345).")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None, help="Worker processes (default: 1).")
@click.option("--engine", type=click.Choice(["local", "dask"]), default=None, help="Run documents locally or on Dask.")
@click.option("--scheduler", default=None, help="Dask scheduler address (default: a LocalCluster).")
@click.option("--neural-model", default=None, help="Local path or cached id of a multilingual sentence encoder.")
@click.option("--bt-model", default=None, help="Local path or cached id of an Arabic→English seq2seq model (round-trip scores).")
@click.option("--comet-model", default=None, help="Local path of a COMET checkpoint (needs the 'comet' extra).")
@click.option("--device", default=None, help="Device for neural models: auto, cpu, cuda, cuda:N.")
@click.option("--no-report", is_flag=True, help="Write the tables only, not report.html.")
@click.option("--no-progress", is_flag=True, help="No progress bar.")
@click.option("--csv", "also_csv", is_flag=True, help="Also write every table as CSV.")
@click.option("--force", is_flag=True, help="Replace --out even when it holds files that are not results.")
def command(corpus, out, config_path, fmt, source, references, systems, doc_ids, glossary, segmentation, metrics, tokenize,
            normalize, significance, resample, bootstrap, seed, jobs, engine, scheduler, neural_model, bt_model,
            comet_model, device, no_report, no_progress, also_csv, force):
    """Evaluate a corpus: align, score, check, and write a results folder with report.html.

    CORPUS is a folder (source/, reference/, systems/<name>/, glossary.tsv), a .jsonl file
    (one document per line) or a .tsv/.csv file. For WMT-style line-aligned files use
    --source, --reference, --system NAME=FILE and --doc-ids instead.
    """
    from eval.ingest import load_corpus, load_glossary, load_line_aligned
    from eval.pipeline import run

    cfg = load_config(
        config_path,
        {
            "run": {"format": fmt, "segmentation": segmentation, "jobs": jobs, "engine": engine, "scheduler": scheduler,
                    "report": False if no_report else None, "progress": False if no_progress else None},
            "metrics": {"metrics": metrics, "tokenize": tokenize, "normalize": normalize, "significance": significance,
                        "resample": resample, "bootstrap": bootstrap, "seed": seed},
            "neural": {"model": neural_model, "bt_model": bt_model, "comet_model": comet_model, "device": device},
        },
    )
    if source is not None or (corpus is None and systems):
        if corpus is not None:
            raise InputError("give either CORPUS or --source/--system files, not both")
        if not systems:
            raise InputError("--source needs at least one --system NAME=FILE")
        # without --source the line files are Arabic only: a source-free run
        c = load_line_aligned(source, _named(references, "--reference"), _named(systems, "--system"), doc_ids)
        if glossary:
            c.glossary = load_glossary(glossary)
    elif corpus is None:
        raise click.UsageError("give a CORPUS path, or --system NAME=FILE files (with --source for the English)")
    else:
        c = load_corpus(corpus, cfg["run"]["format"], glossary)
    if out is None:
        out = Path("reports") / c.name
    check_out(out, force)  # before any work: a bad --out is known now
    with results_folder(out, force) as staging:  # replaced whole when everything is written
        summary = run(c, cfg, staging, extra_formats=("csv",) if also_csv else ())
    _print_summary(summary, out, cfg)


def _print_summary(summary: dict, out: Path, cfg: dict) -> None:
    click.echo(" · ".join(phrases(summary["totals"])))
    for s in summary["systems"]:
        parts = []
        for m, v in summary.get("scores", {}).get(s, {}).items():
            d = score_digits(m)
            parts.append(f"{m} {v['score']:.{d}f} [{v['ci_low']:.{d}f}, {v['ci_high']:.{d}f}]")
        f = summary["findings"].get(s, {})
        parts.append(f"findings: {f.get('critical', 0)} critical, {f.get('major', 0)} major")
        n = summary.get("names", {}).get(s, {})
        if n.get("accuracy") is not None:
            parts.append(f"name accuracy {100 * n['accuracy']:.0f}%")
        click.echo(f"  {s}: " + "; ".join(parts))
    for w in summary.get("warnings", []):
        click.echo(f"warning: {w.get('message', w)}", err=True)
    click.echo(f"results: {out.resolve()}/")
    if cfg["run"]["report"]:
        echo_report(out / "report.html")
