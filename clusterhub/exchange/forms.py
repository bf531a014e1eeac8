from django import forms
from django.utils.translation import gettext_lazy as _

from clusterhub.exchange.kinds import KINDS

KIND_LABELS = {
    "organizations": _("Organizations"),
    "memberships": _("Mini-cluster memberships"),
    "activities": _("Networking activities with attendance"),
    "outcomes": _("Outcome records"),
    "observations": _("Statistics observations"),
    "people": _("People with their affiliations"),
    "experts": _("Expert profiles"),
}
MAX_UPLOAD_BYTES = 50 * 1024 * 1024


class ImportUploadForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=[(k, KIND_LABELS[k]) for k in KINDS])
    file = forms.FileField(
        label=_("CSV or XLSX file"),
        help_text=_("The first row names the columns; see the example files."),
    )
    table = forms.SlugField(label=_("Table id"), required=False, help_text=_("Statistics only."))
    title = forms.CharField(label=_("Table title"), required=False, max_length=300)
    publisher = forms.CharField(label=_("Publisher"), required=False, max_length=200)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("The file is larger than 50 MB."))
        if not upload.name.lower().endswith((".csv", ".xlsx")):
            raise forms.ValidationError(_("Upload a .csv or .xlsx file."))
        return upload
