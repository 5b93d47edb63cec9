"""Roles and what each may do. Capabilities are named strings, never numeric codes."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    ADMIN = "admin", _("Administrator")
    OPERATOR = "operator", _("Operator Pemda")
    VILLAGE_OPERATOR = "village_operator", _("Operator Desa")
    BPJS_OFFICER = "bpjs_officer", _("Petugas Kantor Cabang BPJS")
    SPONSOR = "sponsor", _("Pemberi Dana")
    AUDITOR = "auditor", _("Auditor")
    LEADER = "leader", _("Pimpinan")


class Cap:
    REGIONS_VIEW = "regions.view"
    NIK_CHECK = "nik.check"
    AUDIT_VIEW = "audit.view"
    USERS_MANAGE = "users.manage"
    TOKENS_OWN = "tokens.own"
    DASHBOARD_VIEW = "dashboard.view"
    WORKERS_VIEW = "workers.view"
    WORKERS_EDIT = "workers.edit"
    WORKERS_IMPORT = "workers.import"
    DUPLICATES_RESOLVE = "duplicates.resolve"
    PROGRAMMES_VIEW = "programmes.view"
    # Create programmes, plan, build cohorts, exchange files with BPJS.
    PROGRAMMES_EDIT = "programmes.edit"
    # Bills, payments, arrears, renewals and reconciliation: read (a sponsor its own bills only).
    BILLING_VIEW = "billing.view"
    # Run the month's bills, record payments.
    BILLING_EDIT = "billing.edit"
    # Load BPJS's active participant list and reconcile it (the Pemda's billing staff and the BPJS branch).
    RECONCILE = "billing.reconcile"
    # Totals of bills and arrears only, never a member's line (a leader).
    BILLING_TOTALS = "billing.totals"
    # Entering the region's own coverage targets (RPJMD) for the dashboard.
    TARGETS_EDIT = "coverage.targets"


_EVERYONE = {Cap.REGIONS_VIEW, Cap.TOKENS_OWN}

CAPABILITIES: dict[str, frozenset[str]] = {
    Role.ADMIN: frozenset(
        _EVERYONE
        | {Cap.NIK_CHECK, Cap.AUDIT_VIEW, Cap.USERS_MANAGE, Cap.DASHBOARD_VIEW, Cap.WORKERS_VIEW}
        | {Cap.PROGRAMMES_VIEW, Cap.BILLING_VIEW, Cap.BILLING_TOTALS, Cap.TARGETS_EDIT}
    ),
    Role.OPERATOR: frozenset(
        _EVERYONE
        | {Cap.NIK_CHECK, Cap.DASHBOARD_VIEW, Cap.WORKERS_VIEW, Cap.WORKERS_EDIT, Cap.WORKERS_IMPORT}
        | {Cap.DUPLICATES_RESOLVE, Cap.PROGRAMMES_VIEW, Cap.PROGRAMMES_EDIT}
        | {Cap.BILLING_VIEW, Cap.BILLING_EDIT, Cap.BILLING_TOTALS, Cap.RECONCILE, Cap.TARGETS_EDIT}
    ),
    Role.VILLAGE_OPERATOR: frozenset(
        _EVERYONE | {Cap.NIK_CHECK, Cap.WORKERS_VIEW, Cap.WORKERS_EDIT, Cap.WORKERS_IMPORT, Cap.PROGRAMMES_VIEW}
    ),
    Role.BPJS_OFFICER: frozenset(
        _EVERYONE
        | {Cap.NIK_CHECK, Cap.DASHBOARD_VIEW, Cap.WORKERS_VIEW, Cap.PROGRAMMES_VIEW}
        | {Cap.BILLING_VIEW, Cap.BILLING_TOTALS, Cap.RECONCILE}
    ),
    # A sponsor sees the programmes it funds and their workers (funding.selectors), nothing else.
    Role.SPONSOR: frozenset(_EVERYONE | {Cap.PROGRAMMES_VIEW, Cap.BILLING_VIEW, Cap.BILLING_TOTALS}),
    Role.AUDITOR: frozenset(
        _EVERYONE
        | {Cap.NIK_CHECK, Cap.AUDIT_VIEW, Cap.DASHBOARD_VIEW, Cap.WORKERS_VIEW, Cap.PROGRAMMES_VIEW}
        | {Cap.BILLING_VIEW, Cap.BILLING_TOTALS}
    ),
    Role.LEADER: frozenset({Cap.REGIONS_VIEW, Cap.DASHBOARD_VIEW, Cap.BILLING_TOTALS}),
}

# Which region levels a role may be bound to (1 province, 2 regency/city, 3 district, 4 village).
ALLOWED_LEVELS: dict[str, frozenset[int]] = {
    Role.ADMIN: frozenset({1, 2}),
    Role.OPERATOR: frozenset({1, 2}),
    Role.VILLAGE_OPERATOR: frozenset({4}),
    Role.BPJS_OFFICER: frozenset({1, 2}),
    Role.SPONSOR: frozenset({1, 2, 3, 4}),
    Role.AUDITOR: frozenset({1, 2}),
    Role.LEADER: frozenset({1, 2}),
}
