"""Static SVG charts, generated in Python so the report needs no chart library and prints as drawn.

Every string that comes from data goes through :func:`markupsafe.escape` (``Markup.format`` does
it for each argument), so a system or document name cannot inject markup. Colours follow the
Okabe–Ito palette (distinguishable with colour-vision deficiencies) and each system also gets its
own marker shape, so charts still read in black-and-white print.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from markupsafe import Markup

#: Okabe–Ito, reordered so the first colours contrast well with each other and with white
SYSTEM_COLOURS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#8C564B")
MARKERS = ("circle", "square", "triangle", "diamond", "cross", "triangle-down", "circle-open", "square-open")
FONT = "font-family=\"system-ui, 'Segoe UI', Roboto, Arial, sans-serif\""


def colour(i: int) -> str:
    return SYSTEM_COLOURS[i % len(SYSTEM_COLOURS)]


def marker(i: int, x: float, y: float, r: float, fill: str, title: str = "") -> Markup:
    """One marker of system ``i``'s shape at (x, y)."""
    shape = MARKERS[i % len(MARKERS)]
    t = Markup("<title>{}</title>").format(title) if title else Markup("")
    tag = "circle"
    if shape == "circle":
        body = Markup('<circle cx="{:.1f}" cy="{:.1f}" r="{:.1f}" fill="{}"').format(x, y, r, fill)
    elif shape == "circle-open":
        body = Markup('<circle cx="{:.1f}" cy="{:.1f}" r="{:.1f}" fill="#fff" stroke="{}" stroke-width="1.5"').format(x, y, r, fill)
    elif shape in ("square", "square-open"):
        s = r * 0.9
        tag = "rect"
        fill_attr = Markup('fill="#fff" stroke="{}" stroke-width="1.5"').format(fill) if shape == "square-open" else Markup('fill="{}"').format(fill)
        body = Markup('<rect x="{:.1f}" y="{:.1f}" width="{:.1f}" height="{:.1f}" {}').format(x - s, y - s, 2 * s, 2 * s, fill_attr)
    elif shape == "cross":
        s = r * 0.9
        tag = "path"
        body = Markup('<path d="M{:.1f} {:.1f}L{:.1f} {:.1f}M{:.1f} {:.1f}L{:.1f} {:.1f}" stroke="{}" stroke-width="2"').format(
            x - s, y - s, x + s, y + s, x - s, y + s, x + s, y - s, fill
        )
    else:
        s = r * 1.15
        if shape == "triangle":
            pts = [(x, y - s), (x + s, y + s * 0.8), (x - s, y + s * 0.8)]
        elif shape == "triangle-down":
            pts = [(x, y + s), (x + s, y - s * 0.8), (x - s, y - s * 0.8)]
        else:  # diamond
            pts = [(x, y - s), (x + s, y), (x, y + s), (x - s, y)]
        tag = "polygon"
        body = Markup('<polygon points="{}" fill="{}"').format(" ".join(f"{a:.1f},{b:.1f}" for a, b in pts), fill)
    if t:
        return body + Markup(">") + t + Markup(f"</{tag}>")
    return body + Markup("/>")


def _svg_open(width: int, height: int, label: str, wide: bool = False) -> Markup:
    """Open a chart. Wide charts scale to the card's width (CSS), narrow ones keep their size."""
    if wide:
        head = Markup('<svg class="chart wide" viewBox="0 0 {} {}" role="img" aria-label="{}" {}>').format(width, height, label, Markup(FONT))
    else:
        head = Markup('<svg class="chart" viewBox="0 0 {} {}" width="{}" height="{}" role="img" aria-label="{}" {}>').format(
            width, height, width, height, label, Markup(FONT)
        )
    return head + Markup("<title>{}</title>").format(label)


def _nice_max(v: float) -> float:
    if v <= 0:
        return 1.0
    mag = 10 ** math.floor(math.log10(v))
    for step in (1, 2, 2.5, 5, 10):
        if v <= step * mag:
            return step * mag
    return 10 * mag


