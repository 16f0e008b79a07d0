from django.db import migrations

from cms.accounts import group_permissions

EDITOR_PERMISSIONS = [
    ("learning", f"{action}_{model}")
    for model in ("skill", "skillcategory")
    for action in ("add", "change", "delete")
] + [("simple_translation", "submit_translation")]


def grant(apps, schema_editor):
    """Editors and moderators maintain the skills framework and translate pages and snippets."""
    group_permissions.grant(apps, permissions=EDITOR_PERMISSIONS)


def revoke(apps, schema_editor):
    group_permissions.revoke(apps, permissions=EDITOR_PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [
        ("learning", "0001_initial"),
        ("simple_translation", "0001_initial"),
        ("wagtailcore", "0002_initial_data"),
        ("accounts", "0002_role_groups"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
