"""Deployment switches in the settings: where uploads go."""

import importlib

import pytest

from cms.settings import base


@pytest.fixture
def reload_base(monkeypatch):
    def reload(**environment):
        for name, value in environment.items():
            monkeypatch.setenv(name, value)
        return importlib.reload(base)

    yield reload
    monkeypatch.undo()
    importlib.reload(base)


def test_uploads_stay_on_disk_without_a_bucket(reload_base, monkeypatch):
    monkeypatch.delenv("AWS_STORAGE_BUCKET_NAME", raising=False)
    assert reload_base().STORAGES["default"]["BACKEND"] == "django.core.files.storage.FileSystemStorage"


def test_uploads_go_to_s3_compatible_storage_when_a_bucket_is_named(reload_base):
    settings = reload_base(
        AWS_STORAGE_BUCKET_NAME="kelola-media", AWS_S3_ENDPOINT_URL="https://s3.example.org"
    )
    storage = settings.STORAGES["default"]
    assert storage["BACKEND"] == "storages.backends.s3.S3Storage"
    assert storage["OPTIONS"]["bucket_name"] == "kelola-media"
    assert storage["OPTIONS"]["endpoint_url"] == "https://s3.example.org"
    assert storage["OPTIONS"]["default_acl"] is None and storage["OPTIONS"]["querystring_auth"] is True
