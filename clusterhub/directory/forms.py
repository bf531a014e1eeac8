from django import forms
from django.utils.translation import gettext_lazy as _

from clusterhub.directory.models import Organization


class OrganizationProfileForm(forms.ModelForm):
    """What a company keeps up to date about itself."""

    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")

    class Meta:
        model = Organization
        fields = (
            "name_ko",
            "name_en",
            "industry",
            "size",
            "founded_year",
            "website",
            "description_ko",
            "description_en",
            "employees",
            "annual_sales_eok",
            "exports_musd",
            "phone",
            "email",
            "address",
        )
        widgets = {
            "description_ko": forms.Textarea(attrs={"rows": 4}),
            "description_en": forms.Textarea(attrs={"rows": 4}),
        }