def _count_scale(peak: int) -> tuple[int, int]:
    """A round axis top just above ``peak`` and a tick count that keeps every tick a whole number."""
    scale = 1
    while True:
        tops = [m * scale for m in (1, 1.5, 2, 2.5, 3, 4, 5, 6, 8) if m * scale == int(m * scale)]
        top = next((int(t) for t in tops if t >= peak), None)
        if top is not None:
            break
        scale *= 10
    return top, next(k for k in (5, 4, 3, 2, 1) if top % k == 0)


def _ticks(top: float, n: int = 5) -> list[float]:
    return [top * i / n for i in range(n + 1)]


def _fmt(v: float) -> str:
    return f"{v:.0f}" if abs(v - round(v)) < 1e-9 else f"{v:.1f}"


def legend(systems: Sequence[str], x: float, y: float, max_width: float) -> Markup:
    """A one-line (wrapping) legend of system markers and names."""
    out = Markup("")
    cx, cy = x, y
    for i, name in enumerate(systems):
        w = 28 + 7.2 * len(name)
        if cx + w > x + max_width and cx > x:
            cx, cy = x, cy + 18
        out += marker(i, cx + 6, cy - 4, 5, colour(i))
        out += Markup('<text x="{:.1f}" y="{:.1f}" font-size="12" fill="#222">{}</text>').format(cx + 16, cy, name)
        cx += w
    return out


def per_document_chart(
    doc_ids: Sequence[str], series: dict[str, list[float | None]], metric_label: str, lower_is_better: bool = False
) -> Markup:
    """Per-document scores: documents on x (sorted by their mean over systems), one marker per system.

    Why sorted: an unordered strip of documents shows noise; sorted by mean, it shows where the
    systems part ways (hard documents on one side) and which system sits above the others where.
    """
    systems = list(series)
    n = len(doc_ids)
    width, height, left, right, top, bottom = 1200, 320, 52, 16, 34, 44
    values = [v for vs in series.values() for v in vs if v is not None]
    if not n or not values:
        return Markup("")
    ymax = _nice_max(max(values))
    pw, ph = width - left - right, height - top - bottom
    means = []
    for j in range(n):
        vs = [series[s][j] for s in systems if series[s][j] is not None]
        means.append(sum(vs) / len(vs) if vs else -1.0)
    order = sorted(range(n), key=lambda j: (means[j] if not lower_is_better else -means[j]))
    step = pw / max(n, 1)
    r = 4.0 if n <= 60 else 3.0 if n <= 250 else 2.0
    with_titles = n * len(systems) <= 6000
    parts = [_svg_open(width, height, f"{metric_label} per document, by system", wide=True)]
    parts.append(legend(systems, left, 18, pw))
    for t in _ticks(ymax):
        y = top + ph - ph * t / ymax
        parts.append(Markup('<line x1="{}" x2="{}" y1="{:.1f}" y2="{:.1f}" stroke="#e3e6eb"/>').format(left, left + pw, y, y))
        parts.append(Markup('<text x="{}" y="{:.1f}" font-size="11" text-anchor="end" fill="#444">{}</text>').format(left - 6, y + 4, _fmt(t)))
    for pos, j in enumerate(order):
        x = left + step * (pos + 0.5)
        for i, s in enumerate(systems):
            v = series[s][j]
            if v is None:
                continue
            y = top + ph - ph * v / ymax
            title = f"{doc_ids[j]} · {s}: {v:.1f}" if with_titles else ""
            parts.append(marker(i, x, y, r, colour(i), title))
    parts.append(Markup('<line x1="{}" x2="{}" y1="{}" y2="{}" stroke="#888"/>').format(left, left + pw, top + ph, top + ph))
    better = "lower is better" if lower_is_better else "higher is better"
    parts.append(
        Markup('<text x="{:.1f}" y="{}" font-size="12" text-anchor="middle" fill="#333">{} documents, sorted by mean {} ({})</text>').format(
            left + pw / 2, height - 12, n, metric_label, better
        )
    )
    parts.append(
        Markup('<text x="14" y="{:.1f}" font-size="12" fill="#333" transform="rotate(-90 14 {:.1f})" text-anchor="middle">{}</text>').format(
            top + ph / 2, top + ph / 2, metric_label
        )
    )
    parts.append(Markup("</svg>"))
    return Markup("").join(parts)


