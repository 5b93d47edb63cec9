"""REST endpoints of cohorts, memberships and the exchange with BPJS (issue 10)."""

from __future__ import annotations

from ninja import Router

router = Router(tags=["kepesertaan"])
