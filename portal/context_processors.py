from django.conf import settings


def instansi(request):
    """The name of the government the portal serves, printed in the footer, the guide and e-mails."""
    return {"INSTANSI_NAMA": settings.INSTANSI_NAMA}
