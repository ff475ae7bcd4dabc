# The demo activities are tested on the kinerja app's fixed personas with their approved SKP (kinerja/tests).
from kinerja.tests.conftest import org, skp  # noqa: F401
