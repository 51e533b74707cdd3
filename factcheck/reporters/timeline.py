"""The timeline of one entity's claims, as inline SVG for the HTML report.

Each claim is a row, grouped by predicate, placed on a time axis by when it
holds (which defaults to its publication date), else by its publication date.
A date known only to the month or year is drawn as a bar over that span, with
its marker in the middle. Claims that a finding involves are outlined in the
colour of the finding's severity. A claim with no date at all goes in a separate
"undated" lane below the axis: it is never put at an invented date. All text is
escaped.
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from html import escape

from ..findings import ClaimRef
from .common import plain

WIDTH, LEFT, RIGHT, TOP, ROW, HEADER = 960, 24, 24, 34, 24, 22
_DATE = re.compile(r"(?<![\d-])(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?![\d])")


@dataclass(frozen=True)
class Item:
    """A claim on the timeline: its predicate, and the severity of the worst finding it is in (if any)."""

    claim: ClaimRef
    predicate: str
    severity: str | None = None


def span_of(text: str | None) -> tuple[date, date] | None:
    """The days a date as displayed covers: `2025` is the whole year; `2024..2025-06` a range."""
    if not text or text.startswith("at ") or text == "unknown":
        return None
    matches = [m for m in _DATE.finditer(text) if _valid(m)]
    if not matches:
        return None
    return _bounds(matches[0])[0], _bounds(matches[-1])[1]


def when(item: Item) -> tuple[date, date] | None:
    return span_of(item.claim.holds) or span_of(item.claim.published)


def render(items: list[Item], *, label: str) -> str:
    dated = sorted((i for i in items if when(i)), key=lambda i: (i.predicate, when(i), i.claim.id))
    undated = sorted((i for i in items if not when(i)), key=lambda i: (i.predicate, i.claim.id))
    if not dated and not undated:
        return ""
    scale = _Scale([when(i) for i in dated])
    rows: list[str] = []
    y = TOP + 8 if dated else -10
    previous = None
    for item in dated:
        if item.predicate != previous:
            rows.append(_group_label(item.predicate, y))
            y += HEADER
            previous = item.predicate
        rows.append(_dated_row(item, scale, y))
        y += ROW
    grid_end = y
    if undated:
        y += 6
        grid_end = y
        if dated:
            rows.append(f'<line class="tl-divider" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y}" y2="{y}"/>')
        rows.append(f'<text class="tl-group" x="{LEFT}" y="{y + 16}">Undated: the source gives no date</text>')
        y += HEADER + 10
        for item in undated:
            rows.append(_undated_row(item, y))
            y += ROW
    height = y + 6
    axis = scale.axis(grid_end) if dated else ""
    return (f'<svg class="timeline" viewBox="0 0 {WIDTH} {height}" width="100%" role="img" '
            f'aria-label="{escape(label, quote=True)}" xmlns="http://www.w3.org/2000/svg">'
            f'<title>{escape(label)}</title>{axis}{"".join(rows)}</svg>')


def _dated_row(item: Item, scale: _Scale, y: int) -> str:
    start, end = when(item)
    x1, x2 = scale.x(start), scale.x(_shift(end, 1))
    middle = (x1 + x2) / 2
    parts = []
    if x2 - x1 > 4:
        parts.append(f'<rect class="tl-span" x="{x1:.1f}" y="{y - 5}" width="{x2 - x1:.1f}" height="10" rx="5"/>')
    parts.append(_marker(item, middle, y))
    words, stamp = _words(item)
    room_right, room_left = WIDTH - RIGHT - (x2 + 12), (x1 - 12) - LEFT
    on_right = room_right >= _width(words, stamp) or room_right >= room_left
    words = _fit(words, stamp, room_right if on_right else room_left)
    text = escape(words) + f' <tspan class="tl-when">{escape(stamp)}</tspan>'
    if on_right:
        parts.append(f'<text class="tl-label" x="{x2 + 12:.1f}" y="{y + 4}">{text}</text>')
    else:
        parts.append(f'<text class="tl-label" x="{x1 - 12:.1f}" y="{y + 4}" text-anchor="end">{text}</text>')
    return f'<g class="tl-item">{_tooltip(item)}{"".join(parts)}</g>'


def _undated_row(item: Item, y: int) -> str:
    x = LEFT + 10
    words, stamp = _words(item)
    text = escape(_fit(words, stamp, WIDTH - RIGHT - x - 16)) + f' <tspan class="tl-when">{escape(stamp)}</tspan>'
    return (f'<g class="tl-item tl-undated">{_tooltip(item)}{_marker(item, x, y)}'
            f'<text class="tl-label" x="{x + 16}" y="{y + 4}">{text}</text></g>')


def _words(item: Item) -> tuple[str, str]:
    """The label: value and outlet; then the date the claim is placed by, said as such."""
    claim = item.claim
    words = f"{plain(claim.value) or claim.modality} \u2014 {plain(claim.source_name)}"
    published = plain(claim.published)
    if span_of(claim.holds) and claim.holds != claim.published:
        stamp = f"holds {plain(claim.holds)}" + ("" if published else ", source undated")
    else:
        stamp = published or "undated"
    return words, stamp


def _width(words: str, stamp: str) -> float:
    """Roughly how wide a label renders at the style sheet's sizes."""
    return len(words) * 7.0 + len(stamp) * 6.2 + 6


