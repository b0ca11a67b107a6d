"""``mteval score``: sacrebleu-style corpus scores for several systems, with paired tests.

Like ``sacrebleu REF -i A B --paired-bs`` (same numbers, same seed semantics; the first system is
the baseline), but faster (vectorised resampling), Arabic-aware (``intl`` tokenisation by default,
optional ``--normalize arabic``) and document-aware (``--doc-ids`` gives per-document scores and
``--resample documents``).

Bad input, and what happens:

* missing/unreadable/non-UTF-8 file, references of different lengths, ``--doc-ids`` of the wrong
  length, a system file with no lines: one-line error, exit status 2;
* a system whose line count differs from the reference: error (exit 2) naming the file and both
  counts; with ``--allow-mismatch`` every system is scored on the first ``min`` lines common to all
  files (paired tests need identical segments), and the lines left out are reported;
* a segment whose references are all empty has nothing to be scored against: it is left out for
  every system and reported; with several references, an empty line counts as that reference
  missing for the segment (sacrebleu's variable-reference mode, signature ``nrefs:var``);
* empty hypothesis lines are kept (an empty output is a real failure) and counted in a warning.

Warnings go to stderr (and into the JSON output); scores go to stdout.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from eval.errors import InputError

_DEFAULT_METRICS = "bleu,chrf,chrf++,ter"


def _split_named(value: str, what: str) -> tuple[str, Path]:
    """``NAME=FILE`` or plain ``FILE`` (named after the file); an existing path wins over splitting."""
    if "=" in value and not Path(value).exists():
        name, _, path = value.partition("=")
        name = name.strip()
        if not name or not path:
            raise InputError(f"{what} needs NAME=FILE or FILE, got {value!r}")
        return name, Path(path)
    return Path(value).name, Path(value)


def _read(path: Path) -> list[str]:
    from eval.ingest.reading import read_lines

    # sacrebleu strips trailing whitespace from every line; scores do not depend on it.
    return [line.rstrip() for line in read_lines(path)]


def _ranges(lines: list[int], limit: int = 8) -> str:
    """Human line numbers (1-based) as compact ranges: ``3, 7-9, 12``."""
    out: list[str] = []
    start = prev = None
    for i in lines:
        if start is None:
            start = prev = i
        elif i == prev + 1:
            prev = i
        else:
            out.append(f"{start + 1}" if start == prev else f"{start + 1}-{prev + 1}")
            start = prev = i
    if start is not None:
        out.append(f"{start + 1}" if start == prev else f"{start + 1}-{prev + 1}")
    return ", ".join(out[:limit]) + (f", … ({len(out) - limit} more ranges)" if len(out) > limit else "")


def _fmt_result(r: dict[str, Any], width: int) -> str:
    text = f"{r['score']:.{width}f}"
    if r.get("mean") is not None:
        text += f" ({r['mean']:.{width}f} ± {r['ci']:.{width}f})"
    if r.get("p_value") is not None:
        text += f" (p = {r['p_value']:.4f})" + ("*" if r["significant"] else "")
    return text


def _table(headers: list[str], rows: list[list[str]]) -> str:
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(headers)]
    line = "  ".join(h.ljust(w) for h, w in zip(headers, widths)).rstrip()
    sep = "  ".join("-" * w for w in widths)
    body = ["  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() for r in rows]
    return "\n".join([line, sep, *body])


@click.command("score", context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--reference", "-r", "references", multiple=True, required=True, metavar="FILE",
              help="Line-aligned Arabic reference (repeat for several references).")
@click.option("--system", "-s", "systems", multiple=True, required=True, metavar="NAME=FILE",
              help="Line-aligned MT output (repeatable); the first one is the baseline.")
@click.option("--doc-ids", type=click.Path(path_type=Path), default=None,
              help="Document id per reference line (first tab-separated field): per-document scores and --resample documents.")
@click.option("--metrics", "-m", default=_DEFAULT_METRICS, show_default=True, help="Comma-separated: bleu,chrf,chrf++,ter.")
@click.option("--tokenize", default="intl", show_default=True, help="sacrebleu tokenizer for BLEU (13a leaves ، ؛ ؟ glued to words).")
@click.option("--normalize", type=click.Choice(["none", "arabic"]), default="none", show_default=True,
              help="Arabic normalisation (alef, ya, ta marbuta, diacritics, digits) of hypotheses and references before scoring.")
@click.option("--paired-bs", is_flag=True, help="Paired bootstrap resampling test against the first system.")
@click.option("--paired-ar", is_flag=True, help="Paired approximate randomization test against the first system.")
@click.option("--paired-bs-n", type=click.IntRange(min=1), default=1000, show_default=True, help="Bootstrap resamples.")
@click.option("--paired-ar-n", type=click.IntRange(min=1), default=10000, show_default=True, help="Approximate-randomization trials.")
@click.option("--confidence", "-ci", is_flag=True, help="Bootstrap 95% CI for each system (implied by --paired-bs).")
@click.option("--confidence-n", type=click.IntRange(min=1), default=1000, show_default=True,
              help="Resamples for --confidence and for the CIs shown with --paired-ar.")
@click.option("--resample", type=click.Choice(["segments", "documents"]), default="segments", show_default=True,
              help="Resampling unit (documents needs --doc-ids; segments is sacrebleu's).")
@click.option("--seed", type=click.IntRange(min=0), default=12345, show_default=True,
              help="Random seed (sacrebleu's SACREBLEU_SEED default).")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=1, show_default=True,
              help="Worker processes for extracting statistics (the slow part on large corpora).")
@click.option("--allow-mismatch", is_flag=True,
              help="Score the lines common to all files when line counts differ, instead of stopping.")
@click.option("--by-document", is_flag=True, help="Also print per-document scores (text format; JSON always has them).")
@click.option("--format", "-f", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--width", "-w", type=click.IntRange(min=0, max=8), default=2, show_default=True, help="Decimals in text output.")
def command(references, systems, doc_ids, metrics, tokenize, normalize, paired_bs, paired_ar, paired_bs_n, paired_ar_n,
            confidence, confidence_n, resample, seed, jobs, allow_mismatch, by_document, fmt, width) -> None:
    """Score line-aligned system outputs against Arabic reference(s) with BLEU, chrF, chrF++ and TER.

    \b
    mteval score -r ref.txt -s base=a.txt -s new=b.txt --paired-bs
    mteval score -r ref.txt -s A=a.txt --doc-ids ids.tsv --confidence --resample documents -f json
    """
    from eval.metrics import canonical

    if paired_bs and paired_ar:
        raise click.UsageError("--paired-bs and --paired-ar are mutually exclusive")
    try:
        names = list(dict.fromkeys(canonical(m) for m in metrics.split(",") if m.strip()))
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--metrics") from None
    if not names or "mean" in names:
        raise click.BadParameter("give at least one of bleu, chrf, chrf++, ter", param_hint="--metrics")
    if resample == "documents" and doc_ids is None:
        raise click.UsageError("--resample documents needs --doc-ids")
    from sacrebleu.metrics.bleu import BLEU

    if tokenize not in BLEU.TOKENIZERS:
        raise click.BadParameter(f"{tokenize!r}; choose from {', '.join(BLEU.TOKENIZERS)}", param_hint="--tokenize")
    from eval.config import check_tokenizer

    check_tokenizer(tokenize)
    if (paired_bs or paired_ar) and len(systems) < 2:
        raise click.UsageError("paired tests need at least two --system files (the first is the baseline)")

    result = score_files(
        [Path(r) for r in references], [_split_named(s, "--system") for s in systems], doc_ids,
        metrics=names, tokenize=tokenize, normalize=normalize,
        test="bs" if paired_bs else "ar" if paired_ar else None,
        n_bs=paired_bs_n, n_ar=paired_ar_n, confidence=confidence, n_confidence=confidence_n,
        resample=resample, seed=seed, allow_mismatch=allow_mismatch, jobs=jobs,
    )
    for w in result["warnings"]:
        click.echo(f"mteval score: warning: {w}", err=True)
    if fmt == "json":
        click.echo(json.dumps(result, ensure_ascii=False, indent=1))
    else:
        click.echo(render_text(result, width, by_document))


def score_files(
    reference_paths: list[Path],
    system_paths: list[tuple[str, Path]],
    doc_ids_path: Path | None,
    *,
    metrics: list[str],
    tokenize: str = "intl",
    normalize: str = "none",
    test: str | None = None,
    n_bs: int = 1000,
    n_ar: int = 10000,
    confidence: bool = False,
    n_confidence: int = 1000,
    resample: str = "segments",
    seed: int | None = 12345,
    allow_mismatch: bool = False,
    jobs: int = 1,
) -> dict[str, Any]:
    """Read, check, score and test; returns the JSON-ready result that both output formats print."""
    import numpy as np

    from eval.metrics import (
        COLUMNS,
        DISPLAY,
        bootstrap_ci,
        corpus_score,
        paired_ar_many,
        paired_bootstrap_many,
        scores_from_stats,
        signature,
        system_stats,
    )

    warnings: list[str] = []
    left_out: dict[str, Any] = {}

    names = [n for n, _ in system_paths]
    dup = {n for n in names if names.count(n) > 1}
    if dup:
        raise InputError(f"system name {sorted(dup)[0]!r} given twice; use NAME=FILE to tell them apart")

    refs = [_read(p) for p in reference_paths]
    n_ref = len(refs[0])
    for p, r in zip(reference_paths[1:], refs[1:]):
        if len(r) != n_ref:
            raise InputError(f"{len(r)} lines, but reference {reference_paths[0]} has {n_ref}; references must be line-aligned", p)
    if n_ref == 0:
        raise InputError("reference has no lines", reference_paths[0])

    hyps: dict[str, list[str]] = {}
    for name, path in system_paths:
        lines = _read(path)
        if not lines:
            raise InputError(f"system {name!r} has no lines", path)
        if len(lines) != n_ref and not allow_mismatch:
            raise InputError(
                f"system {name!r} has {len(lines)} lines, reference {reference_paths[0]} has {n_ref}; "
                "fix the files or pass --allow-mismatch to score only the lines they have in common", path)
        hyps[name] = lines

    docs: list[str] | None = None
    if doc_ids_path is not None:
        docs = [line.split("\t", 1)[0].strip() for line in _read(doc_ids_path)]
        if len(docs) != n_ref:
            raise InputError(f"{len(docs)} document ids for {n_ref} reference lines", doc_ids_path)
        blank = [i for i, d in enumerate(docs) if not d]
        if blank:
            raise InputError(f"empty document id on line(s) {_ranges(blank)}", doc_ids_path)

    # Lines common to every file.
    n_common = min([n_ref, *(len(h) for h in hyps.values())])
    if n_common < n_ref or any(len(h) > n_ref for h in hyps.values()):
        for name, path in system_paths:
            if len(hyps[name]) != n_ref:
                warnings.append(f"{path}: system {name!r} has {len(hyps[name])} lines, reference has {n_ref}")
        if n_common < n_ref:
            warnings.append(f"lines {n_common + 1}-{n_ref} are not in every system: left out for all systems")
            left_out["lines_not_in_every_system"] = [n_common + 1, n_ref]
        extra = {n: len(h) - n_ref for n, h in hyps.items() if len(h) > n_ref}
        if extra:
            warnings.append("lines beyond the reference ignored: " + ", ".join(f"{n}: {k}" for n, k in extra.items()))
            left_out["extra_system_lines"] = extra

    # Segments with no reference at all cannot be scored.
    ref_cols = [[(r[i] if r[i].strip() else None) for i in range(n_common)] for r in refs]
    no_ref = [i for i in range(n_common) if all(col[i] is None for col in ref_cols)]
    missing = set(no_ref)
    keep = [i for i in range(n_common) if i not in missing]
    if no_ref:
        warnings.append(f"{len(no_ref)} segment(s) with an empty reference left out (lines {_ranges(no_ref)})")
        left_out["lines_without_reference"] = [i + 1 for i in no_ref]
    if not keep:
        raise InputError("no line has both a reference and a hypothesis to score", reference_paths[0])
    partial = sum(1 for i in keep if any(col[i] is None for col in ref_cols))
    nrefs: int | str = len(refs)
    if partial:
        nrefs = "var"
        warnings.append(f"{partial} segment(s) lack some of the {len(refs)} references (scored against those present)")
    ref_streams = [[col[i] for i in keep] for col in ref_cols]
    sys_lines = {n: [h[i] for i in keep] for n, h in hyps.items()}
    for n, lines in sys_lines.items():
        empty = [keep[j] for j, h in enumerate(lines) if not h.strip()]
        if empty:
            warnings.append(f"system {n!r}: {len(empty)} empty line(s) scored as empty output (lines {_ranges(empty)})")

    kept_docs = [docs[i] for i in keep] if docs is not None else None
    if docs is not None:
        dropped_docs = sorted(set(docs) - set(kept_docs or []), key=docs.index)
        if dropped_docs:
            warnings.append(f"{len(dropped_docs)} document(s) have no scorable segment and are left out: "
                            + ", ".join(dropped_docs[:10]) + (" …" if len(dropped_docs) > 10 else ""))
            left_out["documents"] = dropped_docs
    groups = None
    doc_order: list[str] = []
    if kept_docs is not None:
        doc_order = list(dict.fromkeys(kept_docs))
        index = {d: k for k, d in enumerate(doc_order)}
        groups = np.array([index[d] for d in kept_docs])

    baseline = names[0]
    out_metrics: dict[str, Any] = {}
    per_doc: dict[str, dict[str, dict[str, float]]] = {d: {n: {} for n in names} for d in doc_order}
    use_groups = groups if resample == "documents" else None
    stats: dict[str, dict[str, Any]] = {}
    for metric in metrics:
        stats[metric] = system_stats(metric, sys_lines, ref_streams, tokenize=tokenize, normalize=normalize, jobs=jobs)
    # one set of resamples / coin flips for all metrics, as sacrebleu does
    if test == "bs":
        tested = paired_bootstrap_many(stats, baseline, n=n_bs, seed=seed, groups=use_groups)
    elif test == "ar":
        tested = paired_ar_many(stats, baseline, n=n_ar, seed=seed, groups=use_groups, n_confidence=n_confidence)
    for metric in metrics:
        entry: dict[str, Any] = {"name": DISPLAY[metric], "column": COLUMNS[metric]}
        if test == "bs":
            res = tested[metric]
            entry["signature"] = signature(metric, normalize, tokenize=tokenize, nrefs=nrefs, test="bs", n=n_bs,
                                           seed=seed, resample=resample)
        elif test == "ar":
            res = tested[metric]
            entry["signature"] = signature(metric, normalize, tokenize=tokenize, nrefs=nrefs, test="ar", n=n_ar,
                                           seed=seed, n_confidence=n_confidence, resample=resample)
        else:
            res = {}
            for n in names:
                if confidence:
                    ci = bootstrap_ci(metric, stats[metric][n], n=n_confidence, seed=seed, groups=use_groups)
                    res[n] = {k: ci[k] for k in ("score", "mean", "ci", "ci_low", "ci_high")}
                else:
                    res[n] = {"score": corpus_score(metric, stats[metric][n])}
            entry["signature"] = signature(
                metric, normalize, tokenize=tokenize, nrefs=nrefs, test="ci" if confidence else None,
                n=n_confidence, seed=seed, resample=resample if confidence else None)
        entry["systems"] = res
        out_metrics[metric] = entry
        if groups is not None:
            for n in names:
                sums = np.zeros((len(doc_order), stats[metric][n].shape[1]))
                np.add.at(sums, groups, stats[metric][n])
                for d, v in zip(doc_order, scores_from_stats(metric, sums)):
                    per_doc[d][n][metric] = float(v)

    return {
        "baseline": baseline,
        "systems": names,
        "files": {n: str(p) for n, p in system_paths},
        "references": [str(p) for p in reference_paths],
        "n_segments": len(keep),
        "n_documents": len(doc_order) if docs is not None else None,
        "test": None if test is None else {
            "method": "paired-bs" if test == "bs" else "paired-ar",
            "n": n_bs if test == "bs" else n_ar,
            "n_confidence": n_confidence if test == "ar" else None,
            "seed": seed,
            "unit": resample,
        },
        "confidence": {"n": n_confidence, "seed": seed, "unit": resample} if (confidence and test is None) else None,
        "metrics": out_metrics,
        "documents": per_doc if docs is not None else None,
        "left_out": left_out,
        "warnings": warnings,
    }


def render_text(result: dict[str, Any], width: int = 2, by_document: bool = False) -> str:
    """A sacrebleu-like table: one row per system, one column per metric, then the signatures."""
    test = result["test"]
    names = result["systems"]
    headers = ["System"]
    for m in result["metrics"].values():
        has_ci = any(r.get("mean") is not None for r in m["systems"].values())
        headers.append(m["name"] + (" (μ ± 95% CI)" if has_ci else ""))
    rows = []
    for n in names:
        label = f"Baseline: {n}" if test is not None and n == result["baseline"] else n
        rows.append([label] + [_fmt_result(m["systems"][n], width) for m in result["metrics"].values()])
    lines = [_table(headers, rows), ""]
    unit = (test or result["confidence"] or {}).get("unit", "segments")
    lines.append(f"{result['n_segments']} segments" + (f", {result['n_documents']} documents" if result["n_documents"] else ""))
    if test is not None:
        kind = "bootstrap resampling" if test["method"] == "paired-bs" else "approximate randomization"
        trials = "resampling trials" if test["method"] == "paired-bs" else "trials"
        lines.append(f"Paired {kind} test with {test['n']} {trials} (seed {test['seed']}, unit: {unit}); "
                     f"each system is compared to the baseline {result['baseline']!r}.")
        lines.append("p is the probability of an absolute difference at least this large arising by chance; "
                     "* marks p < 0.05 (significantly different, not necessarily better).")
    elif result["confidence"] is not None:
        lines.append(f"Bootstrap 95% CI with {result['confidence']['n']} resamples (seed {result['confidence']['seed']}, unit: {unit}).")
    lines.append("Signatures:")
    for m in result["metrics"].values():
        lines.append(f"  {m['name']}: {m['signature']}")
    if by_document and result["documents"]:
        lines.append("")
        keys = list(result["metrics"])
        dh = ["Document", "System"] + [result["metrics"][k]["name"] for k in keys]
        drows = [[d, n] + [f"{result['documents'][d][n][k]:.{width}f}" for k in keys]
                 for d in result["documents"] for n in names]
        lines.append(_table(dh, drows))
    return "\n".join(lines)
