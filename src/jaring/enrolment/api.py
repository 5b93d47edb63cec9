"""The enrolment app's REST router (issue 10): the plan and cohort, memberships, and the exchange with BPJS,
each in its own module. Every operation first reaches the programme through ``access_programme`` (another
region's programme is 404, as an unknown one); writes then need ``may_edit_programme`` (403)."""

from __future__ import annotations

from ninja import Router

from jaring.enrolment import api_exchange, api_memberships, api_plan

router = Router()
router.add_router("", api_plan.router)
router.add_router("", api_memberships.router)
router.add_router("", api_exchange.router)
