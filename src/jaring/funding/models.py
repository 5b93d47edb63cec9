"""Who pays (Sponsor), from which budget (BudgetLine), for which campaign (Programme), in what shares."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


class SponsorKind(models.TextChoices):
    # The values are the `--funder` words of the CLI (issue 10), with the province's APBD apart.
    APBD_PROVINCE = "apbd-prov", _("APBD provinsi")
    APBD = "apbd", _("APBD kabupaten/kota")
    APBDES = "apbdes", _("APBDes (dana desa)")
    DBHCHT = "dbhcht", _("DBHCHT (cukai hasil tembakau)")
    CSR = "csr", _("CSR perusahaan")
    DONOR = "donor", _("Donatur SERTAKAN")
    BAZNAS = "baznas", _("Baznas")
    APBN = "apbn", _("APBN")
    SELF = "self", _("Mandiri")


# The rules engine's funder for each kind: decides the payer and whether PP 50/2025 applies.
RULES_FUNDER = {kind.value: ("apbd" if kind == SponsorKind.APBD_PROVINCE else kind.value) for kind in SponsorKind}


class Wadah(models.TextChoices):
    # BPJS records each sponsored cohort as a "wadah", coded by funder (field notes, users.md).
    SG = "SG", _("SG — pemerintah")
    SD = "SD", _("SD — desa (APBDes)")
    SA = "SA", _("SA — desa (APBD)")
    SL = "SL", _("SL — desa (dana lain)")
    SC = "SC", _("SC — perusahaan (CSR)")
    SB = "SB", _("SB — perbankan")


DEFAULT_WADAH = {
    SponsorKind.APBD_PROVINCE: Wadah.SG,
    SponsorKind.APBD: Wadah.SG,
    SponsorKind.DBHCHT: Wadah.SG,
    SponsorKind.APBN: Wadah.SG,
    SponsorKind.APBDES: Wadah.SD,
    SponsorKind.CSR: Wadah.SC,
    SponsorKind.DONOR: Wadah.SL,
    SponsorKind.BAZNAS: Wadah.SL,
    SponsorKind.SELF: Wadah.SL,
}


BILL_MONTHS = [(1, _("1 bulan")), (3, _("3 bulan")), (6, _("6 bulan")), (12, _("12 bulan"))]


class Sponsor(models.Model):
    name = models.CharField(_("nama"), max_length=200)
    kind = models.CharField(_("jenis"), max_length=10, choices=SponsorKind.choices)
    region = models.ForeignKey("regions.Region", on_delete=models.PROTECT, related_name="+")
    contact_name = models.CharField(_("narahubung"), max_length=150, blank=True)
    contact_phone = models.CharField(_("telepon"), max_length=20, blank=True)
    contact_email = models.EmailField(_("surel"), blank=True)
    # Users of the sponsor role who speak for it: they see the programmes it funds and nothing else.
    members = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="+")
    # Sponsors pay monthly, or ahead for 3, 6 or 12 months (BPU paid ahead, DBHCHT tranches): one bill
    # then covers that many iuran months.
    bill_months = models.PositiveSmallIntegerField(_("tagihan dibayar per"), choices=BILL_MONTHS, default=1)
    created_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["region", "kind", "name"], name="sponsor_unique_name")]
        ordering = ["name"]

    def __str__(self) -> str:
        return str(self.name)


class Revision(models.TextChoices):
    MAIN = "main", _("APBD murni")
    CHANGE = "change", _("APBD perubahan (APBD-P)")


class BudgetLine(models.Model):
    sponsor = models.ForeignKey(Sponsor, on_delete=models.PROTECT, related_name="budget_lines")
    fiscal_year = models.PositiveSmallIntegerField(_("tahun anggaran"))
    amount = models.DecimalField(_("jumlah"), max_digits=16, decimal_places=0)
    reference = models.CharField(_("nomor DPA / referensi"), max_length=120, blank=True)
    # Some Pemda keep JKK and JKM on separate DPA accounts (field notes): both optional.
    jkk_account = models.CharField(_("rekening JKK"), max_length=60, blank=True)
    jkm_account = models.CharField(_("rekening JKM"), max_length=60, blank=True)
    revision = models.CharField(_("tahap"), max_length=8, choices=Revision.choices, default=Revision.MAIN)
    created_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="budget_line_amount_positive"),
            models.CheckConstraint(
                condition=Q(fiscal_year__gte=2015, fiscal_year__lte=2100), name="budget_line_year_sane"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.sponsor} {self.fiscal_year} {self.reference}".strip()


class ProgrammeSegment(models.TextChoices):
    BPU = "bpu", _("Pekerja rentan (BPU)")
    PU = "pu", _("Penerima upah (non-ASN, perangkat desa)")
    ADHOC = "adhoc", _("Badan ad hoc pemilu")


class Package(models.TextChoices):
    BASIC = "bpu-basic", _("JKK + JKM")
    JHT = "bpu-jht", _("JKK + JKM + JHT")


class ProgrammeStatus(models.TextChoices):
    DRAFT = "draft", _("Rancangan")
    ACTIVE = "active", _("Berjalan")
    CLOSED = "closed", _("Selesai")


def default_priority() -> list[str]:
    # Poorest first, then the riskiest occupations, then those registered longest ago (issue 10's example).
    return ["decile", "risk", "registered"]


class Programme(models.Model):
    """A sponsored campaign, e.g. "Perlindungan Pekerja Rentan Kabupaten Tegal 2026"."""

    region = models.ForeignKey("regions.Region", on_delete=models.PROTECT, related_name="+")
    name = models.CharField(_("nama"), max_length=200)
    segment = models.CharField(_("segmen"), max_length=6, choices=ProgrammeSegment.choices)
    package = models.CharField(_("paket"), max_length=10, choices=Package.choices, default=Package.BASIC)
    start = models.DateField(_("mulai"))
    months = models.PositiveSmallIntegerField(_("jumlah bulan"), null=True, blank=True)
    # Ad hoc election cohorts are counted in days (one day to two months).
    days = models.PositiveSmallIntegerField(_("jumlah hari"), null=True, blank=True)
    income = models.DecimalField(_("penghasilan yang dilaporkan"), max_digits=14, decimal_places=0, default=1_000_000)
    wage = models.DecimalField(_("upah"), max_digits=14, decimal_places=0, null=True, blank=True)
    budget = models.DecimalField(_("anggaran"), max_digits=16, decimal_places=0, null=True, blank=True)
    max_age = models.PositiveSmallIntegerField(_("usia maksimum"), default=65)
    legal_basis = models.CharField(_("dasar hukum (Perbup/SK)"), max_length=200, blank=True)
    agreement = models.CharField(_("nomor perjanjian kerja sama"), max_length=200, blank=True)
    status = models.CharField(_("status"), max_length=8, choices=ProgrammeStatus.choices, default=ProgrammeStatus.DRAFT)
    # Last year's programme this one was rolled over from (funding history stays on both).
    previous = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("program sebelumnya")
    )
    # Eligibility beyond age and domicile: occupation codes and poverty deciles (empty: any).
    occupations = models.JSONField(_("pekerjaan yang dicakup"), default=list, blank=True)
    deciles = models.JSONField(_("desil yang dicakup"), default=list, blank=True)
    # Registry sources whose workers it takes (an ad hoc cohort: the KPU roster's import), empty: any.
    sources = models.JSONField(_("sumber data yang dicakup"), default=list, blank=True)
    # Who comes first when the budget is short: keys of funding.planner.PRIORITY_KEYS, in order.
    priority = models.JSONField(_("urutan prioritas"), default=default_priority, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=(Q(months__isnull=False, days__isnull=True, months__gte=1, months__lte=60))
                | Q(months__isnull=True, days__isnull=False, days__gte=1, days__lte=62),
                name="programme_months_or_days",
            ),
            models.CheckConstraint(condition=Q(budget__isnull=True) | Q(budget__gt=0), name="programme_budget_pos"),
            models.CheckConstraint(condition=Q(max_age__gte=15, max_age__lte=100), name="programme_max_age_sane"),
        ]
        ordering = ["-start", "name"]

    def __str__(self) -> str:
        return str(self.name)


class ProgrammeSponsor(models.Model):
    """One sponsor's share of a programme; the shares of a programme add up to 100 (checked by the service)."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="sponsors")
    sponsor = models.ForeignKey(Sponsor, on_delete=models.PROTECT, related_name="programmes")
    budget_line = models.ForeignKey(BudgetLine, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    share = models.DecimalField(_("bagian (%)"), max_digits=5, decimal_places=2)
    wadah = models.CharField(_("kode wadah BPJS"), max_length=2, choices=Wadah.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["programme", "sponsor"], name="programme_sponsor_once"),
            models.CheckConstraint(condition=Q(share__gt=0, share__lte=100), name="programme_sponsor_share"),
        ]

    def __str__(self) -> str:
        return f"{self.sponsor} {self.share}%"


class VillageQuota(models.Model):
    """How many workers of one village a programme takes at least and at most."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="quotas")
    village = models.ForeignKey("regions.Region", on_delete=models.PROTECT, related_name="+")
    minimum = models.PositiveIntegerField(_("paling sedikit"), default=0)
    maximum = models.PositiveIntegerField(_("paling banyak"), null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["programme", "village"], name="village_quota_once"),
            models.CheckConstraint(
                condition=Q(maximum__isnull=True) | Q(maximum__gte=F("minimum")), name="village_quota_min_le_max"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.village_id}: {self.minimum}–{self.maximum if self.maximum is not None else '∞'}"
