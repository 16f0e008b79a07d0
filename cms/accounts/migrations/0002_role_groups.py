from django.db import migrations

# Editors and Moderators are created, with their admin permissions, by Wagtail's own migrations.
KELOLA_GROUPS = ["Learners", "Mentors"]


def create_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for name in KELOLA_GROUPS:
        Group.objects.get_or_create(name=name)


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=KELOLA_GROUPS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtailcore", "0002_initial_data"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
