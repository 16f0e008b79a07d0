import os

from django.core.wsgi import get_wsgi_application

from cms.env_file import load_env_file

load_env_file()
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.production")

application = get_wsgi_application()
