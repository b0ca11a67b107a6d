"""Render report.html: one self-contained file (CSS, script, SVG charts inline; nothing fetched).

Security model, in order of reliance:

1. Jinja autoescaping is on for every template; data is never marked safe. The only markup not
   produced by a template is the SVG from :mod:`eval.report.svg` (built with ``Markup.format``,
   which escapes every argument) and the package's own CSS and script files.
2. Data for the script travels as JSON in ``<script type="application/json">`` via Jinja's
   ``tojson`` (which escapes ``<``, ``>``, ``&`` and ``'``), read with ``JSON.parse`` and written
   to the page with ``textContent`` only.
3. A Content-Security-Policy allows nothing but the exact inline style and script of this file
   (SHA-256 hashes) and ``data:`` images: no network, no injected handler could run even if 1 failed.
4. Bidi controls in data are replaced by visible markers, and data cells are bidi-isolated.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import tempfile
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from eval.report.load import load_results
from eval.report.view import build


def _asset(name: str) -> str:
    return resources.files("eval.report").joinpath("static", name).read_text(encoding="utf-8")


def _sha256(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")


def _num(v: Any, digits: int = 1) -> str:
    try:
        f = float(v)
    except (TypeError, ValueError):
        return "—"
    return "—" if f != f or f in (float("inf"), float("-inf")) else f"{f:.{digits}f}"


def _pct(v: Any, digits: int = 0) -> str:
    try:
        f = float(v)
    except (TypeError, ValueError):
        return "—"
    return "—" if f != f else f"{100 * f:.{digits}f}%"


def _intc(v: Any) -> str:
    try:
        return f"{int(v):,}"
    except (TypeError, ValueError):
        return "—"


_JSON_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "'": "\\u0027", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def json_script(obj: Any) -> Markup:
    """JSON for a ``<script type="application/json">`` block.

    Like Jinja's ``tojson`` (``<``, ``>``, ``&``, ``'`` escaped, so ``</script>`` or ``<!--`` in data
    cannot end or confuse the element), but without ``ensure_ascii``: Arabic stays UTF-8 (2 bytes a
    letter instead of 6), which keeps an NTREX-size report well under its size budget.
    """
    text = json.dumps(obj, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    for ch, rep in _JSON_ESCAPES.items():
        text = text.replace(ch, rep)
    return Markup(text)


def environment() -> jinja2.Environment:
    """The report's Jinja environment: package templates, autoescaping always on, strict undefined."""
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("eval.report", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(num=_num, pct=_pct, intc=_intc, json_script=json_script)
    from eval.report.svg import bar

    env.globals["bar"] = bar
    return env


def render_html(results_dir: str | Path) -> str:
    """The report for a results folder, as a string."""
    res = load_results(results_dir)
    ctx = build(res)
    css, js = _asset("report.css"), _asset("report.js")
    if "</" in js or "</" in css:  # would end the inline element early; keep the assets clean
        raise RuntimeError("inline asset contains '</'")
    csp = "; ".join(
        [
            "default-src 'none'",
            f"style-src '{_sha256(css)}'",
            f"script-src '{_sha256(js)}'",
            "img-src data:",
            "font-src 'none'",
            "connect-src 'none'",
            "base-uri 'none'",
            "form-action 'none'",
        ]
    )
    env = environment()
    epoch = os.environ.get("SOURCE_DATE_EPOCH")  # reproducible builds: a fixed time gives a byte-identical report
    when = datetime.fromtimestamp(int(epoch), UTC) if epoch and epoch.isdigit() else datetime.now(UTC)
    generated = when.strftime("%Y-%m-%d %H:%M UTC")
    return env.get_template("report.html.j2").render(
        **ctx, css=Markup(css), js=Markup(js), csp=csp, generated=generated,
    )


def render_report(results_dir: Path, out: Path | None = None) -> Path:
    """Write ``report.html`` for a results folder (default: inside it) from its tables alone; return its path."""
    results_dir = Path(results_dir)
    out = Path(out) if out is not None else results_dir / "report.html"
    html = render_html(results_dir)
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".report-", suffix=".html", dir=out.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(html)
        os.chmod(tmp, 0o644)
        os.replace(tmp, out)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return out
