class BillingRefused(ValueError):
    """Input the billing services will not act on: a code for machines and an Indonesian message."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message
