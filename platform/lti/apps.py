from django.apps import AppConfig


class LtiConfig(AppConfig):
    name = "lti"
    verbose_name = "LTI 1.3 (courses in an LMS)"

    def ready(self):
        from lti import signals  # noqa: F401  (connects the grade passback to new verdicts)
