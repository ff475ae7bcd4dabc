"""``manage.py demo_logins``: the demo accounts, their password and the address (printed by ``make run``)."""

from django.core.management.base import BaseCommand

from demo.akun import demo_logins, format_demo_logins


class Command(BaseCommand):
    help = "Tampilkan akun demo (satu per peran) beserta kata sandinya."

    def handle(self, *args, **options):
        self.stdout.write(format_demo_logins(demo_logins()))
