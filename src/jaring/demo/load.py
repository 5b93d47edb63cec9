"""Builds the demo region: Kabupaten Tegal with its people and its workers. Idempotent."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

from jaring.accounts.models import User
from jaring.accounts.personas import DEMO_PASSWORD, PERSONAS, TEGAL_VILLAGE, Persona
from jaring.accounts.services import user_create
from jaring.demo.villages import Village, write_village_file
from jaring.regions.models import Region

# Villages whose lists arrive in the demo, with how many rows each sends.
DEMO_VILLAGE_COUNT = 12
ROWS_PER_VILLAGE = 300


@dataclass(frozen=True)
class DemoUser:
    persona: Persona
    created: bool


@dataclass(frozen=True)
class DemoImport:
    village: str
    summary: dict[str, object]


def demo_users() -> list[DemoUser]:
    existing = set(User.objects.filter(username__in=PERSONAS).values_list("username", flat=True))
    result = []
    for persona in PERSONAS.values():
        if persona.username not in existing:
            user_create(
                username=persona.username,
                password=DEMO_PASSWORD,
                role=persona.role,
                region_code=persona.region_code,
                full_name=persona.full_name,
                organisation=persona.organisation,
            )
        result.append(DemoUser(persona, created=persona.username not in existing))
    return result


def demo_villages() -> list[Village]:
    """The persona's own village first, then villages spread over Tegal's districts."""
    villages = list(Region.objects.filter(level=4, code__startswith="33.28.").select_related("parent").order_by("code"))
    step = max(1, len(villages) // DEMO_VILLAGE_COUNT)
    chosen = [v for v in villages if v.code == TEGAL_VILLAGE] + villages[step::step][: DEMO_VILLAGE_COUNT - 1]
    return [Village(code=v.code, name=v.name, district=v.parent.name if v.parent else "") for v in chosen]


def demo_imports(progress: Callable[[str], None] | None = None) -> list[DemoImport]:
    """Writes each village's spreadsheet under var/demo and imports it as an import job (listed under
    "Impor terakhir"), through the same job runner as an upload. A village already imported is skipped."""
    from jaring.imports.jobs import import_job_run_here
    from jaring.imports.models import ImportJob, JobStatus

    folder = Path(settings.VAR_DIR) / "demo"
    folder.mkdir(parents=True, exist_ok=True)
    operator = User.objects.get(username="operator.tegal")
    village_operator = User.objects.get(username="desa.prupukselatan")
    results = []
    for seed, village in enumerate(demo_villages()):
        path = folder / f"daftar-pekerja-{village.code}.xlsx"
        if not path.exists():
            write_village_file(path, village, ROWS_PER_VILLAGE, seed)
        actor = village_operator if village.code == TEGAL_VILLAGE else operator
        source = f"Musdes {village.name} 2026"
        job = ImportJob.objects.filter(source=source, status=JobStatus.DONE).first()
        if job is None:
            job, _ = import_job_run_here(actor=actor, path=path, scope=actor.region_id, source=source)
        results.append(DemoImport(village.name, job.summary or {"error": job.error}))
        if progress is not None:
            progress(village.name)
    demo_groups_and_employers(operator)
    return results


# Wadah through which Tegal's workers are reached, each gathering workers of one occupation.
DEMO_GROUPS = [
    ("Kelompok Tani Sri Rejeki", "kelompok-desa", "petani"),
    ("Paguyuban Becak Slawi", "asosiasi", "tukang-becak"),
    ("HNSI Kabupaten Tegal (nelayan)", "asosiasi", "nelayan"),
    ("Koperasi Pedagang Pasar Trayeman", "koperasi", "pedagang"),
]
DEMO_EMPLOYERS = [
    ("PT Tegal Makmur Logam", "25920", "sedang", "33.28.10"),
    ("CV Batik Tegalan", "13134", "rendah", "33.28.04"),
    ("Pemerintah Kabupaten Tegal (pegawai non-ASN)", "84111", "sangat-rendah", "33.28"),
]


def demo_groups_and_employers(operator: User) -> None:
    from jaring.registry.models import Employer, Group, Worker
    from jaring.registry.services import employer_register, group_create

    for name, kind, occupation in DEMO_GROUPS:
        if Group.objects.filter(name=name).exists():
            continue
        members = list(Worker.objects.filter(occupation_id=occupation).order_by("id").values_list("id", flat=True)[:40])
        group_create(actor=operator, name=name, kind=kind, region_code="33.28", worker_ids=members)
    for name, kbli, risk, region in DEMO_EMPLOYERS:
        if not Employer.objects.filter(name=name).exists():
            employer_register(actor=operator, name=name, region_code=region, risk_class=risk, kbli=kbli)
