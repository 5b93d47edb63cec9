"""Two cohorts enrolled at the same moment for the same workers: the database lets only one fund them.

Real processes on a committed database of the test's own: both plan while nobody is covered yet, then
both write. PostgreSQL's exclusion constraint makes the second writer wait for the first and fail;
SQLite's single writer makes the second wait and then find everyone covered. Either way no worker is
funded twice and nothing of the losing cohort is half-written.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from typing import Any

SETUP = """
from datetime import date
from jaring.cli import _django_setup
_django_setup()
from jaring.accounts.services import user_create
from jaring.funding.services import ProgrammeInput, programme_create
from jaring.registry.services import WorkerInput, worker_register
user = user_create(username="op", password="kata-sandi-panjang-2026", role="operator", region_code="33.28")
for i in range(1, 21):
    worker_register(actor=user, data=WorkerInput(nik=f"332801520390{i:04d}", name=f"Siti {i}", sex="F",
                    village_code="33.28.01.2001", birth_date=date(1990, 3, 12)))
ids = [programme_create(actor=None, inp=ProgrammeInput(region_code="33.28", name=name, segment="bpu",
       start=date(2029, 1, 1), months=12)).pk for name in ("APBD 2027", "CSR 2027")]
print(" ".join(map(str, ids)))
"""

# Both processes plan, then wait long enough that both have planned before either writes.
ENROL = """
import json, sys, time
from jaring.cli import _django_setup
_django_setup()
from jaring.enrolment import services
from jaring.funding.models import Programme
real = services.plan_programme
def slow(*args, **kwargs):
    plan = real(*args, **kwargs)
    time.sleep(3)
    return plan
services.plan_programme = slow
try:
    print(json.dumps(services.cohort_enrol(actor=None, programme=Programme.objects.get(pk=int(sys.argv[1]))).as_json()))
except services.EnrolmentRefused as exc:
    print(json.dumps({"refused": exc.code}))
"""


def _python(code: str, *args: str, env: dict[str, str]) -> str:
    done = subprocess.run(
        [sys.executable, "-c", code, *args], env=env, capture_output=True, text=True, timeout=300, check=False
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout.strip()


def test_two_concurrent_cohorts_fund_each_worker_once(tmp_path, own_database):
    url, query = own_database
    env = {**os.environ, "DATABASE_URL": url, "JARING_HOME": str(tmp_path), "JARING_ENV": "development"}
    _python("from jaring.cli import main; main()", "setup", env=env)
    first, second = _python(SETUP, env=env).split()
    runs = [
        subprocess.Popen([sys.executable, "-c", ENROL, pid], env=env, stdout=subprocess.PIPE, text=True)
        for pid in (first, second)
    ]
    answers: list[dict[str, Any]] = [json.loads(run.communicate(timeout=120)[0]) for run in runs]

    assert query("SELECT count(*) FROM enrolment_membership") == [(20,)]
    assert query("SELECT count(DISTINCT worker_id) FROM enrolment_membership") == [(20,)]
    winners = [a for a in answers if a.get("proposed") == 20]
    losers = [a for a in answers if a not in winners]
    assert len(winners) == 1, answers
    # PostgreSQL: the second write is refused whole; SQLite: the second waits, then finds all covered.
    assert losers[0] in ({"refused": "MEMBERSHIP.OVERLAP"}, {"proposed": 0, "blocked": {"COVERED.ALREADY": 20}})
