from django.apps import AppConfig


class CohortsConfig(AppConfig):
    name = "cohorts"

    def ready(self):
        # A learner who chose no goal follows their cohort's: learning asks through a hook, since
        # learning must not import cohorts (cohorts is built on it).
        from cohorts.models import cohort_goals
        from learning import progress

        if cohort_goals not in progress.GOAL_SOURCES:
            progress.GOAL_SOURCES.append(cohort_goals)
