#!/usr/bin/env python
import os
import sys


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mangbagja.settings")
    # On a developer checkout manage.py works with no environment at all: the development profile and the
    # embedded PostgreSQL under var/ (as `make run` uses). Production sets DEBUG=false and DATABASE_URL
    # explicitly; gunicorn (wsgi.py) and Celery never take these defaults.
    os.environ.setdefault("DEBUG", "true")
    if not os.environ.get("DATABASE_URL"):
        from mangbagja.devdb import ensure

        os.environ["DATABASE_URL"] = ensure("mangbagja")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
