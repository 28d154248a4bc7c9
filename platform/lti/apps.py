from django.apps import AppConfig
from pylti1p3.contrib.django.lti1p3_tool_config.apps import PyLTI1p3ToolConfig


class ToolConfig(PyLTI1p3ToolConfig):
    """PyLTI1p3's models as it ships their migrations: integer ids (the project's default is big ints,
    which would make Django want a migration inside the installed package)."""

    default_auto_field = "django.db.models.AutoField"


class LtiConfig(AppConfig):
    default = True  # this module also holds ToolConfig
    name = "lti"
    verbose_name = "LTI 1.3 (courses in an LMS)"

    def ready(self):
        from lti import signals  # noqa: F401  (connects the grade passback to new verdicts)
