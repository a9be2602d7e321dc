"""The feedback form staff fill in: the key made for them, the language theirs by default."""

from django import forms
from django.utils.translation import gettext_lazy as _

from sonla_kb.i18n import interface_language

from .feedback_keys import next_feedback_key, save_with_free_key
from .models import Feedback


class FeedbackAdminForm(forms.ModelForm):
    """Feedback in the admin; an empty key is given the next free fb-NNN when saved."""

    # The standalone add form shows the key it will use; inline forms leave it empty,
    # since several new items on one page would all be shown the same number.
    suggest_key = False

    class Meta:
        model = Feedback
        # The admin chooses the fields shown (its fieldsets); these are all it may edit.
        fields = (
            "key",
            "author",
            "organisation",
            "study",
            "presentation",
            "policy",
            "text",
            "submitted_on",
            "published",
            "language",
            "sample",
            "tags",
        )

    def __init__(self, *args, **kwargs) -> None:
        initial = kwargs.get("initial") or {}
        super().__init__(*args, **kwargs)
        key = self.fields["key"]
        key.required = False
        key.help_text = _(
            "Made for you when left empty (fb-001, fb-002 …); you may write another: "
            "a-z, 0-9 and '-'."
        )
        if self.instance._state.adding and not self.is_bound:
            if "language" not in initial:
                self.initial["language"] = interface_language()
            if self.suggest_key and "key" not in initial:
                self.initial["key"] = next_feedback_key()

    def save(self, commit: bool = True) -> Feedback:
        """Save, giving the feedback a free key if it has none."""
        if not commit or self.instance.key:
            return super().save(commit=commit)
        feedback = super().save(commit=False)
        save_with_free_key(feedback=feedback)
        self._save_m2m()
        return feedback


class SuggestedKeyFeedbackForm(FeedbackAdminForm):
    """The standalone add form: the next free key is filled in, and can be changed."""

    suggest_key = True
