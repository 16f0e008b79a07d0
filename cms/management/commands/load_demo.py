from django.core.management import BaseCommand, call_command

from cms.demo import (
    DEMO_PASSWORD,
    load_demo_accounts,
    load_demo_learner_history,
    load_demo_portfolio,
    load_demo_review,
    load_site_pages,
)
from learning.curriculum import load_curriculum, load_skills


class Command(BaseCommand):
    help = "Load Kelola's demo content and accounts. Safe to re-run: nothing is duplicated or overwritten."

    def handle(self, *args, **options):
        home = load_site_pages()
        load_skills()
        course = load_curriculum(home=home)
        users = load_demo_accounts()
        load_demo_learner_history(course=course)
        load_demo_portfolio()
        load_demo_review()
        call_command("update_index", verbosity=0)
        self.stdout.write(
            self.style.SUCCESS(f"Demo content loaded. Demo accounts (password: {DEMO_PASSWORD}):")
        )
        for user in users:
            roles = ", ".join(group.name for group in user.groups.all())
            self.stdout.write(f"  {user.username:<10} {roles or 'Superuser'}")
