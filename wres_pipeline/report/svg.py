"""Small, dependency-free SVG charts for the report (no scripts, no external files)."""

import math
from html import escape

WIDTH, HEIGHT = 640, 260
LEFT, RIGHT, TOP, BOTTOM = 56, 150, 28, 36
COLOURS = ("#005eb8", "#d5281b", "#007f3b", "#ffb81c", "#330072", "#00a499", "#768692")


def _scale(low, high, out_low, out_high, log=False):
    if log:
        low, high = math.log(low), math.log(high)
    span = (high - low) or 1.0

    def apply(value):
        value = math.log(value) if log else value
        return out_low + (value - low) / span * (out_high - out_low)
    return apply


def _ticks(low, high, log=False):
    if log:
        return [t for t in (0.25, 0.5, 0.8, 1.0, 1.25, 2.0, 4.0, 8.0) if low <= t <= high]
    step = 10 ** math.floor(math.log10((high - low) or 1))
    if (high - low) / step < 4:
        step /= 2
    first = math.ceil(low / step) * step
    return [round(first + i * step, 6) for i in range(int((high - first) / step) + 1)]


def _frame(title: str, body: list[str], height: int = HEIGHT) -> str:
    return (f'<figure><figcaption>{escape(title)}</figcaption>'
            f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" '
            f'role="img" aria-label="{escape(title)}" class="chart">'
            f'<title>{escape(title)}</title>' + "".join(body) + "</svg></figure>")


def line_chart(title: str, series: dict[str, list[tuple[int, float]]], y_label: str,
               band: tuple[float, float] | None = None, reference: float | None = None) -> str:
    points = [p for values in series.values() for p in values if p[1] is not None]
    if not points:
        return f"<p class='empty'>{escape(title)}: no published values.</p>"
    xs = [x for x, _ in points]
    ys = [y for _, y in points] + ([reference] if reference is not None else []) + \
        (list(band) if band else [])
    low, high = min(ys), max(ys)
    pad = (high - low) * 0.1 or abs(high) * 0.1 or 1
    low, high = low - pad, high + pad
    x = _scale(min(xs) - 0.5, max(xs) + 0.5, LEFT, WIDTH - RIGHT)
    y = _scale(low, high, HEIGHT - BOTTOM, TOP)
    body = [f'<text x="{LEFT}" y="16" class="axis">{escape(y_label)}</text>']
    if band:
        body.append(f'<rect x="{LEFT}" y="{y(band[1]):.1f}" width="{WIDTH - RIGHT - LEFT}" '
                    f'height="{y(band[0]) - y(band[1]):.1f}" class="band"/>')
    for tick in _ticks(low, high):
        body.append(f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y(tick):.1f}" '
                    f'y2="{y(tick):.1f}" class="grid"/><text x="{LEFT - 6}" '
                    f'y="{y(tick) + 4:.1f}" class="tick" text-anchor="end">{tick:g}</text>')
    if reference is not None:
        body.append(f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y(reference):.1f}" '
                    f'y2="{y(reference):.1f}" class="reference"/>')
    for year in sorted(set(xs)):
        body.append(f'<text x="{x(year):.1f}" y="{HEIGHT - 14}" class="tick" '
                    f'text-anchor="middle">{year}</text>')
    labels = []
    for index, (name, values) in enumerate(series.items()):
        colour = COLOURS[index % len(COLOURS)]
        shown = [(a, b) for a, b in values if b is not None]
        path = " ".join(f"{'M' if i == 0 else 'L'}{x(a):.1f},{y(b):.1f}"
                        for i, (a, b) in enumerate(shown))
        body.append(f'<path d="{path}" stroke="{colour}" class="line"/>')
        body += [f'<circle cx="{x(a):.1f}" cy="{y(b):.1f}" r="3" fill="{colour}">'
                 f'<title>{escape(name)} {a}: {b:.2f}</title></circle>' for a, b in shown]
        if shown:
            labels.append([y(shown[-1][1]) + 4, name, colour])
    labels.sort()
    for above, below in zip(labels, labels[1:], strict=False):  # end labels 12 px apart
        below[0] = max(below[0], above[0] + 12)
    body += [f'<text x="{WIDTH - RIGHT + 8}" y="{at:.1f}" fill="{colour}" class="label">'
             f'{escape(name)}</text>' for at, name, colour in labels]
    return _frame(title, body)


