from django import forms

from cohorts.models import Cohort
from curriculum.models import Topic


class CohortForm(forms.ModelForm):
    class Meta:
        model = Cohort
        fields = ["name", "goal", "start_date", "pace_days", "stuck_days", "stuck_failures"]
        widgets = {"start_date": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["goal"].queryset = Topic.objects.filter(retired=False)

    def clean(self):
        data = super().clean()
        if "start_date" in self.errors or "pace_days" in self.errors:  # that field's own message says it
            return data
        if bool(data.get("start_date")) != bool(data.get("pace_days")):
            raise forms.ValidationError(
                "A schedule needs both a start date and a pace (days per topic); leave both empty for no schedule."
            )
        return data


class InviteForm(forms.Form):
    days = forms.IntegerField(
        min_value=1,
        max_value=365,
        required=False,
        label="Expires after (days)",
        help_text="Empty: the link works until you revoke it.",
    )
    role = forms.ChoiceField(
        choices=[("learner", "Learners"), ("admin", "Co-admins")],
        initial="learner",
        required=False,
        label="For",
        help_text="A co-admin link makes whoever joins an admin of this cohort: "
        "they see every learner's progress and code.",
    )

    def clean_role(self):
        return self.cleaned_data.get("role") or "learner"


class CommentForm(forms.Form):
    body = forms.CharField(
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        label="Comment",
        strip=True,
        error_messages={"required": "Write something first: the comment is empty."},
    )
    line = forms.IntegerField(min_value=1, required=False, label="On line (optional)")
