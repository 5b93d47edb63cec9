"""Objects of Kabupaten Tegal that the authorization probes need: each builder makes fresh ones through the
services and returns the ids the probes' paths and forms name."""

from __future__ import annotations

from datetime import date


def tegal_sponsor_user(sponsor_id: int) -> dict[str, object]:
    """A sponsor-role user of Tegal to link to the probe's sponsor, and one already linked to unlink."""
    from jaring.accounts.services import user_create
    from jaring.funding.models import Sponsor

    free, member = (
        user_create(username=name, password="rahasia-sekali-2026", role="sponsor", region_code="33.28")
        for name in ("donor.tegal", "donor.linked")
    )
    Sponsor.objects.get(pk=sponsor_id).members.add(member)
    return {"sponsor_user": free.pk, "sponsor_member": member.pk}


def tegal_bills(user) -> dict[str, object]:
    """January 2026 billed for a Tegal programme of two members funded 90% APBD and 10% by the demo CSR
    sponsor (whose user is the sponsor persona), and a finished billing run of Tegal."""
    from decimal import Decimal

    from django.utils import timezone

    from jaring.billing.models import BillingRunJob
    from jaring.billing.payments import payment_record
    from jaring.billing.run import billing_run
    from jaring.billing.tests.cohort import enrol, make_programme
    from jaring.funding.models import Sponsor
    from jaring.registry.services import WorkerInput, worker_register

    workers = [
        worker_register(
            actor=user,
            data=WorkerInput(
                nik=nik, name="Siti Aminah", sex="F", village_code="33.28.01.2001", birth_date=date(1990, 3, 12)
            ),
        )
        for nik in ("3328015203900031", "3328015203900032")
    ]
    programme = make_programme([("apbd", "Pemkab Tegal", "90"), ("csr", "PT Tegal Makmur Logam", "10")])
    enrol(programme, workers)
    billing_run(actor=None, month=date(2026, 1, 1), today=date(2026, 12, 3))
    apbd = Sponsor.objects.get(name="Pemkab Tegal")
    job = BillingRunJob.objects.create(
        user=user, region_id="33.28", month=date(2026, 1, 1), status="done", created_at=timezone.now()
    )
    paid = payment_record(
        actor=None, sponsor=apbd, amount=Decimal(1000), paid_on=date(2026, 2, 2), proof="tidak-ada.pdf"
    ).payment
    return {"bill": apbd.bills.get().pk, "bill_sponsor": apbd.pk, "billing_job": str(job.pk), "payment": paid.pk}


def tegal_programme(user) -> dict[str, object]:
    """A Tegal programme whose budget bought one worker (proposed; a second worker waits outside it), a
    (queued, fileless) BPJS exchange job, a queued cohort job, a queued village list job and a queued
    reconciliation of it."""
    from decimal import Decimal

    from django.utils import timezone

    from jaring.billing.models_reconcile import ReconciliationRun
    from jaring.enrolment.models import CohortJob, DocumentJob, ExchangeJob
    from jaring.enrolment.services import cohort_enrol
    from jaring.funding.services import ProgrammeInput, programme_create
    from jaring.registry.services import WorkerInput, worker_register

    for nik in ("3328015203900001", "3328015203900002"):
        data = WorkerInput(nik=nik, name="Siti", sex="F", village_code="33.28.01.2001", birth_date=date(1990, 3, 12))
        worker_register(actor=user, data=data)
    inp = ProgrammeInput(
        region_code="33.28", name="P", segment="bpu", start=date(2027, 1, 1), months=12, budget=Decimal(201_600)
    )
    programme = programme_create(actor=None, inp=inp, today=date(2026, 12, 3))
    cohort_enrol(actor=None, programme=programme)
    now = timezone.now()
    exchange = ExchangeJob.objects.create(
        user=user, region_id="33.28", programme=programme, kind="export", created_at=now
    )
    cohort_job = CohortJob.objects.create(user=user, region_id="33.28", programme=programme, created_at=now)
    document_job = DocumentJob.objects.create(
        user=user, region_id="33.28", programme=programme, village_id="33.28.01.2001", full_nik=True, created_at=now
    )
    reconciliation = ReconciliationRun.objects.create(
        user=user, region_id="33.28", programme=programme, on=date(2027, 2, 1), created_at=now
    )
    return {
        "programme": programme.pk,
        "membership": programme.memberships.get().pk,
        "exchange": str(exchange.pk),
        "sponsor": programme.sponsors.get().sponsor_id,
        "cohort_job": cohort_job.pk,
        "document_job": document_job.pk,
        "reconciliation": str(reconciliation.pk),
    }


def tegal_move_request() -> int:
    """A Tegal worker that an import of Kabupaten Bekasi asked to move: Tegal decides, Bekasi may not."""
    from django.utils import timezone

    from jaring.regions.models import Region
    from jaring.registry.models import Worker, WorkerMoveRequest

    now = timezone.now()
    bekasi_village = Region.objects.filter(level=4, code__startswith="32.16.").order_by("code")[0]
    worker = Worker.objects.create(
        nik="3328015203900009", name="Siti", search_name="siti", sex="F", village_id="33.28.01.2001",
        created_at=now, updated_at=now,
    )  # fmt: skip
    return WorkerMoveRequest.objects.create(
        worker=worker, from_region_id="33.28.01.2001", to_village=bekasi_village, requested_region_id="32.16",
        proposed={"name": "Siti"}, created_at=now,
    ).pk  # fmt: skip
