"""Granting model permissions to role groups from data migrations (the groups come from `accounts.0002`)."""

from django.contrib.auth.management import create_permissions

STAFF_GROUPS = ["Editors", "Moderators"]


def grant(apps, *, permissions: list[tuple[str, str]], groups=STAFF_GROUPS) -> None:
    """Give `groups` the (app label, codename) `permissions`, creating permissions that do not exist yet."""
    for app_config in apps.get_app_configs():
        # Permissions are normally created after all migrations; a migration granting them needs them now.
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    found = [
        Permission.objects.get(content_type__app_label=app_label, codename=codename)
        for app_label, codename in permissions
    ]
    for group in Group.objects.filter(name__in=groups):
        group.permissions.add(*found)


def revoke(apps, *, permissions: list[tuple[str, str]], groups=STAFF_GROUPS) -> None:
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    found = Permission.objects.filter(
        content_type__app_label__in={app for app, _ in permissions},
        codename__in={codename for _, codename in permissions},
    )
    for group in Group.objects.filter(name__in=groups):
        group.permissions.remove(*found)
