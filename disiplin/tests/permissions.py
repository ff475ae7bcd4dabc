"""Permission-table rows for the disiplin app's URLs (walked by mangbagja/tests/test_permissions.py), one module per
group of pages."""

from .permissions_fakta import ROWS as FAKTA
from .permissions_hukuman import ROWS as HUKUMAN
from .permissions_presensi import ROWS as PRESENSI
from .permissions_satyalancana import ROWS as SATYALANCANA

ROWS = [*FAKTA, *PRESENSI, *HUKUMAN, *SATYALANCANA]