def _fit(words: str, stamp: str, room: float) -> str:
    if _width(words, stamp) <= room:
        return words
    keep = max(12, int((room - len(stamp) * 6.2 - 6) / 7.0) - 1)
    return words[:keep].rstrip() + "\u2026"


def _marker(item: Item, x: float, y: int) -> str:
    flagged = f" tl-flagged tl-{item.severity}" if item.severity else ""
    return f'<circle class="tl-dot{flagged}" cx="{x:.1f}" cy="{y}" r="6"/>'


def _tooltip(item: Item) -> str:
    claim = item.claim
    text = (f"{claim.id}: {item.predicate} = {plain(claim.value) or '?'} ({claim.modality}); "
            f"{plain(claim.source_name)}, published {plain(claim.published) or 'undated'}, "
            f"holds {plain(claim.holds) or 'unknown'}"
            + (f"; in a {item.severity} finding" if item.severity else ""))
    return f"<title>{escape(text)}</title>"


def _group_label(predicate: str, y: int) -> str:
    return f'<text class="tl-group" x="{LEFT}" y="{y + 4}">{escape(predicate)}</text>'


class _Scale:
    """Days to x positions, with a little room on each side, and an axis with readable ticks."""

    def __init__(self, spans: list[tuple[date, date]]):
        first = min((s for s, _ in spans), default=date(2000, 1, 1))
        last = max((e for _, e in spans), default=first)
        pad = max(15, (last - first).days // 12)
        self.first, self.last = _shift(first, -pad), _shift(last, pad + 1)
        self.days = max((self.last - self.first).days, 1)

    def x(self, day: date) -> float:
        return LEFT + (WIDTH - LEFT - RIGHT) * (day - self.first).days / self.days

    def axis(self, bottom: int) -> str:
        parts = [f'<line class="tl-axis" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{TOP - 10}" y2="{TOP - 10}"/>']
        for tick, text in self.ticks():
            x = self.x(tick)
            anchor = "start" if x < LEFT + 40 else "end" if x > WIDTH - RIGHT - 40 else "middle"
            parts.append(f'<line class="tl-grid" x1="{x:.1f}" x2="{x:.1f}" y1="{TOP - 14}" y2="{bottom}"/>'
                         f'<text class="tl-tick" x="{x:.1f}" y="{TOP - 18}" text-anchor="{anchor}">{text}</text>')
        return "".join(parts)

    def ticks(self) -> list[tuple[date, str]]:
        """At most eight ticks: days or weeks for a short span, months, then years."""
        for days in (1, 7, 14):
            if self.days / days <= 8:
                tick = self.first + timedelta(days=(-self.first.weekday()) % 7 if days > 1 else 0)
                found = []
                while tick <= self.last:
                    found.append((tick, tick.isoformat()))
                    if tick == date.max:
                        break
                    tick = _shift(tick, days)
                return found
        step = next((months for months in (1, 2, 3, 6, 12, 24, 60, 120) if self.days / 30.4 / months <= 8), 1200)
        found, tick = [], _month_start(self.first, step)
        while tick <= self.last:
            if tick >= self.first:
                found.append((tick, str(tick.year) if step >= 12 else f"{tick.year}-{tick.month:02d}"))
            if tick.year == date.max.year:
                break
            tick = _add_months(tick, step)
        return found


def _shift(day: date, days: int) -> date:
    """`day` moved by `days`, kept within the calendar (years 1 to 9999) that `date` can hold."""
    try:
        return day + timedelta(days=days)
    except OverflowError:
        return date.min if days < 0 else date.max


def _month_start(day: date, step: int) -> date:
    months = max((day.year * 12 + day.month - 1) // step * step, 12)   # not before year 1
    return date(months // 12, months % 12 + 1, 1)


def _add_months(day: date, months: int) -> date:
    total = min(day.year * 12 + day.month - 1 + months, date.max.year * 12 + 11)   # not after year 9999
    return date(total // 12, total % 12 + 1, 1)


def _valid(match: re.Match) -> bool:
    year, month, day = (int(g) if g else None for g in match.groups())
    if not 1 <= year <= 9999 or (month is not None and not 1 <= month <= 12):
        return False
    return day is None or 1 <= day <= calendar.monthrange(year, month)[1]


def _bounds(match: re.Match) -> tuple[date, date]:
    year, month, day = (int(g) if g else None for g in match.groups())
    if month is None:
        return date(year, 1, 1), date(year, 12, 31)
    if day is None:
        return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
    return date(year, month, day), date(year, month, day)
