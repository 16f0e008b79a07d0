from django.core.management import BaseCommand, call_command

from cms.demo import DEMO_PASSWORD, load_demo_accounts, load_site_pages


class Command(BaseCommand):
    help = "Load Kelola's demo content and accounts. Safe to re-run: nothing is duplicated or overwritten."

    def handle(self, *args, **options):
        load_site_pages()
        users = load_demo_accounts()
        call_command("update_index", verbosity=0)
        self.stdout.write(
            self.style.SUCCESS(f"Demo content loaded. Demo accounts (password: {DEMO_PASSWORD}):")
        )
        for user in users:
            roles = ", ".join(group.name for group in user.groups.all())
            self.stdout.write(f"  {user.username:<10} {roles or 'Superuser'}")
