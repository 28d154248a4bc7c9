from django import template

from cohorts import schedule

register = template.Library()


@register.inclusion_tag("cohorts/_schedule_notice.html", takes_context=True)
def schedule_notice(context, standing):
    """The learner's cohort schedule in one line per cohort, for the home page and the map."""
    user = context["request"].user
    return {"plans": schedule.plans(user, standing) if user.is_authenticated and standing else []}


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