def strip_chart(title: str, groups: dict[str, list[float]], band=(0.8, 1.25)) -> str:
    """Each group's trust likelihoods as dots on a log scale, the non-adverse band shaded.
    A likelihood of 0 sits in its own column at the left, a trust with no finite ratio (no
    events in the reference group) in one at the right: every trust counted is drawn."""
    values = [v for vs in groups.values() for v in vs if 0 < v < math.inf]
    if not any(groups.values()):
        return f"<p class='empty'>{escape(title)}: no published trust values.</p>"
    low = min([*values, band[0]]) / 1.2
    high = max([*values, band[1]]) * 1.2
    row = 46
    height = TOP + row * len(groups) + BOTTOM
    zero_x, infinite_x = LEFT + 70, WIDTH - 24
    x = _scale(low, high, LEFT + 95, WIDTH - 50, log=True)

    def place(value):
        return zero_x if value == 0 else infinite_x if value == math.inf else x(value)
    body = [f'<rect x="{x(band[0]):.1f}" y="{TOP}" width="{x(band[1]) - x(band[0]):.1f}" '
            f'height="{row * len(groups)}" class="band"/>',
            f'<line x1="{x(1):.1f}" x2="{x(1):.1f}" y1="{TOP}" y2="{TOP + row * len(groups)}" '
            'class="reference"/>',
            f'<text x="{zero_x}" y="{height - 14}" class="tick" text-anchor="middle">0</text>',
            f'<text x="{infinite_x}" y="{height - 14}" class="tick" text-anchor="middle">'
            'no finite</text>']
    for tick in _ticks(low, high, log=True):
        body.append(f'<text x="{x(tick):.1f}" y="{height - 14}" class="tick" '
                    f'text-anchor="middle">{tick:g}</text>')
    for index, (name, group_values) in enumerate(groups.items()):
        centre = TOP + row * index + row / 2
        body.append(f'<text x="{LEFT - 40}" y="{centre + 4:.1f}" class="label">'
                    f'{escape(name)}</text>')
        ordered = sorted(v for v in group_values if v is not None and v >= 0)
        for position, value in enumerate(ordered):
            jitter = ((position * 7) % 11 - 5) * 1.6
            label = "no finite ratio" if value == math.inf else f"{value:.2f}"
            body.append(f'<circle cx="{place(value):.1f}" cy="{centre + jitter:.1f}" r="2.6" '
                        f'class="dot"><title>{label}</title></circle>')
        if ordered:
            median = ordered[len(ordered) // 2]
            body.append(f'<line x1="{place(median):.1f}" x2="{place(median):.1f}" '
                        f'y1="{centre - 14:.1f}" y2="{centre + 14:.1f}" class="median"/>')
    return _frame(title, body, height)


def gap_strip(title: str, values: list[float], unit: str = "pp") -> str:
    """Every trust's gap as a dot on a linear scale, 0 (no gap) marked, the median in red."""
    if not values:
        return f"<p class='empty'>{escape(title)}: no published trust values.</p>"
    low, high = min([*values, 0.0]), max([*values, 0.0])
    pad = (high - low) * 0.05 or 1
    x = _scale(low - pad, high + pad, LEFT, WIDTH - 20)
    height = TOP + 60 + BOTTOM
    centre = TOP + 30
    body = [f'<line x1="{x(0):.1f}" x2="{x(0):.1f}" y1="{TOP}" y2="{TOP + 60}" '
            'class="reference"/>']
    for tick in _ticks(low - pad, high + pad):
        body.append(f'<text x="{x(tick):.1f}" y="{height - 14}" class="tick" '
                    f'text-anchor="middle">{tick:g}</text>')
    ordered = sorted(values)
    for position, value in enumerate(ordered):
        jitter = ((position * 7) % 11 - 5) * 2.2
        body.append(f'<circle cx="{x(value):.1f}" cy="{centre + jitter:.1f}" r="2.6" '
                    f'class="dot"><title>{value:+.1f} {escape(unit)}</title></circle>')
    median = ordered[len(ordered) // 2]
    body.append(f'<line x1="{x(median):.1f}" x2="{x(median):.1f}" y1="{centre - 18:.1f}" '
                f'y2="{centre + 18:.1f}" class="median"/>')
    return _frame(title, body, height)


def bar_chart(title: str, items: list[tuple[str, float | None]], unit: str = "") -> str:
    shown = [(label, value) for label, value in items if value is not None]
    if not shown:
        return f"<p class='empty'>{escape(title)}: no published values.</p>"
    row = 24
    height = TOP + row * len(shown) + 12
    top = max(value for _, value in shown) or 1
    x = _scale(0, top * 1.15, LEFT + 170, WIDTH - 30)
    body = []
    for index, (label, value) in enumerate(shown):
        y = TOP + row * index
        body.append(f'<text x="{LEFT + 164}" y="{y + 15}" class="label" text-anchor="end">'
                    f'{escape(label)}</text><rect x="{LEFT + 170}" y="{y + 3}" '
                    f'width="{max(0.0, x(value) - LEFT - 170):.1f}" height="{row - 8}" '
                    f'class="bar"/><text x="{x(value) + 4:.1f}" y="{y + 15}" class="tick">'
                    f'{value:.1f}{unit}</text>')
    return _frame(title, body, height)
