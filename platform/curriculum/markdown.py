"""Lesson Markdown to HTML, at sync time: maths left for KaTeX in the browser, code highlighted."""

from markdown_it import MarkdownIt
from mdit_py_plugins.dollarmath import dollarmath_plugin
from pygments import highlight
from pygments.formatters import HtmlFormatter
from pygments.lexers import get_lexer_by_name
from pygments.util import ClassNotFound


def _highlight(code: str, lang: str, _attrs) -> str:
    try:
        lexer = get_lexer_by_name(lang or "text")
    except ClassNotFound:
        return ""  # markdown-it escapes and wraps it itself
    return highlight(code, lexer, HtmlFormatter(nowrap=True))


_md = MarkdownIt("commonmark", {"highlight": _highlight}).enable("table").use(dollarmath_plugin)


def render(text: str) -> str:
    return _md.render(text)


def render_inline(text: str) -> str:
    """One line of Markdown without the paragraph around it (quiz choices)."""
    return _md.renderInline(text)


def render_lesson(text: str) -> str:
    """A lesson's own leading "# Title" is dropped: the page shows the topic's title already."""
    lines = text.lstrip().splitlines()
    if lines and lines[0].startswith("# "):
        lines = lines[1:]
    return render("\n".join(lines))


def pygments_css() -> str:
    # xcode: every token colour at least 4.6:1 on the code background (friendly's numbers and comments were
    # under 3:1, which axe reports as serious).
    return HtmlFormatter(style="xcode").get_style_defs("pre code")
