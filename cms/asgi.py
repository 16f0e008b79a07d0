import os

from django.core.asgi import get_asgi_application

from cms.env_file import load_env_file

load_env_file()
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.production")

application = get_asgi_application()
