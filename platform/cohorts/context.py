from django.utils.functional import SimpleLazyObject

from cohorts import mentoring


def mentoring_notice(request):
    """Unread comments on the learner's submissions, counted only when a page shows the number."""
    user = getattr(request, "user", None)
    if not (user and user.is_authenticated):
        return {}
    return {"unread_comments": SimpleLazyObject(lambda: mentoring.unread_count(user))}
