import pytest


@pytest.fixture(autouse=True)
def _files_in_tmp(settings, tmp_path):
    """BPJS's lists, matched findings and payment proofs carry NIKs: a test writes them under its own
    temporary folder, never into the checkout's var/."""
    settings.VAR_DIR = tmp_path
