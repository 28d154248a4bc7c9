"""Feedback text as the learner reads it: `code` in backticks set as code, a known mistake named once."""

import re

from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe

from learning import curve_svg

register = template.Library()


@register.filter
def ticks(text) -> str:
    """Escape, then set Markdown-style `code` spans as <code>: checks write values that way."""
    return mark_safe(re.sub(r"`([^`\n]+)`", r"<code>\1</code>", escape(text or "")))


@register.filter
def test_message(test: dict) -> str:
    """A test's message without the mistake hint appended to it: the verdict names it once, above."""
    message, hint = test.get("message") or "", (test.get("details") or {}).get("hint")
    return message.replace(hint, "").rstrip() if hint else message


@register.filter
def mistakes(result) -> list:
    """The distinct known mistakes a verdict's failing tests point at, first seen first."""
    seen = []
    for test in (result or {}).get("tests") or []:
        hint = (test.get("details") or {}).get("hint")
        if hint and hint not in seen:
            seen.append(hint)
    return seen


@register.simple_tag
def curve_charts(curves, live=False) -> str:
    """Training curves as inline SVG charts with their captions (learning.curve_svg)."""
    return curve_svg.charts(curves, live)
