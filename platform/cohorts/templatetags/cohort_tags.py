from django import template

from cohorts import schedule

register = template.Library()


def _plans(context, standing) -> list:
    """The learner's plans, computed once per request (the map asks twice: notice and dates)."""
    request = context["request"]
    if not hasattr(request, "_schedule_plans"):
        user = request.user
        request._schedule_plans = schedule.plans(user, standing) if user.is_authenticated and standing else []
    return request._schedule_plans


@register.inclusion_tag("cohorts/_schedule_notice.html", takes_context=True)
def schedule_notice(context, standing):
    """The learner's cohort schedule in one line per cohort, for the home page and the map."""
    return {"plans": _plans(context, standing)}


@register.simple_tag(takes_context=True)
def target_dates(context, standing) -> dict:
    """topic id -> the earliest target date any of the learner's paced cohorts sets for it."""
    dates: dict = {}
    for plan in _plans(context, standing):
        for topic, due, _ in plan.rows:
            dates[topic.id] = min(due, dates.get(topic.id, due))
    return dates


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None


@register.filter
def minutes_human(minutes) -> str:
    """1576 -> '26 h'; 4000 -> '2.8 days'; 12 -> '12 min'."""
    if minutes is None:
        return "—"
    minutes = float(minutes)
    if minutes < 90:
        return f"{minutes:.0f} min"
    if minutes < 48 * 60:
        return f"{minutes / 60:.0f} h"
    return f"{minutes / 1440:.1f} days"
