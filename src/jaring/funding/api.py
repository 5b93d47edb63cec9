"""REST endpoints of sponsors, programmes and the planner (issue 10)."""

from __future__ import annotations

from ninja import Router

router = Router(tags=["program"])
