"""Static SVG charts as data: each chart is its shapes (computed here), its data table and a
text alternative; templates/charts.html draws it (no scripts, no external files)."""

import math
from dataclasses import dataclass, field
from typing import NamedTuple

WIDTH, HEIGHT = 640, 260
LEFT, RIGHT, TOP, BOTTOM = 56, 150, 28, 36
# NHS identity colours; every series is also named in text at its end, so colour is never the
# only cue.
COLOURS = ("#005eb8", "#d5281b", "#007f3b", "#7c2855", "#330072", "#00a499", "#768692")


class Shape(NamedTuple):
    tag: str
    attrs: dict
    text: str | None
    tip: str | None  # a tooltip (an SVG title) for a point


@dataclass
class Chart:
    title: str
    alt: str  # the text alternative: what the chart shows, in one or two sentences
    header: list[str]  # the data table's columns
    rows: list[list[str]]  # its rows, as printed
    height: int = HEIGHT
    width: int = WIDTH
    small: bool = False  # drawn at its own size, not stretched to the column
    shapes: list[Shape] = field(default_factory=list)

    def add(self, tag: str, text: str | None = None, tip: str | None = None, **attrs):
        clean = {k.rstrip("_").replace("_", "-"): (f"{v:.1f}" if isinstance(v, float) else v)
                 for k, v in attrs.items()}
        self.shapes.append(Shape(tag, clean, text, tip))


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


def _fmt(value, digits=2):
    return "\u2013" if value is None else f"{value:.{digits}f}"


def line_chart(title: str, series: dict[str, list[tuple[int, float | None]]], y_label: str,
               band: tuple[float, float] | None = None, reference: float | None = None,
               digits: int = 1, small: bool = False) -> Chart | None:
    """Years along, values up, one line per series; None where nothing is published.
    `small`: a trend chart for a page with many (lines and end points only, the first and
    last years labelled; the data table has every point)."""
    points = [p for values in series.values() for p in values if p[1] is not None]
    if not points:
        return None
    years = sorted({x for values in series.values() for x, _ in values})
    table = [[str(year)] + [_fmt(dict(values).get(year), digits) for values in series.values()]
             for year in years]
    ends = "; ".join(
        f"{name} {_fmt(shown[0][1], digits)} in {shown[0][0]} and {_fmt(shown[-1][1], digits)} "
        f"in {shown[-1][0]}" for name, values in series.items()
        if (shown := [p for p in values if p[1] is not None]))
    width, height = (400, 150) if small else (WIDTH, HEIGHT)
    chart = Chart(title, f"Line chart, {y_label} by year: {ends}.", ["year", *series], table,
                  width=width, height=height, small=small)
    xs = [x for x, _ in points]
    ys = [y for _, y in points] + ([reference] if reference is not None else []) + \
        (list(band) if band else [])
    low, high = min(ys), max(ys)
    pad = (high - low) * 0.1 or abs(high) * 0.1 or 1
    low, high = low - pad, high + pad
    right = width - (90 if small else RIGHT)
    x = _scale(min(xs) - 0.5, max(xs) + 0.5, LEFT, right)
    y = _scale(low, high, height - BOTTOM, TOP)
    chart.add("text", y_label, x=LEFT, y=16, class_="axis")
    if band:
        chart.add("rect", x=LEFT, y=y(band[1]), width=right - LEFT,
                  height=y(band[0]) - y(band[1]), class_="band")
    ticks = _ticks(low, high)
    for tick in ticks[::2] if small and len(ticks) > 3 else ticks:
        chart.add("line", x1=LEFT, x2=right, y1=y(tick), y2=y(tick), class_="grid")
        chart.add("text", f"{tick:g}", x=LEFT - 6, y=y(tick) + 4, class_="tick",
                  text_anchor="end")
    if reference is not None:
        chart.add("line", x1=LEFT, x2=right, y1=y(reference), y2=y(reference),
                  class_="reference")
    labelled = sorted(set(xs))
    for year in (labelled[:1] + labelled[-1:] if small else labelled):
        chart.add("text", str(year), x=x(year), y=height - 14, class_="tick",
                  text_anchor="middle")
    labels = []
    for index, (name, values) in enumerate(series.items()):
        colour = COLOURS[index % len(COLOURS)]
        shown = [(a, b) for a, b in values if b is not None]
        path = " ".join(f"{'M' if i == 0 else 'L'}{x(a):.1f},{y(b):.1f}"
                        for i, (a, b) in enumerate(shown))
        chart.add("path", d=path, stroke=colour, class_="line")
        for a, b in (shown[-1:] if small else shown):
            chart.add("circle", tip=f"{name} {a}: {b:.{digits}f}", cx=x(a), cy=y(b), r=3,
                      fill=colour)
        if shown:
            labels.append([y(shown[-1][1]) + 4, name, colour])
    labels.sort()
    for above, below in zip(labels, labels[1:], strict=False):  # end labels 12 px apart
        below[0] = max(below[0], above[0] + 12)
    for at, name, colour in labels:
        chart.add("text", name, x=right + 8, y=at, fill=colour, class_="label")
    return chart


