"""The prerequisite graph as an SVG picture, laid out left to right by Graphviz (`dot`).

The layout depends only on the content, so it is computed once per graph; each learner's states
are then added as CSS classes on the nodes.
"""
import functools
import re
import shutil
import subprocess

from django.urls import reverse
from django.utils.html import escape


class MapUnavailable(Exception):
    """Graphviz is not installed; the page falls back to the list."""


def learner_map(standing, goal_path: set) -> str:
    graph = tuple((t.id, t.title, tuple(t.prerequisite_ids)) for t in standing.topics)
    svg = _layout(graph)
    unlocks = {}
    for t in standing.topics:
        for p in t.prerequisite_ids:
            unlocks.setdefault(p, []).append(t.id)
    for topic in standing.topics:
        classes = f"node topic state-{topic.state.replace(' ', '-')}" + (" on-path" if topic.id in goal_path else "")
        node_id = "topic_" + topic.id.replace("-", "&#45;")  # as Graphviz writes it
        svg = svg.replace(f'id="{node_id}" class="node topic"', f'id="{node_id}" class="{classes}"')
        marker = _tip_marker(topic.id).replace("-", "&#45;")  # as Graphviz writes it
        svg = svg.replace(f'"{marker}"', f'"{escape(_tip(topic, unlocks.get(topic.id, [])))}"')
    return svg


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
    lines = ['digraph map {', 'rankdir=LR; bgcolor="transparent"; nodesep=0.25; ranksep=0.5;',
             'node [shape=box, style="rounded,filled", fontname="Helvetica", fontsize=11, margin="0.12,0.06"];',
             'edge [color="#9aa4b5", arrowsize=0.6];']
    for tid, title, needs in graph:
        label = f"{tid}\\n{_short(title)}"
        lines.append(f'"{tid}" [id="topic_{tid}", class="topic", label="{label}", URL="{reverse("topic", args=[tid])}", '
                     f'tooltip="{_tip_marker(tid)}", target="_top"];')
        lines += [f'"{need}" -> "{tid}";' for need in needs]
    lines.append("}")
    svg = subprocess.run(["dot", "-Tsvg"], input="\n".join(lines), capture_output=True, text=True, check=True,
                         timeout=20).stdout
    return svg[svg.index("<svg"):]  # drop the XML prolog: the SVG goes inline in the page


def _short(title: str, limit: int = 28) -> str:
    title = _escape(title.split(":")[0])
    return title if len(title) <= limit else title[:limit - 1] + "…"


def _escape(text: str) -> str:
    return re.sub(r'["\\\\]', "", text)
