from django.db import migrations

from cms.accounts import group_permissions

PERMISSIONS = [("portfolio", f"{action}_mentorship") for action in ("add", "change", "view")]


def grant(apps, schema_editor):
    """Editors and moderators assign mentors to learners (and end mentorships) in the admin."""
    group_permissions.grant(apps, permissions=PERMISSIONS)


def revoke(apps, schema_editor):
    group_permissions.revoke(apps, permissions=PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [
        ("portfolio", "0001_initial"),
        ("accounts", "0002_role_groups"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