def strip_chart(title: str, groups: dict[str, list[float]], band=(0.8, 1.25)) -> Chart | None:
    """Each group's trust likelihoods as dots on a log scale, the non-adverse band shaded.
    A likelihood of 0 sits in its own column at the left, a trust with no finite ratio (no
    events in the reference group) in one at the right: every trust counted is drawn."""
    if not any(groups.values()):
        return None
    values = [v for vs in groups.values() for v in vs if 0 < v < math.inf]
    low = min([*values, band[0]]) / 1.2
    high = max([*values, band[1]]) * 1.2
    row = 46
    height = TOP + row * len(groups) + BOTTOM
    rows = []
    for name, vs in groups.items():
        finite = sorted(v for v in vs if 0 <= v < math.inf)
        rows.append([name, str(len(vs)), _fmt(finite[len(finite) // 2] if finite else None),
                     str(sum(1 for v in vs if v > band[1])),
                     str(sum(1 for v in vs if v == math.inf))])
    alt = "Strip chart of every counted trust's relative likelihood on a log scale: " + "; ".join(
        f"{r[0]} {r[1]} trusts, median {r[2]}, {r[3]} above {band[1]}" for r in rows) + "."
    chart = Chart(title, alt, ["indicator", "trusts", "median", f"above {band[1]}",
                               "no finite ratio"], rows, height=height)
    zero_x, infinite_x = LEFT + 70, WIDTH - 24
    x = _scale(low, high, LEFT + 95, WIDTH - 50, log=True)

    def place(value):
        return zero_x if value == 0 else infinite_x if value == math.inf else x(value)
    chart.add("rect", x=x(band[0]), y=TOP, width=x(band[1]) - x(band[0]),
              height=row * len(groups), class_="band")
    chart.add("line", x1=x(1), x2=x(1), y1=TOP, y2=TOP + row * len(groups), class_="reference")
    chart.add("text", "0", x=zero_x, y=height - 14, class_="tick", text_anchor="middle")
    chart.add("text", "no finite", x=infinite_x, y=height - 14, class_="tick",
              text_anchor="middle")
    for tick in _ticks(low, high, log=True):
        chart.add("text", f"{tick:g}", x=x(tick), y=height - 14, class_="tick",
                  text_anchor="middle")
    for index, (name, group_values) in enumerate(groups.items()):
        centre = TOP + row * index + row / 2
        chart.add("text", name, x=LEFT - 40, y=centre + 4, class_="label")
        ordered = sorted(v for v in group_values if v is not None and v >= 0)
        for position, value in enumerate(ordered):
            jitter = ((position * 7) % 11 - 5) * 1.6
            label = "no finite ratio" if value == math.inf else f"{value:.2f}"
            chart.add("circle", tip=label, cx=place(value), cy=centre + jitter, r=2.6,
                      class_="dot")
        if ordered:
            median = ordered[len(ordered) // 2]
            chart.add("line", x1=place(median), x2=place(median), y1=centre - 14,
                      y2=centre + 14, class_="median")
    return chart


def gap_strip(title: str, values: list[float], unit: str = "pp") -> Chart | None:
    """Every trust's gap as a dot on a linear scale, 0 (no gap) marked, the median in red."""
    if not values:
        return None
    ordered = sorted(values)
    median = ordered[len(ordered) // 2]
    below = sum(1 for v in values if v < 0)
    chart = Chart(title, f"Strip chart of {len(values)} trusts' gaps in {unit}: median "
                         f"{median:+.1f}, {below} below 0, from {ordered[0]:+.1f} to "
                         f"{ordered[-1]:+.1f}.",
                  ["trusts", "median", "below 0", "lowest", "highest"],
                  [[str(len(values)), f"{median:+.1f}", str(below), f"{ordered[0]:+.1f}",
                    f"{ordered[-1]:+.1f}"]], height=TOP + 60 + BOTTOM)
    low, high = min([*values, 0.0]), max([*values, 0.0])
    pad = (high - low) * 0.05 or 1
    x = _scale(low - pad, high + pad, LEFT, WIDTH - 20)
    centre = TOP + 30
    chart.add("line", x1=x(0), x2=x(0), y1=TOP, y2=TOP + 60, class_="reference")
    for tick in _ticks(low - pad, high + pad):
        chart.add("text", f"{tick:g}", x=x(tick), y=chart.height - 14, class_="tick",
                  text_anchor="middle")
    for position, value in enumerate(ordered):
        jitter = ((position * 7) % 11 - 5) * 2.2
        chart.add("circle", tip=f"{value:+.1f} {unit}", cx=x(value), cy=centre + jitter, r=2.6,
                  class_="dot")
    chart.add("line", x1=x(median), x2=x(median), y1=centre - 18, y2=centre + 18,
              class_="median")
    return chart


def bar_chart(title: str, items: list[tuple[str, float | None]], unit: str = "") -> Chart | None:
    shown = [(label, value) for label, value in items if value is not None]
    if not shown:
        return None
    row = 24
    top = max(value for _, value in shown) or 1
    chart = Chart(title, "Bar chart: " + "; ".join(f"{label} {value:.1f}{unit}"
                                                   for label, value in shown) + ".",
                  ["", f"value ({unit})" if unit else "value"],
                  [[label, f"{value:.1f}"] for label, value in shown],
                  height=TOP + row * len(shown) + 12)
    x = _scale(0, top * 1.15, LEFT + 170, WIDTH - 30)
    for index, (label, value) in enumerate(shown):
        y = TOP + row * index
        chart.add("text", label, x=LEFT + 164, y=y + 15, class_="label", text_anchor="end")
        chart.add("rect", x=LEFT + 170, y=y + 3, width=max(0.0, x(value) - LEFT - 170),
                  height=row - 8, class_="bar")
        chart.add("text", f"{value:.1f}{unit}", x=x(value) + 4, y=y + 15, class_="tick")
    return chart
