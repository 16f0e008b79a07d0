"""Deployment switches in the settings: where uploads go; every variable they read is documented."""

import importlib
import os
import re
import sys

import pytest
from django.conf import settings as django_settings

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


class RecordingEnviron(dict):
    """The environment, noting the name of every variable looked up."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.read = set()

    def get(self, name, default=None):
        self.read.add(name)
        return super().get(name, default)

    def __getitem__(self, name):
        self.read.add(name)
        return super().__getitem__(name)

    def __contains__(self, name):
        self.read.add(name)
        return super().__contains__(name)


@pytest.fixture
def variables_read_by_the_settings(monkeypatch):
    """Loads the dev and production settings with a bucket named (so the S3 branch runs too)."""
    environ = RecordingEnviron(
        os.environ, SECRET_KEY="a-strong-key-" + "0123456789" * 5, AWS_STORAGE_BUCKET_NAME="kelola-media"
    )
    monkeypatch.setattr(os, "environ", environ)
    loaded = {name: sys.modules.get(name) for name in ("cms.settings.dev", "cms.settings.production")}
    importlib.reload(base)
    for name, module in loaded.items():
        importlib.reload(module) if module else importlib.import_module(name)
    # The entry points choose the settings; boto3 reads the storage credentials itself.
    yield environ.read | {"DJANGO_SETTINGS_MODULE", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"}
    monkeypatch.undo()
    importlib.reload(base)
    for name, module in loaded.items():
        if module is None:
            del sys.modules[name]


def test_env_example_and_the_readme_list_exactly_the_variables_the_settings_read(
    variables_read_by_the_settings,
):
    example = (django_settings.BASE_DIR / ".env.example").read_text()
    readme = (django_settings.BASE_DIR / "README.md").read_text()
    configuration = readme.split("## Configuration")[1].split("\n## ")[0]
    table_first_cells = re.findall(r"^\| ([^|]+) \|", configuration, flags=re.MULTILINE)

    assert set(re.findall(r"^(?:# )?([A-Z][A-Z0-9_]+)=", example, flags=re.MULTILINE)) == (
        variables_read_by_the_settings
    )
    assert (
        set(re.findall(r"`([A-Z][A-Z0-9_]+)`", "".join(table_first_cells))) == variables_read_by_the_settings
    )


TOOLBAR_MIDDLEWARE = "debug_toolbar.middleware.DebugToolbarMiddleware"


def test_the_tests_run_without_the_debug_toolbar():
    assert "debug_toolbar" not in django_settings.INSTALLED_APPS
    assert TOOLBAR_MIDDLEWARE not in django_settings.MIDDLEWARE


@pytest.mark.parametrize(("debug", "shown"), [("", True), ("false", False)])
def test_development_settings_show_the_debug_toolbar_while_debug_is_on(monkeypatch, debug, shown):
    pytest.importorskip("debug_toolbar", reason="in the dev extra")
    monkeypatch.setenv("DEBUG", debug)
    dev = importlib.reload(importlib.import_module("cms.settings.dev"))

    assert ("debug_toolbar" in dev.INSTALLED_APPS) is shown
    # Outermost, so that the anonymous page cache stores pages without the toolbar.
    assert (dev.MIDDLEWARE[0] == TOOLBAR_MIDDLEWARE) is shown
    assert (TOOLBAR_MIDDLEWARE in dev.MIDDLEWARE) is shown
    assert "debug_toolbar" not in base.INSTALLED_APPS
