from django.db import migrations


def create_homepage(apps, schema_editor):
    """Replace Wagtail's placeholder welcome page with Kelola's home page, as the default site's root.

    Also adds the Indonesian locale, so the home page and every other page can be translated.
    """
    ContentType = apps.get_model("contenttypes", "ContentType")
    Page = apps.get_model("wagtailcore", "Page")
    Site = apps.get_model("wagtailcore", "Site")
    HomePage = apps.get_model("cms", "HomePage")
    Locale = apps.get_model("wagtailcore", "Locale")
    english = Locale.objects.get(language_code="en")
    Locale.objects.get_or_create(language_code="id")

    page_type = ContentType.objects.get(model="page", app_label="wagtailcore")
    Page.objects.filter(content_type=page_type, slug="home", depth=2).delete()

    homepage_type, _ = ContentType.objects.get_or_create(model="homepage", app_label="cms")
    homepage = HomePage.objects.create(
        title="Kelola",
        draft_title="Kelola",
        slug="home",
        content_type=homepage_type,
        path="00010001",
        depth=2,
        numchild=0,
        url_path="/home/",
        locale=english,
        hero_heading="Learn to build and run communities",
        hero_text="A practical course, honest skill checks and a portfolio for aspiring community managers.",
    )
    Site.objects.create(hostname="localhost", root_page=homepage, is_default_site=True, site_name="Kelola")


def remove_homepage(apps, schema_editor):
    apps.get_model("cms", "HomePage").objects.filter(slug="home", depth=2).delete()


class Migration(migrations.Migration):
    dependencies = [("cms", "0001_initial")]

    operations = [migrations.RunPython(create_homepage, remove_homepage)]
