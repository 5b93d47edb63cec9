from jaring.billing.models import BillingRunJob


def stage_label(stage: str) -> str:
    return str(BillingRunJob.STAGES.get(stage, stage))