def distribution_chart(series: dict[str, list[float]], metric_label: str, bins: int = 20) -> Markup:
    """Segment-score histograms, one row per system on a shared axis, with the median marked."""
    systems = [s for s in series if series[s]]
    if not systems:
        return Markup("")
    allv = [v for s in systems for v in series[s]]
    hi = _nice_max(max(100.0, max(allv)) if max(allv) > 100 else 100.0)
    lo = min(0.0, min(allv))
    width, row_h, left, right, top = 1200, 64, 170, 16, 10
    height = top + row_h * len(systems) + 40
    pw = width - left - right
    bw = pw / bins
    parts = [_svg_open(width, height, f"Distribution of segment-level {metric_label}, by system", wide=True)]
    for i, s in enumerate(systems):
        vals = sorted(series[s])
        counts = [0] * bins
        for v in vals:
            k = min(bins - 1, max(0, int((v - lo) / (hi - lo) * bins)))
            counts[k] += 1
        peak = max(counts) or 1
        y0 = top + row_h * (i + 1) - 8
        med = vals[len(vals) // 2] if len(vals) % 2 else (vals[len(vals) // 2 - 1] + vals[len(vals) // 2]) / 2
        parts.append(Markup('<text x="{}" y="{:.1f}" font-size="12" text-anchor="end" fill="#222">{}</text>').format(left - 10, y0 - row_h / 2 + 8, s))
        parts.append(
            Markup('<text x="{}" y="{:.1f}" font-size="11" text-anchor="end" fill="#555">median {:.1f} · n={}</text>').format(
                left - 10, y0 - row_h / 2 + 23, med, len(vals)
            )
        )
        for k, c in enumerate(counts):
            if not c:
                continue
            h = (row_h - 16) * c / peak
            parts.append(
                Markup('<rect x="{:.1f}" y="{:.1f}" width="{:.1f}" height="{:.1f}" fill="{}" fill-opacity="0.85"><title>{}: {} segments in [{:.0f}, {:.0f})</title></rect>').format(
                    left + k * bw + 0.5, y0 - h, bw - 1, h, colour(i), s, c, lo + k * (hi - lo) / bins, lo + (k + 1) * (hi - lo) / bins
                )
            )
        mx = left + pw * (med - lo) / (hi - lo)
        parts.append(Markup('<line x1="{:.1f}" x2="{:.1f}" y1="{:.1f}" y2="{:.1f}" stroke="#111" stroke-width="2" stroke-dasharray="4 2"/>').format(mx, mx, y0 - row_h + 14, y0))
        parts.append(Markup('<line x1="{}" x2="{}" y1="{:.1f}" y2="{:.1f}" stroke="#888"/>').format(left, left + pw, y0, y0))
    axis_y = top + row_h * len(systems) - 8
    for t in range(0, 11):
        v = lo + (hi - lo) * t / 10
        x = left + pw * t / 10
        parts.append(Markup('<text x="{:.1f}" y="{:.1f}" font-size="11" text-anchor="middle" fill="#444">{}</text>').format(x, axis_y + 16, _fmt(v)))
    parts.append(
        Markup('<text x="{:.1f}" y="{:.1f}" font-size="12" text-anchor="middle" fill="#333">segment-level {} (dashed line: median)</text>').format(
            left + pw / 2, axis_y + 34, metric_label
        )
    )
    parts.append(Markup("</svg>"))
    return Markup("").join(parts)


def ci_chart(
    rows: Sequence[tuple[str, int, float, float | None, float | None]], metric_label: str, lower_is_better: bool
) -> Markup:
    """Corpus score with its confidence interval per system (a forest plot): overlap at a glance.

    ``rows``: (system, colour index, score, ci_low, ci_high).
    """
    rows = [r for r in rows if r[2] is not None]
    if not rows:
        return Markup("")
    lows = [r[3] if r[3] is not None else r[2] for r in rows]
    highs = [r[4] if r[4] is not None else r[2] for r in rows]
    span = max(highs) - min(lows)
    pad = max(span * 0.15, 0.5)
    lo, hi = min(lows) - pad, max(highs) + pad
    width, row_h, left, right, top = 440, 30, 130, 20, 10
    height = top + row_h * len(rows) + 34
    pw = width - left - right

    def xs(v: float) -> float:
        return left + pw * (v - lo) / (hi - lo)

    parts = [_svg_open(width, height, f"{metric_label} with 95% confidence intervals")]
    for t in range(6):
        v = lo + (hi - lo) * t / 5
        x = xs(v)
        parts.append(Markup('<line x1="{:.1f}" x2="{:.1f}" y1="{}" y2="{}" stroke="#eceef2"/>').format(x, x, top, top + row_h * len(rows)))
        parts.append(Markup('<text x="{:.1f}" y="{}" font-size="11" text-anchor="middle" fill="#444">{:.1f}</text>').format(x, top + row_h * len(rows) + 14, v))
    for i, (name, idx, score, lo_ci, hi_ci) in enumerate(rows):
        y = top + row_h * i + row_h / 2
        parts.append(Markup('<text x="{}" y="{:.1f}" font-size="12" text-anchor="end" fill="#222">{}</text>').format(left - 10, y + 4, name))
        if lo_ci is not None and hi_ci is not None:
            parts.append(Markup('<line x1="{:.1f}" x2="{:.1f}" y1="{:.1f}" y2="{:.1f}" stroke="{}" stroke-width="2.5"/>').format(xs(lo_ci), xs(hi_ci), y, y, colour(idx)))
            for v in (lo_ci, hi_ci):
                parts.append(Markup('<line x1="{:.1f}" x2="{:.1f}" y1="{:.1f}" y2="{:.1f}" stroke="{}" stroke-width="2"/>').format(xs(v), xs(v), y - 6, y + 6, colour(idx)))
        parts.append(marker(idx, xs(score), y, 5.5, colour(idx), f"{name}: {score:.2f}" + (f" [{lo_ci:.2f}, {hi_ci:.2f}]" if lo_ci is not None and hi_ci is not None else "")))
    note = "lower is better" if lower_is_better else "higher is better"
    parts.append(Markup('<text x="{:.1f}" y="{}" font-size="11" text-anchor="middle" fill="#555">{} · 95% CI · {}</text>').format(left + pw / 2, height - 4, metric_label, note))
    parts.append(Markup("</svg>"))
    return Markup("").join(parts)


def findings_chart(checks: Sequence[str], counts: dict[str, dict[str, int]], check_colour: dict[str, str] | None = None) -> Markup:
    """Findings per check, one bar per system: where each system fails, not just how often."""
    systems = list(counts)
    if not checks or not systems:
        return Markup("")
    peak = max((counts[s].get(c, 0) for s in systems for c in checks), default=0) or 1
    top_v, n_ticks = _count_scale(peak)
    bar_h = 9 if len(systems) > 2 else 12
    group_h = bar_h * len(systems) + 10
    width, left, right, top = 1200, 200, 60, 34
    height = top + group_h * len(checks) + 30
    pw = width - left - right
    parts = [_svg_open(width, height, "Findings per check, by system", wide=True)]
    parts.append(legend(systems, left, 18, pw))
    for t in _ticks(top_v, n_ticks):
        x = left + pw * t / top_v
        parts.append(Markup('<line x1="{:.1f}" x2="{:.1f}" y1="{}" y2="{}" stroke="#eceef2"/>').format(x, x, top, top + group_h * len(checks)))
        parts.append(Markup('<text x="{:.1f}" y="{}" font-size="11" text-anchor="middle" fill="#444">{}</text>').format(x, top + group_h * len(checks) + 14, _fmt(t)))
    for ci, check in enumerate(checks):
        gy = top + group_h * ci
        parts.append(Markup('<text x="{}" y="{:.1f}" font-size="12" text-anchor="end" fill="#222">{}</text>').format(left - 10, gy + group_h / 2 + 3, check))
        if check_colour and check in check_colour:
            parts.append(Markup('<rect x="{}" y="{:.1f}" width="4" height="{:.1f}" fill="{}"/>').format(left - 6, gy + 3, group_h - 10, check_colour[check]))
        for i, s in enumerate(systems):
            c = counts[s].get(check, 0)
            y = gy + 3 + bar_h * i
            w = pw * c / top_v
            parts.append(
                Markup('<rect x="{}" y="{:.1f}" width="{:.1f}" height="{}" fill="{}"><title>{} · {}: {}</title></rect>').format(
                    left, y, max(w, 0.5 if c else 0), bar_h - 1, colour(i), s, check, c
                )
            )
            if c:
                parts.append(Markup('<text x="{:.1f}" y="{:.1f}" font-size="10" fill="#333">{}</text>').format(left + w + 4, y + bar_h - 2, c))
    parts.append(Markup("</svg>"))
    return Markup("").join(parts)


def bar(value: float | None, colour_hex: str = "#3b6fb6", width: int = 90) -> Markup:
    """A tiny horizontal bar for a share in [0, 1] (SVG attributes, so no inline style is needed)."""
    if value is None or value != value:
        return Markup("")
    v = max(0.0, min(1.0, float(value)))
    return Markup(
        '<svg class="minibar" width="{}" height="8" viewBox="0 0 {} 8" aria-hidden="true">'
        '<rect width="{}" height="8" rx="2" fill="#e6e9ef"/><rect width="{:.1f}" height="8" rx="2" fill="{}"/></svg>'
    ).format(width, width, width, width * v, colour_hex)


def category_chart(counts: dict[str, dict[str, int]], categories: dict[str, str]) -> Markup:
    """Findings per system split by category (names / content / form): what kind of problems each system has.

    ``counts``: system → category → n; ``categories``: category → colour, in display order.
    """
    systems = [s for s in counts if sum(counts[s].values())]
    if not systems:
        return Markup("")
    peak = max(sum(counts[s].values()) for s in systems)
    top_v, n_ticks = _count_scale(peak)
    width, row_h, left, right, top = 1200, 30, 170, 80, 34
    height = top + row_h * len(systems) + 28
    pw = width - left - right
    parts = [_svg_open(width, height, "Findings per system by category", wide=True)]
    x = left
    for cat, col in categories.items():
        parts.append(Markup('<rect x="{:.1f}" y="8" width="12" height="12" fill="{}"/>').format(x, col))
        parts.append(Markup('<text x="{:.1f}" y="18" font-size="12" fill="#222">{}</text>').format(x + 17, cat))
        x += 30 + 7.5 * len(cat)
    for i, s in enumerate(systems):
        y = top + row_h * i
        parts.append(Markup('<text x="{}" y="{:.1f}" font-size="12" text-anchor="end" fill="#222">{}</text>').format(left - 10, y + row_h / 2 + 2, s))
        x = float(left)
        for cat, col in categories.items():
            n = counts[s].get(cat, 0)
            if not n:
                continue
            w = pw * n / top_v
            parts.append(Markup('<rect x="{:.1f}" y="{:.1f}" width="{:.1f}" height="{}" fill="{}"><title>{} · {}: {}</title></rect>').format(
                x, y + 4, w, row_h - 10, col, s, cat, n))
            if w > 26:
                parts.append(Markup('<text x="{:.1f}" y="{:.1f}" font-size="11" text-anchor="middle" fill="#fff">{}</text>').format(
                    x + w / 2, y + row_h / 2 + 3, n))
            x += w
        parts.append(Markup('<text x="{:.1f}" y="{:.1f}" font-size="12" fill="#222" font-weight="600">{}</text>').format(
            x + 6, y + row_h / 2 + 3, sum(counts[s].values())))
    axis_y = top + row_h * len(systems)
    for t in _ticks(top_v, n_ticks):
        xx = left + pw * t / top_v
        parts.append(Markup('<text x="{:.1f}" y="{}" font-size="11" text-anchor="middle" fill="#444">{}</text>').format(xx, axis_y + 14, _fmt(t)))
    parts.append(Markup("</svg>"))
    return Markup("").join(parts)
