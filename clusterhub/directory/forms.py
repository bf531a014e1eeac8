from django import forms

from clusterhub.directory.models import Organization


class OrganizationProfileForm(forms.ModelForm):
    """What a company keeps up to date about itself."""

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
