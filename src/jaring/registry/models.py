from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Length
from django.db.models.lookups import Exact
from django.utils.translation import gettext_lazy as _

from jaring.jobs.models import Job


class Sex(models.TextChoices):
    MALE = "M", _("Laki-laki")
    FEMALE = "F", _("Perempuan")


class Segment(models.TextChoices):
    PU = "pu", "Penerima Upah"
    BPU = "bpu", "Bukan Penerima Upah"
    JAKON = "jakon", "Jasa Konstruksi"
    PMI = "pmi", "Pekerja Migran Indonesia"


class RiskClass(models.TextChoices):
    VERY_LOW = "sangat-rendah", _("Sangat rendah")
    LOW = "rendah", _("Rendah")
    MEDIUM = "sedang", _("Sedang")
    HIGH = "tinggi", _("Tinggi")
    VERY_HIGH = "sangat-tinggi", _("Sangat tinggi")


class Occupation(models.Model):
    """A catalogue entry: the segment and JKK risk class an occupation usually implies."""

    code = models.CharField(_("kode"), max_length=40, primary_key=True)
    name = models.CharField(_("nama"), max_length=120)
    segment = models.CharField(_("segmen"), max_length=8, choices=Segment.choices)
    risk_class = models.CharField(_("kelas risiko JKK"), max_length=16, choices=RiskClass.choices)
    # Lower-case spellings met in village lists ("petani", "tani", "buruh tani"...).
    aliases = models.JSONField(default=list)

    class Meta:
        ordering = ["name"]
        verbose_name = _("pekerjaan")
        verbose_name_plural = _("pekerjaan")

    def __str__(self) -> str:
        return str(self.name)


class SourceBatch(models.Model):
    """One arrival of data (an import file, a form entry). A worker row points at the latest batch that wrote
    it (the duplicate search reads a batch's rows by it) and keeps the source it was first recorded from;
    every later batch that lists it is in its history (WorkerChange.batch)."""

    source = models.CharField(_("sumber data"), max_length=120)
    file_name = models.CharField(_("nama berkas"), max_length=255, blank=True)
    # The scope the data arrived under; null for a national (command-line) import.
    region = models.ForeignKey("regions.Region", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField()
    # The import job that brought the batch, for a link to its page; no foreign key: imports lies above the
    # registry (docs/architecture.md).
    job_id = models.UUIDField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.source} ({self.created_at:%d/%m/%Y})"


