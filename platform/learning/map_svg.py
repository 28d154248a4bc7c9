"""The prerequisite graph as an SVG picture, laid out top to bottom by Graphviz (`dot`).

Top to bottom with titles wrapped on two short lines, so the picture is narrow enough to fit the
page column with labels still readable (about 1,100 px wide at 100 %). The layout depends only on
the content, so it is computed once per graph; each learner's states are then added as CSS classes
on the nodes and edges, and each node's placeholder mark becomes its state's icon.
"""

import functools
import re
import shutil
import subprocess
import textwrap

from django.urls import reverse
from django.utils.html import escape


class MapUnavailable(Exception):
    """Graphviz is not installed; the page falls back to the list."""


ICONS = {"mastered": "✓", "review due": "↻", "in progress": "◐", "available": "○", "locked": "⊘"}
MARK = "●"  # the placeholder the layout reserves room for; each learner's page puts the state's icon there


def learner_map(standing, goal_path: set) -> str:
    graph = tuple((t.id, t.title, tuple(t.prerequisite_ids)) for t in standing.topics)
    svg = _layout(graph)
    goal = standing.goal.id if standing.goal else None
    unlocks: dict[str, list] = {}
    for t in standing.topics:
        for p in t.prerequisite_ids:
            unlocks.setdefault(p, []).append(t.id)
            if t.id in goal_path and p in goal_path:
                svg = svg.replace(
                    f'id="{_gv(f"edge_{p}__{t.id}")}" class="edge"',
                    f'id="{_gv(f"edge_{p}__{t.id}")}" class="edge on-path"',
                )
    for topic in standing.topics:
        classes = (
            f"node topic state-{topic.state.replace(' ', '-')}"
            + (" on-path" if topic.id in goal_path else "")
            + (" goal" if topic.id == goal else "")
        )
        node_id = _gv("topic_" + topic.id)
        svg = svg.replace(f'id="{node_id}" class="node topic"', f'id="{node_id}" class="{classes}"')
        svg = svg.replace(f'"{_gv(_tip_marker(topic.id))}"', f'"{escape(_tip(topic, unlocks.get(topic.id, [])))}"')
        icon = ICONS.get(topic.state, MARK) + (" ★" if topic.id == goal else "")
        svg = svg.replace(f">{MARK} {_gv(topic.id)}</text>", f">{icon} {_gv(topic.id)}</text>")
    return svg


def _gv(text: str) -> str:
    """A name as Graphviz writes it into the SVG."""
    return text.replace("-", "&#45;")


def _tip(topic, unlocks: list) -> str:
    """What hovering or focusing a topic tells: its state, its progress, what it opens."""
    tip = f"{topic.id} {topic.title}: {topic.state}, {topic.progress}"
    return tip + (f"; unlocks {', '.join(unlocks)}" if unlocks else "")


def _tip_marker(topic_id: str) -> str:
    return f"tip_{topic_id}_tip"


@functools.lru_cache(maxsize=8)
def _layout(graph: tuple) -> str:
    if not shutil.which("dot"):
        raise MapUnavailable("Graphviz (dot) is not installed")
    lines = [
        "digraph map {",
        'rankdir=TB; bgcolor="transparent"; nodesep=0.12; ranksep=0.3;',
        'node [shape=box, style="rounded,filled", fontname="Helvetica", fontsize=11, margin="0.1,0.05"];',
        'edge [color="#9aa4b5", arrowsize=0.6];',
    ]
    for tid, title, needs in graph:
        label = "\\n".join([f"{MARK} {tid}"] + _short(title))
        url = reverse("topic", args=[tid])
        lines.append(
            f'"{tid}" [id="topic_{tid}", class="topic", label="{label}", URL="{url}", '
            f'tooltip="{_tip_marker(tid)}", target="_top"];'
        )
        lines += [f'"{need}" -> "{tid}" [id="edge_{need}__{tid}"];' for need in needs]
    lines.append("}")
    svg = subprocess.run(
        ["dot", "-Tsvg"], input="\n".join(lines), capture_output=True, text=True, check=True, timeout=20
    ).stdout
    return svg[svg.index("<svg") :]  # drop the XML prolog: the SVG goes inline in the page


def _short(title: str, width: int = 16) -> list:
    """The title before any colon, on at most two lines of `width` characters."""
    lines = textwrap.wrap(_escape(title.split(":")[0]), width) or [""]
    if len(lines) > 2:
        lines = [lines[0], lines[1][: width - 1] + "…"]
    return lines


def _escape(text: str) -> str:
    return re.sub(r'["\\\\]', "", text)
