"""A learner's own view of their cohorts' schedules: target date per topic and whether they keep up."""

from dataclasses import dataclass, field
from datetime import date

from django.utils import timezone

from cohorts import stats
from cohorts.models import Cohort, Membership
from learning import path


@dataclass
class Plan:
    cohort: Cohort
    rows: list = field(default_factory=list)  # (TopicView, due date, done)
    done: int = 0
    expected: int = 0

    @property
    def pace(self) -> str:
        """'on track', 'ahead by 1 topic', 'behind by 2 topics'."""
        gap = self.done - self.expected
        if gap == 0:
            return stats.ON_TRACK
        n = abs(gap)
        return f"{'ahead' if gap > 0 else 'behind'} by {n} topic{'s' if n > 1 else ''}"

    @property
    def next_target(self):
        return next(((t, due) for t, due, done in self.rows if not done), None)


def plans(user, standing, today: date | None = None) -> list:
    """One Plan per paced cohort the user learns in, from the standing the page already has (two
    queries: memberships, deadlines). A topic due today or earlier counts as expected."""
    today = today or timezone.localdate()
    memberships = (
        Membership.objects.filter(user=user, role=Membership.LEARNER, cohort__archived=False)
        .select_related("cohort")
        .prefetch_related("cohort__deadlines")
    )
    out = []
    on_path = [t for t in standing.topics if t.id in standing.goal_path]
    for membership in memberships:
        cohort = membership.cohort
        deadlines = {d.topic_id: d.due for d in cohort.deadlines.all()}  # prefetched
        due = stats.schedule(cohort, [t.id for t in on_path], timezone.localdate(membership.joined_at), deadlines)
        if not due:
            continue
        plan = Plan(cohort)
        for t in on_path:
            if t.id in due:
                done = t.state in path.DONE
                plan.rows.append((t, due[t.id], done))
                plan.done += done
                plan.expected += due[t.id] <= today
        out.append(plan)
    return out
