"""Two small SVG charts for the cohort dashboard, drawn on the server: no script needed, and a
screen reader gets the same numbers from the table each chart sits above."""

from django.utils import timezone
from django.utils.html import escape

WIDTH, HEIGHT, PAD = 640, 180, 40


def progress_line(series: list) -> str:
    """series: (date, share 0..1). A line of the cohort's mean progress towards its goal."""
    if len(series) < 2:
        return ""
    w, h = WIDTH - 2 * PAD, HEIGHT - 2 * PAD
    step = w / (len(series) - 1)
    points = " ".join(f"{PAD + i * step:.1f},{PAD + h * (1 - share):.1f}" for i, (_, share) in enumerate(series))
    first, last = series[0][0], series[-1][0]
    return (
        f'<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-label="Mean progress towards the goal, {first:%d %b} to {last:%d %b}: now {series[-1][1]:.0%}">'
        f'<line class="axis" x1="{PAD}" y1="{PAD + h}" x2="{PAD + w}" y2="{PAD + h}"/>'
        f'<line class="axis" x1="{PAD}" y1="{PAD}" x2="{PAD}" y2="{PAD + h}"/>'
        f'<text x="{PAD - 4}" y="{PAD + 4}" text-anchor="end">100%</text>'
        f'<text x="{PAD - 4}" y="{PAD + h}" text-anchor="end">0</text>'
        f'<text x="{PAD}" y="{HEIGHT - 8}">{first:%d %b}</text>'
        f'<text x="{PAD + w}" y="{HEIGHT - 8}" text-anchor="end">{last:%d %b}</text>'
        f'<polyline class="series" points="{points}"/></svg>'
    )


def pass_rate_bars(rows: list) -> str:
    """rows: (topic, passed, attempts). One bar per topic: the share of submissions that passed."""
    if not rows:
        return ""
    bar, gap = 18, 6
    height = PAD + len(rows) * (bar + gap)
    label_w, w = 70, WIDTH - 70 - PAD - 50
    parts = [f'<svg class="chart" viewBox="0 0 {WIDTH} {height}" role="img" aria-label="Pass rate per topic">']
    for i, (topic, passed, attempts) in enumerate(rows):
        y, share = PAD / 2 + i * (bar + gap), passed / attempts
        parts.append(
            f'<text x="{label_w - 6}" y="{y + bar - 5}" text-anchor="end">{escape(topic.id)}</text>'
            f'<rect class="bar" x="{label_w}" y="{y}" width="{max(1, w * share):.1f}" height="{bar}">'
            f"<title>{escape(topic.title)}: {passed} of {attempts} passed</title></rect>"
            f'<text x="{label_w + w * share + 6:.1f}" y="{y + bar - 5}">{share:.0%}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


MARKS = {"mastered": "✓", "review due": "↻", "in progress": "…", "available": "○", "locked": "·"}


def heatmap(board, learner_url, all_topics: bool = False) -> str:
    """The learner x topic grid: the goal's path, or every topic. Built here rather than in a template:
    200 learners x 40 topics is 8,000 cells, which Django's template engine would take a good part of a
    second to render."""
    on_path, now = set(board.goal_path), timezone.now()
    shown = [i for i, t in enumerate(board.topics) if all_topics or t.id in on_path or not on_path]
    head = "".join(
        f'<th scope="col" class="topic-col{" on-path" if t.id in on_path else ""}" '
        f'title="{escape(t.title)}"><span>{escape(t.id)}</span></th>'
        for t in map(board.topics.__getitem__, shown)
    )
    cell = [
        {
            state: f'<td class="cell state-{state.replace(" ", "-")}" title="{escape(t.id)}: {state}">{mark}</td>'
            for state, mark in MARKS.items()
        }
        for t in board.topics
    ]  # 160 strings, reused 8,000 times
    rows = []
    for row in board.rows:
        cells = "".join(cell[i][row.states[i]] for i in shown)
        pace = f'<span class="pace pace-{row.pace.replace(" ", "-")}">{row.pace}</span>' if row.pace else ""
        seen = _ago(row.last_activity, now)
        rows.append(
            f'<tr><th scope="row"><a href="{learner_url(row.user.pk)}">{escape(row.user.username)}</a></th>'
            f'<td class="num">{row.done}/{len(board.goal_path)}</td><td>{pace}</td>'
            f'<td class="num">{seen}</td>{cells}</tr>'
        )
    return (
        f'<table class="heatmap"><thead><tr><th scope="col">Learner</th><th scope="col">Goal</th>'
        f'<th scope="col">Pace</th><th scope="col">Last active</th>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


def _ago(when, now) -> str:
    if when is None:
        return "never"
    seconds = (now - when).total_seconds()
    for unit, size in (("d", 86400), ("h", 3600), ("min", 60)):
        if seconds >= size:
            return f"{int(seconds // size)} {unit} ago"
    return "just now"
