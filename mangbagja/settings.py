"""Settings for Mang Bagja, read strictly from the environment (see README "Konfigurasi").

Every variable is parsed by ``mangbagja.env``; a malformed value stops start-up with a message naming it.
"""

import re
from pathlib import Path

from csp.constants import NONE, SELF

from .env import (
    ConfigError,
    env_bool,
    env_int,
    env_list,
    env_str,
    parse_database_url,
    parse_redis_url,
    read_secret_key,
)

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

DEBUG = env_bool("DEBUG", False)

SECRET_KEY = read_secret_key()
if not SECRET_KEY:
    if not DEBUG:
        raise ConfigError("SECRET_KEY (atau SECRET_KEY_FILE) wajib diisi bila DEBUG=false.")
    # Development only: a fixed key is fine because DEBUG sites are never exposed.
    SECRET_KEY = "dev-only-insecure-key-mangbagja-" + "x" * 32
elif not DEBUG and (len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5):
    # The thresholds of Django's own deployment check (security.W009), enforced at start-up: a short or repetitive
    # key makes signed cookies and password-reset links guessable.
    raise ConfigError(
        "SECRET_KEY (atau SECRET_KEY_FILE) terlalu lemah untuk produksi: paling sedikit 50 karakter dengan paling "
        "sedikit 5 karakter berbeda. Buat dengan: python -c 'import secrets; print(secrets.token_urlsafe(50))'"
    )

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

_database_url = env_str("DATABASE_URL")
if not _database_url:
    raise ConfigError(
        "DATABASE_URL belum diisi. Jalankan lewat `make run` / `make test` (yang menyalakan PostgreSQL "
        "tertanam di var/), atau isi DATABASE_URL=postgres://user@host:5432/nama."
    )
DATABASES = {"default": parse_database_url(_database_url)}
# Behind PgBouncer in transaction mode a server-side cursor (QuerySet.iterator, the exports' streaming) could land
# on another server connection between two fetches: read such results whole instead.
if env_bool("DATABASE_PGBOUNCER", False):
    DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    parse_redis_url(REDIS_URL)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_htmx",
    "django_filters",
    "import_export",
    "axes",
    # Its system checks refuse the settings format of django-csp 3 (CSP_* names) if one comes back.
    "csp",
    "pgtrigger",
    "pghistory",
    "pghistory.admin",
    "django_celery_beat",
    "portal",
    "pegawai",
    "skp",
    "kinerja",
    "penilaian",
    "disiplin",
    "rekap",
    "demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # The Content-Security-Policy header (CONTENT_SECURITY_POLICY below) on every response of the portal; the static
    # files WhiteNoise answers above it are not documents and need none.
    "csp.middleware.CSPMiddleware",
    # Refuses a request body over UNGGAH_MAKS_MB before anything reads it: above every middleware that may.
    "portal.unggah.BatasUnggahMiddleware",
    # Strips NUL and other control characters from every query parameter, form field and cookie (portal.teks).
    "portal.middleware.BersihkanMasukanMiddleware",
    # The request's memo of answers asked more than once (portal.ingat).
    "portal.ingat.IngatMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Inside SessionMiddleware (its response pass runs first): touches an active session once a minute at most.
    "portal.sesi.SegarkanSesiMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # A temporary password from the admin must be replaced before anything else.
    "pegawai.akun.WajibGantiSandiMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Records the acting user on every pghistory event written during the request (read when one is written).
    "portal.audit.HistoryMiddleware",
    # Last, as django-axes requires.
    "axes.middleware.AxesMiddleware",
]
# Turns the middleware's lazy acting user into its id when an event is written.
PGHISTORY_JSON_ENCODER = "portal.audit.AuditJSONEncoder"

ROOT_URLCONF = "mangbagja.urls"
WSGI_APPLICATION = "mangbagja.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "portal.context_processors.instansi",
                "pegawai.context_processors.portal",
            ],
        },
    },
]

