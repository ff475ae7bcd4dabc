"""Permission-table rows for the penilaian app's URLs (walked by mangbagja/tests/test_permissions.py), one module
per group of pages."""

from .permissions_capaian import ROWS as CAPAIAN
from .permissions_dialog import ROWS as DIALOG
from .permissions_dokumen import ROWS as DOKUMEN
from .permissions_evaluasi import ROWS as EVALUASI
from .permissions_periode import ROWS as PERIODE
from .permissions_siasn import ROWS as SIASN

ROWS = [*EVALUASI, *PERIODE, *CAPAIAN, *DIALOG, *DOKUMEN, *SIASN]
