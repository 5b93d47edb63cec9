"""The import page's words for a rejection code: NIK.LENGTH -> 'NIK harus terdiri dari 16 digit, …'."""

from __future__ import annotations

from django import template

from jaring.imports.reasons import reason_for, summary_text

__all__ = ["rule_reason", "summary_text"]

register = template.Library()


@register.filter
def rule_reason(code: str) -> str:
    return reason_for(code)