AUTH_USER_MODEL = "pegawai.User"
# The person a portal record (the access log) is about; portal names it here instead of importing pegawai.
PORTAL_PERSON_MODEL = "pegawai.Pegawai"
AUTHENTICATION_BACKENDS = [
    # django-axes first, so a locked-out NIP is refused before its password is checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Django's rules, worded like the rest of the portal (pegawai/sandi.py).
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "pegawai.sandi.MiripDataDiriValidator"},
    {"NAME": "pegawai.sandi.PanjangMinimumValidator", "OPTIONS": {"min_length": 8}},
    {"NAME": "pegawai.sandi.SandiUmumValidator"},
    {"NAME": "pegawai.sandi.SandiInstansiValidator"},
    {"NAME": "pegawai.sandi.HanyaAngkaValidator"},
]
# Django's default hashers, plus the light one for random temporary passwords (pegawai/hashers.py). It is never
# first: a password a person chooses is always hashed with the default.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.BCryptSHA256PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
    "pegawai.hashers.SandiSementaraHasher",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "dashboard"
LOGOUT_REDIRECT_URL = "login"

# Login lockout (django-axes): N failures per NIP+IP lock that pair for AXES_COOLOFF_MINUTES.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5, minimum=1)
AXES_COOLOFF_TIME = env_int("AXES_COOLOFF_MINUTES", 30, minimum=1) / 60  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/lockout.html"
AXES_ENABLED = env_bool("AXES_ENABLED", True)
# Its start-up banner is printed by every process that loads Django (each manage.py command, the reloader and
# its child, worker and beat): useful once in a production log, noise on a developer's console.
AXES_VERBOSE = env_bool("AXES_VERBOSE", not DEBUG)
# The client address the lockout counts by (read by django-ipware). Reached directly, only the connection's own
# address (REMOTE_ADDR) counts: any client can write an X-Forwarded-For header. Behind BEHIND_PROXY every request
# comes from the proxy, so the proxy's address would lock a NIP for everyone; there each of the PROXY_JUMLAH proxies
# appends the address it was reached from to X-Forwarded-For (nginx: $proxy_add_x_forwarded_for), and the client is
# the entry the first proxy appended, PROXY_JUMLAH - 1 places from the right end. Whatever a client writes there
# itself stays further left and is never read (IPWARE_STRICT off: extra entries on the left do not void the header).
# REMOTE_ADDR is no fallback there: ipware prefers a public address over a private one, and the proxy's would win
# over an intranet client's.
BEHIND_PROXY = env_bool("BEHIND_PROXY", False)
PROXY_JUMLAH = env_int("PROXY_JUMLAH", 1, minimum=1)
if BEHIND_PROXY:
    AXES_IPWARE_META_PRECEDENCE_ORDER = ("HTTP_X_FORWARDED_FOR",)
    AXES_IPWARE_PROXY_COUNT = PROXY_JUMLAH - 1
    IPWARE_STRICT = False
else:
    AXES_IPWARE_META_PRECEDENCE_ORDER = ("REMOTE_ADDR",)

# Sessions expire after SESSION_IDLE_MINUTES without a request (shared office PCs are common).
SESSION_COOKIE_AGE = env_int("SESSION_IDLE_MINUTES", 60, minimum=5) * 60
# Not SESSION_SAVE_EVERY_REQUEST: portal.sesi.SegarkanSesiMiddleware refreshes an active session at most once a minute,
# so the idle timeout holds without a database write per request.
SESSION_SAVE_EVERY_REQUEST = False
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True

