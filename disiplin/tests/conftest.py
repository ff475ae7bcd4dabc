import pytest


@pytest.fixture
def bukti_media(settings, tmp_path):
    """Uploads go to a temporary MEDIA_ROOT (the default storage follows the setting)."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return tmp_path / "media"
