"""What the PostgreSQL benchmarks share: a throwaway database on the server, and Django set up on it."""

import os
import sys
from pathlib import Path
from urllib.parse import urlsplit

import psycopg
from psycopg import sql


def on_server(database_url: str, statement: str, *names: str) -> None:
    """Run `statement`, the database `names` in place of its {}, from the server's maintenance database."""
    server = urlsplit(database_url)._replace(path="/postgres").geturl()
    with psycopg.connect(server, autocommit=True) as connection:
        connection.execute(sql.SQL(statement).format(*map(sql.Identifier, names)))


def set_up_django(database_url: str) -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    os.environ["DJANGO_SETTINGS_MODULE"] = "cms.settings.test"
    os.environ["DATABASE_URL"] = database_url
    # The cache in this process's memory: emptying it must not empty a Redis database someone else is using.
    os.environ.pop("REDIS_URL", None)
    import django

    django.setup()