LANGUAGE_CODE = "id"
LANGUAGES = [("id", "Bahasa Indonesia")]
TIME_ZONE = "Asia/Jakarta"
USE_I18N = True
USE_TZ = True
# Off: with it every integer (years, ids in URLs built by hand) would print as "2.026". Counts that need
# grouping use humanize's intcomma, which follows the Indonesian locale ("1.234").
USE_THOUSAND_SEPARATOR = False

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# Uploads are kept in memory up to this size; larger uploads go to a temporary file.
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
# Django's own limits cover the form fields only (not the files): 5 MB of text, 1,000 fields, 100 files.
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
IMPORT_MAX_UPLOAD_MB = env_int("IMPORT_MAX_UPLOAD_MB", 20, minimum=1)
# The whole request body, files included, refused with 413 before it is read (portal.unggah). The largest legitimate
# request is the 40 MB attendance import (disiplin) and the evidence form's photo plus file; the reverse proxy's own
# limit (nginx client_max_body_size) must be the same.
UNGGAH_MAKS_MB = env_int("UNGGAH_MAKS_MB", 50, minimum=1)
if UNGGAH_MAKS_MB <= IMPORT_MAX_UPLOAD_MB:
    raise ConfigError(
        f"UNGGAH_MAKS_MB={UNGGAH_MAKS_MB} harus lebih besar dari IMPORT_MAX_UPLOAD_MB={IMPORT_MAX_UPLOAD_MB}: satu "
        "permintaan memuat berkas impor ditambah isian formulirnya."
    )

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "portal.cache.RedisCache",
            "LOCATION": REDIS_URL,
            # A Redis that does not answer costs a request a second at most, not the system's TCP timeout.
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
    # Every logged-in request reads its session: from Redis (one round trip, shared by every web process, so a
    # logout anywhere ends it everywhere) with the row in PostgreSQL behind it, written as before at most once a
    # minute. When Redis cannot be read, sessions are read from the database (portal.sesi.SessionStore).
    SESSION_ENGINE = "portal.sesi"
else:
    # Without Redis each process would cache in its own memory and a logout would not reach the others.
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Celery: with a broker (REDIS_URL, or CELERY_BROKER_URL) a real worker runs the tasks; without one they run eagerly
# in-process.
# CELERY_BROKER_URL may name another Redis database than the cache's, so clearing the cache never touches the queues.
CELERY_BROKER_URL = env_str("CELERY_BROKER_URL") or REDIS_URL or "memory://"
if env_str("CELERY_BROKER_URL"):
    parse_redis_url(CELERY_BROKER_URL, "CELERY_BROKER_URL")
# No result store: what a task produced is in the database (a Pekerjaan row, notifications, facts), and a result
# backend would make every publish wait ~20 s for Redis when it is down.
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ALWAYS_EAGER = CELERY_BROKER_URL == "memory://"
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_TIME_LIMIT = env_int("CELERY_TASK_TIME_LIMIT", 30 * 60, minimum=10)
CELERY_TASK_SOFT_TIME_LIMIT = CELERY_TASK_TIME_LIMIT - 5
CELERY_WORKER_MAX_TASKS_PER_CHILD = 200
# Recovery after a crash (portal.jobs): every task is idempotent, so a message is acknowledged only when its task
# returns, and one whose worker process died is given back to the queue at once. Redis redelivers a message nobody
# acknowledged after the visibility timeout, which must exceed the longest task or a running task would be
# delivered twice. One message reserved per process: the tasks are long, a second one would wait behind the first.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# A request that queues a job gives up on an unreachable broker within a few seconds (the job row stays waiting
# and the sweeper publishes it later) instead of hanging the page; the socket timeout also ends a publish on a
# connection the broker's host dropped without closing it (the worker's own polls answer within a second).
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": CELERY_TASK_TIME_LIMIT + 10 * 60,
    "socket_connect_timeout": 2,
    "socket_timeout": 10,
}
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 2, "interval_start": 0, "interval_step": 0.3, "interval_max": 0.5}
# A worker started before Redis keeps trying to connect (Celery's behaviour, stated so it does not warn).
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
# A job (Pekerjaan) waiting or running without a sign of life for this long is queued again by the sweeper (beat,
# every minute), and marked failed once it has been started this many times (portal.jobs).
PEKERJAAN_BASI_MENIT = env_int("PEKERJAAN_BASI_MENIT", 5, minimum=1)
PEKERJAAN_MAKS_PERCOBAAN = env_int("PEKERJAAN_MAKS_PERCOBAAN", 3, minimum=1)

