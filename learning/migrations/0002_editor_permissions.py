from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITOR_PERMISSIONS = [
    ("learning", f"{action}_{model}")
    for model in ("skill", "skillcategory")
    for action in ("add", "change", "delete")
] + [("simple_translation", "submit_translation")]


def grant(apps, schema_editor):
    """Editors and moderators maintain the skills framework and translate pages and snippets."""
    for app_config in apps.get_app_configs():
        # Permissions are normally created after all migrations; this migration needs them now.
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = [
        Permission.objects.get(content_type__app_label=app_label, codename=codename)
        for app_label, codename in EDITOR_PERMISSIONS
    ]
    for group in Group.objects.filter(name__in=["Editors", "Moderators"]):
        group.permissions.add(*permissions)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group in Group.objects.filter(name__in=["Editors", "Moderators"]):
        group.permissions.remove(
            *Permission.objects.filter(content_type__app_label__in={app for app, _ in EDITOR_PERMISSIONS})
        )


class Migration(migrations.Migration):
    dependencies = [
        ("learning", "0001_initial"),
        ("simple_translation", "0001_initial"),
        ("wagtailcore", "0002_initial_data"),
        ("accounts", "0002_role_groups"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