class Worker(models.Model):
    nik = models.CharField("NIK", max_length=16, unique=True)
    name = models.CharField(_("nama"), max_length=150)
    # Lower-case name without punctuation, for search and possible-duplicate checks.
    search_name = models.CharField(max_length=150)
    # Spelling-variant key of search_name (registry.names): fuzzy search and possible-duplicate blocking.
    name_key = models.CharField(max_length=200, blank=True, default="")
    sex = models.CharField(_("jenis kelamin"), max_length=1, choices=Sex.choices)
    birth_place = models.CharField(_("tempat lahir"), max_length=80, blank=True)
    birth_date = models.DateField(_("tanggal lahir"), null=True, blank=True)
    address = models.CharField(_("alamat"), max_length=255, blank=True)
    # No index of its own: (village, search_name) below serves every village lookup.
    village = models.ForeignKey(
        "regions.Region",
        verbose_name=_("desa/kelurahan domisili"),
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
    )
    occupation = models.ForeignKey(
        Occupation, verbose_name=_("pekerjaan"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    occupation_text = models.CharField(_("pekerjaan (tertulis)"), max_length=120, blank=True)
    income = models.DecimalField(_("penghasilan per bulan"), max_digits=14, decimal_places=0, null=True, blank=True)
    phone = models.CharField(_("no. HP"), max_length=20, blank=True)
    decile = models.PositiveSmallIntegerField(_("desil DTKS/P3KE"), null=True, blank=True)
    source = models.CharField(_("sumber data"), max_length=120, blank=True)
    batch = models.ForeignKey(SourceBatch, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()

    class Meta:
        verbose_name = _("pekerja")
        verbose_name_plural = _("pekerja")
        # Name search also reads registry_worker_token (migration 0003; kept by triggers).
        indexes = [
            # A village's list in name order (equality on the village, then the order); also every other
            # lookup by village, so the foreign key has no index of its own.
            models.Index(fields=["village", "search_name"], name="worker_village_name"),
            # The whole list in name order, ties by id: a common name is thousands of rows that an index on
            # the name alone would leave to be sorted by id before the first page.
            models.Index(fields=["search_name", "id"], name="worker_name_id"),
            models.Index(fields=["birth_date", "village"], name="worker_birth_village"),
            # The list's source filter: the distinct sources are walked through its first column
            # (selectors.source_names), and one source's workers come in name order, so a page stops at 50 rows
            # instead of sorting every worker of a source that holds the whole registry.
            models.Index(fields=["source", "search_name", "id"], name="worker_source_name"),
        ]
        constraints = [
            models.CheckConstraint(condition=Exact(Length("nik"), 16), name="worker_nik_16_digits"),
            models.CheckConstraint(condition=Q(sex__in=["M", "F"]), name="worker_sex_known"),
            models.CheckConstraint(
                condition=Q(income__isnull=True) | Q(income__gte=0), name="worker_income_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(decile__isnull=True) | Q(decile__gte=1, decile__lte=10), name="worker_decile_1_to_10"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class WorkerChange(models.Model):
    """History: the values a worker had before a change, and who or what changed them."""

    worker = models.ForeignKey(Worker, on_delete=models.CASCADE, related_name="changes")
    at = models.DateTimeField()
    batch = models.ForeignKey(SourceBatch, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    before = models.JSONField()

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.worker_id} @ {self.at:%Y-%m-%d %H:%M}"


class WorkerMerge(models.Model):
    """A worker merged into another: its old address (/pekerja/<id>/) leads to the kept record."""

    merged_id = models.BigIntegerField(unique=True)
    kept = models.ForeignKey(Worker, on_delete=models.CASCADE, related_name="+")
    at = models.DateTimeField()
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    def __str__(self) -> str:
        return f"{self.merged_id} -> {self.kept_id}"


class Employer(models.Model):
    npp = models.CharField("NPP", max_length=20, unique=True, null=True, blank=True)
    name = models.CharField(_("nama"), max_length=200)
    kbli = models.CharField("KBLI", max_length=5, blank=True)
    risk_class = models.CharField(_("kelas risiko JKK"), max_length=16, choices=RiskClass.choices)
    region = models.ForeignKey("regions.Region", on_delete=models.PROTECT, related_name="+")

    def __str__(self) -> str:
        return self.name


class GroupKind(models.TextChoices):
    ASSOCIATION = "asosiasi", _("Asosiasi")
    COOPERATIVE = "koperasi", _("Koperasi")
    VILLAGE_GROUP = "kelompok-desa", _("Kelompok desa")


class Group(models.Model):
    """A wadah: an association, cooperative or village group through which workers are reached."""

    name = models.CharField(_("nama"), max_length=200)
    kind = models.CharField(_("jenis"), max_length=20, choices=GroupKind.choices)
    region = models.ForeignKey("regions.Region", on_delete=models.PROTECT, related_name="+")
    members = models.ManyToManyField(Worker, related_name="groups", blank=True)

    def __str__(self) -> str:
        return self.name


class DuplicateStatus(models.TextChoices):
    OPEN = "open", _("Perlu ditinjau")
    MERGED = "merged", _("Digabung")
    DISMISSED = "dismissed", _("Bukan duplikat")


class PossibleDuplicate(models.Model):
    """Two workers with different NIKs that look like one person. Never merged automatically."""

    worker = models.ForeignKey(Worker, on_delete=models.CASCADE, related_name="+")
    other = models.ForeignKey(Worker, on_delete=models.CASCADE, related_name="+")
    score = models.DecimalField(max_digits=4, decimal_places=3)
    reason = models.CharField(max_length=200)
    status = models.CharField(max_length=10, choices=DuplicateStatus.choices, default=DuplicateStatus.OPEN)
    created_at = models.DateTimeField()
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["worker", "other"], name="duplicate_pair_once"),
            # One row per unordered pair.
            models.CheckConstraint(condition=Q(worker__lt=F("other")), name="duplicate_pair_ordered"),
        ]

    def __str__(self) -> str:
        return f"{self.worker_id} ~ {self.other_id} ({self.score})"


class MoveStatus(models.TextChoices):
    PENDING = "pending", _("Menunggu keputusan")
    ACCEPTED = "accepted", _("Diterima")
    REFUSED = "refused", _("Ditolak")


class WorkerMoveRequest(models.Model):
    """An import row whose NIK belongs to a worker of another region (issue 8, finding 1): never applied by
    the importer; the operator of the worker's region accepts it (the worker moves and ``proposed`` applies)
    or refuses it. The requester sees their own proposal and the decision, nothing of the other record."""

    worker = models.ForeignKey(Worker, on_delete=models.CASCADE, related_name="+")
    # The worker's village when the request was made: the region that decides.
    from_region = models.ForeignKey("regions.Region", on_delete=models.PROTECT, related_name="+")
    to_village = models.ForeignKey("regions.Region", on_delete=models.PROTECT, related_name="+")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The requester's scope (null: national); the outgoing list is scoped by it.
    requested_region = models.ForeignKey(
        "regions.Region", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # The row's values as the import would have written them (registry column names).
    proposed = models.JSONField()
    status = models.CharField(max_length=10, choices=MoveStatus.choices, default=MoveStatus.PENDING)
    created_at = models.DateTimeField()
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["status", "from_region"], name="move_status_from")]

    def __str__(self) -> str:
        return f"{self.worker_id} -> {self.to_village_id} ({self.status})"


class WorkerExport(Job):
    """The worker list as the user filtered it, written to an .xlsx under var/ by the job worker (issue 9)."""

    HANDLER = "jaring.registry.export.worker_export_run"
    ON_DEAD = "jaring.registry.export.export_files_remove"
    STAGES = {
        "read": _("Membaca data pekerja"),
        "write": _("Menulis berkas"),
    }

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    # The list's filter as typed (WorkerFilter's fields) and whether full NIKs were asked for.
    filters = models.JSONField(default=dict)
    full_nik = models.BooleanField(default=False)

    class Meta(Job.Meta):
        pass

    def __str__(self) -> str:
        return f"ekspor {self.pk} ({self.status})"


class WorkerWarning(models.Model):
    """A warning an import raised on a worker's row (the NIK says female, the sex column male; a birth date
    that is not the NIK's): the row was kept, so the worker carries it until a later import of the same worker
    no longer raises it (issue 9)."""

    worker = models.ForeignKey(Worker, on_delete=models.CASCADE, related_name="+")
    code = models.CharField(_("kode"), max_length=40)
    reason = models.TextField(_("keterangan"))
    batch = models.ForeignKey(SourceBatch, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField()
    # Set when a later import of the worker no longer raises it; null: open.
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "code"]
        indexes = [models.Index(fields=["worker", "resolved_at"], name="worker_warning_open")]

    def __str__(self) -> str:
        return f"{self.worker_id} {self.code}"