# E-mail: SMTP when EMAIL_HOST is set, otherwise printed to the console (development).
EMAIL_HOST = env_str("EMAIL_HOST")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = env_int("EMAIL_PORT", 587, minimum=1)
    EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "mangbagja@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Security headers. Production (DEBUG=false) runs behind HTTPS; `check --deploy` passes with these.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CSRF_COOKIE_HTTPONLY = False  # htmx reads the token from the template, not the cookie
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000, minimum=0)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
    if BEHIND_PROXY:
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Content-Security-Policy (django-csp): the browser runs, styles and loads only what the portal serves itself. Every
# script and stylesheet is a static file (static/vendor, no CDN), so no inline script, inline style or eval is
# allowed: an injected <script> or style="…" does nothing. Bootstrap draws its icons (select arrows, close buttons)
# from data: URIs in its CSS, hence img-src data:. PDFs are rendered by WeasyPrint on the server, not by the browser.
# Django's admin works under it (mangbagja/tests/test_keamanan.py walks it in a browser); the one thing refused there
# is django-celery-beat's inline script on the periodic-task form, which only hides its "Crontab translation" row.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# The one Pemda this deployment serves (printed on pages and documents).
INSTANSI_NAMA = env_str("INSTANSI_NAMA", "Pemerintah Kota Bandung")
INSTANSI_KOTA = env_str("INSTANSI_KOTA", "Bandung")
# The portal's public address, for links in e-mails (reminders); empty gives relative links.
PORTAL_URL = env_str("PORTAL_URL", "")
# The kepala daerah (NON ASN) is the pejabat penilai of the top JPT (Sekretaris Daerah); admin BKPSDM records the
# decision on their behalf. An empty name prints only the jabatan.
KEPALA_DAERAH_JABATAN = env_str("KEPALA_DAERAH_JABATAN", "Wali Kota Bandung")
KEPALA_DAERAH_NAMA = env_str("KEPALA_DAERAH_NAMA", "")
# The SKP is set (approved) by this day of January for the whole year, or within this many days of the start of a
# later period (a new TMT jabatan, a Plt/Plh); an SKP not approved by then counts as late (skp.rules.tenggat_skp).
SKP_TENGGAT_JANUARI = env_int("SKP_TENGGAT_JANUARI", 31, minimum=1)
if SKP_TENGGAT_JANUARI > 31:
    raise ConfigError(f"SKP_TENGGAT_JANUARI={SKP_TENGGAT_JANUARI!r}: tanggal Januari paling besar 31.")
SKP_TENGGAT_HARI_TMT = env_int("SKP_TENGGAT_HARI_TMT", 30, minimum=0)
# The periodic evaluation the instansi chose (PermenPANRB 6/2022): bulanan, triwulanan or semesteran; the annual
# evaluation always exists beside it.
PENILAIAN_PERIODE = env_str("PENILAIAN_PERIODE", "triwulanan")
if PENILAIAN_PERIODE not in ("bulanan", "triwulanan", "semesteran"):
    raise ConfigError(f"PENILAIAN_PERIODE={PENILAIAN_PERIODE!r}: pilih bulanan, triwulanan atau semesteran.")
# Working hours the attendance machines are measured against (late arrival, early leave); "HH:MM".
DISIPLIN_JAM_MASUK = env_str("DISIPLIN_JAM_MASUK", "07:30")
DISIPLIN_JAM_PULANG = env_str("DISIPLIN_JAM_PULANG", "16:00")
for _nama, _jam in (("DISIPLIN_JAM_MASUK", DISIPLIN_JAM_MASUK), ("DISIPLIN_JAM_PULANG", DISIPLIN_JAM_PULANG)):
    if not re.fullmatch(r"([01]\d|2[0-3]):[0-5]\d", _jam):
        raise ConfigError(f"{_nama}={_jam!r}: tulis jam sebagai JJ:MM, misalnya 07:30.")
if DISIPLIN_JAM_PULANG <= DISIPLIN_JAM_MASUK:
    raise ConfigError("DISIPLIN_JAM_PULANG harus setelah DISIPLIN_JAM_MASUK.")
# Whether admin OPD may record and cancel hukuman disiplin for pegawai of their own OPD (else admin BKPSDM only).
DISIPLIN_ADMIN_OPD_HUKUMAN = env_bool("DISIPLIN_ADMIN_OPD_HUKUMAN", False)
# Hours a recap export file (XLSX/CSV of personal data) is kept before the hourly sweep deletes it (rekap.exports).
REKAP_EKSPOR_SIMPAN_JAM = env_int("REKAP_EKSPOR_SIMPAN_JAM", 24, minimum=1)


LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    # Django gives its "django" logger a console handler of its own when DEBUG and lets it propagate to the root
    # as well, so every message (the reloader's "Watching for file changes") was printed twice. One route: root.
    "loggers": {"django": {"handlers": []}},
}
