"""``mteval report``: re-render report.html from a results folder, without recomputing anything."""

from __future__ import annotations

from pathlib import Path

import click


@click.command("report", context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("results_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--out", "-o", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Where to write the report (default: RESULTS_DIR/report.html).")
def command(results_dir: Path, out: Path | None) -> None:
    """Write a self-contained HTML report for RESULTS_DIR (a folder written by 'mteval run').

    The page reads only the results tables and summary.json; open it from disk in any browser.
    """
    from eval.report import render_report

    echo_report(render_report(results_dir, out))


def echo_report(path: Path) -> None:
    """Where the report is, absolute, and as a URL a terminal or browser opens directly."""
    path = Path(path).resolve()
    click.echo(f"report:  {path}")
    click.echo(f"open:    {path.as_uri()}")
