"""Approval snapshots kept the community type's label in the approver's language; keep its key instead, so an
approval reads the same in every language. Labels in either language map back to their key."""

from django.conf import settings
from django.db import migrations
from django.utils import translation

from portfolio.models import CommunityType


def labels_to_keys(apps, schema_editor):
    keys = {}
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            keys |= {str(label): key for key, label in CommunityType.choices}
    ProjectApproval = apps.get_model("portfolio", "ProjectApproval")
    for approval in ProjectApproval.objects.all():
        label = approval.snapshot.get("community_type")
        if label in keys:
            approval.snapshot["community_type"] = keys[label]
            approval.save(update_fields=["snapshot"])


class Migration(migrations.Migration):
    dependencies = [("portfolio", "0007_resume_export_task")]

    operations = [migrations.RunPython(labels_to_keys, migrations.RunPython.noop)]
