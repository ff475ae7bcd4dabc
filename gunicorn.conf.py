"""gunicorn's configuration for the portal (README "Produksi": ``gunicorn --config gunicorn.conf.py mangbagja.wsgi``).

gunicorn names itself in a ``Server: gunicorn`` header on every response and has no setting to change that: its
maintainers leave hiding it to the reverse proxy (benoitc/gunicorn#825; nginx drops the upstream's Server header,
and ``server_tokens off`` hides its own version). gunicorn reads the name, per response, from the module constant
``gunicorn.http.wsgi.SERVER``; emptying it here, before any worker starts, keeps a request that reaches gunicorn
directly from learning what serves it. mangbagja/tests/test_settings.py starts gunicorn with this file and reads the
header, so a gunicorn upgrade that moves the name fails there.
"""

import gunicorn.http.wsgi

gunicorn.http.wsgi.SERVER = ""
