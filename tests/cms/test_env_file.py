"""The optional .env file: read before the settings by every entry point, never over a variable already set."""

import os
import runpy
import sys

import pytest
from django.conf import settings

from cms import env_file

FROM_FILE = "KELOLA_TEST_FROM_ENV_FILE"
SET_TWICE = "KELOLA_TEST_SET_TWICE"


@pytest.fixture
def dot_env(tmp_path, monkeypatch):
    """A .env file in place of the project's; the variables it sets are removed after the test."""
    path = tmp_path / ".env"
    monkeypatch.setattr(env_file, "ENV_FILE", path)
    yield path
    for name in (FROM_FILE, SET_TWICE):
        os.environ.pop(name, None)


def test_a_value_in_the_file_is_read(dot_env):
    dot_env.write_text(f"# a comment\n{FROM_FILE}=from the file\n")

    env_file.load_env_file()

    assert os.environ[FROM_FILE] == "from the file"


def test_the_environment_wins_over_the_file(dot_env, monkeypatch):
    dot_env.write_text(f"{SET_TWICE}=from the file\n")
    monkeypatch.setenv(SET_TWICE, "from the environment")

    env_file.load_env_file()

    assert os.environ[SET_TWICE] == "from the environment"


def test_without_the_file_nothing_changes(dot_env):
    before = dict(os.environ)

    env_file.load_env_file()

    assert dict(os.environ) == before


@pytest.mark.parametrize("entry_point", ["cms.wsgi", "cms.asgi"])
def test_the_app_servers_read_the_file(dot_env, entry_point):
    dot_env.write_text(f"{FROM_FILE}=from the file\n")

    runpy.run_module(entry_point)

    assert os.environ[FROM_FILE] == "from the file"


def test_manage_py_reads_the_file(dot_env, monkeypatch, capsys):
    dot_env.write_text(f"{FROM_FILE}=from the file\n")
    monkeypatch.setattr(sys, "argv", ["manage.py", "version"])

    runpy.run_path(str(settings.BASE_DIR / "manage.py"), run_name="__main__")

    assert os.environ[FROM_FILE] == "from the file"
    assert capsys.readouterr().out.strip().startswith("5.2")
