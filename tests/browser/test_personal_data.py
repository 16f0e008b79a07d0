"""Learners' pictures load through the views that check who asks; a learner deletes their account with the keyboard
alone, and the pages on the way pass axe-core's WCAG check."""

import io

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from playwright.sync_api import expect

from portfolio.models import ProjectImage
from tests import factories
from tests.browser.test_accessibility import violations
from tests.factories import learner


def test_a_learner_deletes_their_account_by_keyboard(page, site_pages, log_in):
    learner(username="lina")
    log_in("lina", "correct-horse-battery")
    page.goto("/id/accounts/me/")
    assert violations(page) == []
    page.get_by_role("link", name="Hapus akun saya").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Hapus akun saya")
    assert violations(page) == []

    page.get_by_label("Kata sandi Anda").focus()
    page.keyboard.type("wrong-password")
    page.keyboard.press("Enter")
    expect(page.get_by_text("Itu bukan kata sandi Anda.")).to_be_visible()
    expect(page.get_by_text("Centang kotaknya untuk memastikan Anda ingin menghapus akun.")).to_be_visible()
    assert violations(page) == []

    page.get_by_label("Kata sandi Anda").fill("correct-horse-battery")
    page.get_by_label("Saya mengerti bahwa akun saya beserta seluruh isinya akan dihapus selamanya.").press(
        "Space"
    )
    page.get_by_role("button", name="Hapus akun saya selamanya").press("Enter")
    expect(page.get_by_text("Akun Anda beserta seluruh isinya sudah dihapus. Sampai jumpa!")).to_be_visible()
    assert get_user_model().objects.filter(username="lina").count() == 0


def png() -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (300, 200), "teal").save(buffer, "PNG")
    return SimpleUploadedFile("picture.png", buffer.getvalue())


def test_the_portfolio_pictures_load_in_the_browser(page, site_pages, log_in, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    profile = factories.ProfileFactory(user=learner(username="lina"), photo=png())
    project = factories.ProjectFactory(profile=profile)
    ProjectImage.objects.create(project=project, image=png(), description="Game night")
    log_in("lina", "correct-horse-battery")
    page.goto("/en/portfolio/preview/")
    for image in (page.locator("img.portfolio-photo"), page.get_by_role("img", name="Game night")):
        expect(image).to_be_visible()
        assert image.evaluate("image => image.complete && image.naturalWidth") == 300
