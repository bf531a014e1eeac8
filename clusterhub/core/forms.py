"""Helpers shared by the forms of every app's pages."""

from django.core.exceptions import ValidationError


def form_add_validation_error(form, error: ValidationError) -> None:
    """Show a service's refusal on the form, next to the field it names (or above the form)."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def validation_error_text(error: ValidationError) -> str:
    """A service's refusal as one line, for a flash message or an htmx fragment."""
    return " ".join(error.messages)


def form_errors_text(form) -> str:
    """Every error of a form as one line, for a POST that answers with a flash message."""
    return " ".join(str(message) for messages in form.errors.values() for message in messages)
