import pytest


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Every portfolio test stores its files (photos, pictures, résumé PDFs) in a folder of its own."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT
