"""A submission's verdict, as the exercise page shows it (learning/_result.html): the headline, the message,
each test with its mark and message, the value a Run returned, the printed output. For a terminal (rich) and
for a notebook (HTML)."""

import html
from textwrap import indent

from rich.console import Group
from rich.text import Text

COLOURS = {
    "passed": "green",
    "ran": "cyan",
    "failed": "red",
    "error": "red",
    "crashed": "red",
    "timeout": "yellow",
    "memory": "yellow",
    "not run": "dim",
}
HTML_COLOURS = {"green": "#1a7f37", "red": "#cf222e", "yellow": "#9a6700", "dim": "#6e7781"}


def mark(status: str) -> str:
    return "✓" if status == "passed" else "–" if status == "not run" else "✗"


def colour(submission: dict) -> str:
    """A Run grades nothing: never green; yellow when its example differs from the statement's value."""
    if submission["state"] != "done":
        return "cyan"
    if submission["status"] == "ran" and example_check(submission.get("result")).get("matches") is False:
        return "yellow"
    return COLOURS.get(submission["status"], "red")


def example_check(result) -> dict:
    """The grader's comparison of a Run's example with the statement's expected value ({} when none)."""
    value = (result or {}).get("value")
    check = value.get("expected") if isinstance(value, dict) else None
    return check if isinstance(check, dict) else {}


def value_lines(value: dict) -> list[str]:
    lines = []
    if value.get("shape") is not None:
        lines.append(
            f"Returned a {value.get('type')} of shape ({', '.join(map(str, value['shape']))}), "
            f"dtype {value.get('dtype')}, on {value.get('device')}:"
        )
    elif value.get("type"):
        lines.append(f"Returned a {value['type']}:")
    lines += [value[k] for k in ("repr", "traceback") if value.get(k)]
    check = example_check({"value": value})
    if check.get("matches") is True:
        lines.append("✓ Your example gives the value the statement expects.")
    elif check:
        lines += [
            "Your example gives the value above; the statement expects:",
            check.get("expected", ""),
            check.get("message", ""),
        ]
    return lines


def render(submission: dict) -> Group:
    """The verdict for a terminal."""
    parts = [Text(submission["headline"], style=f"bold {colour(submission)}")]
    result = submission.get("result") or {}
    if result.get("message") and submission["status"] != "passed":
        parts.append(Text(result["message"]))
    for test in result.get("tests") or []:
        line = Text(f"  {mark(test['status'])} ", style=COLOURS.get(test["status"], "red"))
        line.append(test["name"], style="bold")
        parts.append(line)
        if test.get("message"):
            parts.append(Text(indent(test["message"], "    ")))
        if (test.get("details") or {}).get("traceback"):
            parts.append(Text(indent(test["details"]["traceback"].rstrip(), "    "), style="dim"))
    if result.get("value"):
        parts.append(Text("\n".join(value_lines(result["value"]))))
    for stream, style in (("stdout", ""), ("stderr", "yellow")):
        if result.get(stream):
            parts += [Text(f"Printed output ({stream}):", style="dim"), Text(result[stream].rstrip(), style=style)]
    if submission["state"] == "done":
        parts.append(Text(f"On the site: {submission['url']}", style="dim"))
    return Group(*parts)


def to_html(submission: dict) -> str:
    """The verdict for a notebook: plain HTML with inline styles (Jupyter and Colab load no site CSS)."""
    e = html.escape
    result = submission.get("result") or {}
    tint = HTML_COLOURS.get(colour(submission), "#0969da")
    out = [
        f'<div class="groundwork-verdict" data-status="{e(submission["status"] or submission["state"])}">',
        f'<p style="font-weight:bold;color:{tint}">{e(submission["headline"])}</p>',
    ]
    if result.get("message") and submission["status"] != "passed":
        out.append(f"<p>{e(result['message'])}</p>")
    if result.get("tests"):
        out.append('<ul style="list-style:none;padding-left:0">')
        for test in result["tests"]:
            test_tint = HTML_COLOURS.get(COLOURS.get(test["status"], "red"))
            out.append(f'<li><span style="color:{test_tint}">{mark(test["status"])}</span> <b>{e(test["name"])}</b>')
            if test.get("message"):
                out.append(f'<div style="margin-left:1.5em;white-space:pre-wrap">{e(test["message"])}</div>')
            if (test.get("details") or {}).get("traceback"):
                out.append(
                    f"<details><summary>Traceback</summary><pre>{e(test['details']['traceback'])}</pre></details>"
                )
            out.append("</li>")
        out.append("</ul>")
    if result.get("value"):
        out.append(f"<pre>{e(chr(10).join(value_lines(result['value'])))}</pre>")
    if result.get("stdout") or result.get("stderr"):
        out.append("<details><summary>Printed output</summary>")
        out += [f"<pre>{e(result[k])}</pre>" for k in ("stdout", "stderr") if result.get(k)]
        out.append("</details>")
    if submission["state"] == "done":
        out.append(f'<p style="color:#6e7781"><a href="{e(submission["url"])}" target="_blank">On the site</a></p>')
    out.append("</div>")
    return "\n".join(out)
