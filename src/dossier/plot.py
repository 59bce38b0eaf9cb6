"""Charts of what the store holds; matplotlib is optional (``pip install 'dossier[plot]'``).

>>> report = store.dyad("PRK", "RUS")
>>> plot_dyad(report, "prk-rus.png")   # or .svg
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from .errors import PlotError
from .store.dyad import QUAD_FIELDS, DyadReport, QuarterCount, quarter_of

FORMATS = ("png", "svg")
QUAD_LABELS = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"}
QUAD_COLORS = {1: "#9ecae1", 2: "#3182bd", 3: "#fdae6b", 4: "#d94801"}


def plot_format(path: str | Path) -> str:
    """ "png" or "svg" from the file name; PlotError for anything else."""
    suffix = Path(path).suffix.lower().lstrip(".")
    if suffix not in FORMATS:
        raise PlotError(f"cannot plot to {str(path)!r}: the file must end in .png or .svg")
    return suffix


def _pyplot():
    try:
        import matplotlib
    except ImportError:
        raise PlotError("plotting needs matplotlib: pip install 'dossier[plot]'") from None
    matplotlib.use("Agg")  # files only, no display
    import matplotlib.pyplot as plt

    return plt


def _next_quarter(day: dt.date) -> dt.date | None:
    """The first day of the quarter after ``day``'s; None after the calendar's last."""
    if day.month < 10:
        return dt.date(day.year, day.month + 3, 1)
    return dt.date(day.year + 1, 1, 1) if day.year < dt.MAXYEAR else None


def _quarter_end(day: dt.date) -> dt.date:
    following = _next_quarter(day)
    return following - dt.timedelta(days=1) if following else dt.date.max


def every_quarter(quarters: list[QuarterCount]) -> list[QuarterCount]:
    """The quarters from the first to the last, the empty ones in between as zeros (so
    the time axis and the Goldstein line do not skip quiet years)."""
    if not quarters:
        return []
    known = {q.start: q for q in quarters}
    filled, day = [], quarters[0].start
    while day is not None and day <= quarters[-1].start:
        filled.append(known.get(day) or QuarterCount(quarter=quarter_of(day)[0], start=day))
        day = _next_quarter(day)
    return filled


def plot_dyad(report: DyadReport, path: str | Path) -> Path:
    """Per-quarter stacked bars of events by quad class, and the quarter's Goldstein sum as
    a line on its own axis; written as PNG or SVG (by ``path``'s suffix)."""
    fmt = plot_format(path)
    plt = _pyplot()
    import matplotlib.dates as mdates

    quarters = every_quarter(report.quarters)
    fig, ax = plt.subplots(figsize=(10, 4.5), layout="constrained")
    try:
        title = f"{report.a}–{report.b}"
        if not quarters:
            ax.text(0.5, 0.5, "no dated events", ha="center", va="center", transform=ax.transAxes)
            ax.set_axis_off()
        else:
            days = [q.start for q in quarters]
            bottom = [0] * len(quarters)
            for quad, field in QUAD_FIELDS.items():
                values = [getattr(q, field) for q in quarters]
                ax.bar(
                    days,
                    values,
                    width=80,
                    bottom=bottom,
                    align="edge",
                    color=QUAD_COLORS[quad],
                    label=QUAD_LABELS[quad],
                )
                bottom = [b + v for b, v in zip(bottom, values)]
            ax.set_ylabel("events per quarter")
            # No margin beyond the quarters shown: past year 1 or 9999 matplotlib has no dates.
            ax.set_xlim(days[0], _quarter_end(days[-1]))
            ax.xaxis.set_major_locator(mdates.AutoDateLocator())
            ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(ax.xaxis.get_major_locator()))
            line = ax.twinx()
            middles = [min(d + dt.timedelta(days=40), _quarter_end(d)) for d in days]
            line.plot(
                middles,
                [q.goldstein for q in quarters],
                color="black",
                linewidth=1.2,
                marker=".",
                label="Goldstein sum",
            )
            line.axhline(0, color="grey", linewidth=0.6, linestyle=":")
            line.set_ylabel("Goldstein sum")
            handles, labels = ax.get_legend_handles_labels()
            more, more_labels = line.get_legend_handles_labels()
            ax.legend(handles + more, labels + more_labels, loc="upper left", fontsize="small", frameon=False)
            span = f"{report.since or days[0]} to {report.until or _quarter_end(days[-1])}"
            ax.set_title(f"{report.count} events, {span}", loc="right", fontsize="small", color="dimgrey")
        ax.set_title(title, loc="left")
        out = Path(path)
        fig.savefig(out, format=fmt, dpi=120)
    finally:
        plt.close(fig)
    return out


__all__ = ["FORMATS", "every_quarter", "plot_dyad", "plot_format"]
