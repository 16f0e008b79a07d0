#!/usr/bin/env python
import os
import sys

from cms.env_file import load_env_file

if __name__ == "__main__":
    load_env_file()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
