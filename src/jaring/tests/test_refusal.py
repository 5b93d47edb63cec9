"""The refusals of funding and enrolment share one base: a caller may catch any of them as Refused."""

from __future__ import annotations

import pytest

from jaring.enrolment.answer import AnswerRefused
from jaring.enrolment.exchange import ExchangeRefused
from jaring.enrolment.services import EnrolmentRefused
from jaring.funding.services import FundingRefused
from jaring.refusal import Refused


@pytest.mark.parametrize("kind", [FundingRefused, EnrolmentRefused, ExchangeRefused, AnswerRefused])
def test_each_refusal_is_a_refused_with_its_code_and_message(kind: type[Refused]) -> None:
    with pytest.raises(Refused) as caught:
        raise kind("COHORT.EMPTY", "Belum ada kepesertaan yang diusulkan.")
    assert type(caught.value) is kind
    assert (caught.value.code, caught.value.message) == ("COHORT.EMPTY", "Belum ada kepesertaan yang diusulkan.")
    assert str(caught.value) == "COHORT.EMPTY: Belum ada kepesertaan yang diusulkan."
    # Still a ValueError: the API's 400 handler and older callers keep catching it.
    assert isinstance(caught.value, ValueError)


def test_the_refusals_stay_distinct() -> None:
    others = (FundingRefused, EnrolmentRefused, AnswerRefused)
    assert not issubclass(ExchangeRefused, others)
    assert not any(issubclass(other, ExchangeRefused) for other in others)
