"""The HTML comparison report: ``render_report(results_dir)`` writes a self-contained report.html.

It reads the results folder only (never recomputes a metric), so ``mteval report`` can re-render
an old run, and everything on the page traces back to a table a reader can open.
"""

from eval.report.render import render_html, render_report

__all__ = ["render_report", "render_html"]
