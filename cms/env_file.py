"""The optional `.env` file beside manage.py: the settings' environment variables as KEY=value lines (see
.env.example), read by manage.py, wsgi.py and asgi.py before the settings."""

from pathlib import Path

from dotenv import load_dotenv

ENV_FILE = Path(__file__).resolve().parent.parent / ".env"


def load_env_file() -> None:
    """Put the file's variables into the environment, if the file exists; a variable already set wins."""
    if ENV_FILE.is_file():
        load_dotenv(ENV_FILE, override=False)
