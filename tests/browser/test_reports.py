"""An editor reads the Course and Questions reports in the admin, in English and in Indonesian: finds them in the
Reports menu, narrows the funnel to one language with the filters, and follows a flagged question to its editor."""

import re
from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import expect

from cms.accounts.roles import Role
from learning.models import LessonPage, ModulePage
from tests.factories import PASSWORD, UserFactory
from tests.learning import builders
from tests.learning.activity import learners, take, visit

CHOICES = [
    {"text": "Listen first", "correct": True, "feedback": "Yes."},
    {"text": "Delete the post", "feedback": "No."},
    {"text": "Ban the member", "feedback": "No."},
]


def course_with_activity():
    """Six learners read in English, five in Indonesian; the strongest third picks a distractor on question 3."""
    skill = builders.skill(indonesian="Komunikasi")
    course = builders.course(modules=1, lessons=3, skills=[skill])
    quiz = builders.add_quiz(
        ModulePage.objects.get(),
        title="Check yourself",
        questions=[
            builders.choice_question(prompt="First?"),
            builders.choice_question(prompt="Second?"),
            builders.choice_question(
                prompt="A member posts an angry complaint. What first?", choices=CHOICES
            ),
        ],
    )
    builders.translate_course(course)
    lessons = list(LessonPage.objects.filter(locale__language_code="en").order_by("path"))
    start = timezone.now() - timedelta(days=10)
    english, indonesian = learners(6), learners(5)
    for person in english:
        visit(person, lessons[0], at=start, done_after=timedelta(minutes=20))
        visit(person, lessons[1], at=start, done_after=timedelta(minutes=35))
    for person in indonesian:
        visit(person, lessons[0], at=start, done_after=timedelta(minutes=25), language="id")
    for person in english[:3]:
        take(person, quiz, [0, 0, 1])  # two right, then the distractor
    for person in [*english[3:], *indonesian]:
        take(person, quiz, [1, 1, 0])  # two wrong, then the key
    return quiz


def test_an_editor_reads_both_reports_in_english(page, site_pages, log_in, screenshot):
    quiz = course_with_activity()
    UserFactory(username="edi", roles=[Role.EDITOR], language="en")
    log_in("edi", PASSWORD)

    page.goto("/admin/")
    page.get_by_role("button", name="Reports").click()
    page.get_by_role("link", name="Course").click()

    expect(page.get_by_role("heading", name="Module 1")).to_be_visible()
    expect(page.get_by_text("11 learners started this module; 0 completed every lesson.")).to_be_visible()
    lesson_rows = page.locator("table.reports-table").first.locator("tbody tr")
    expect(lesson_rows.nth(0)).to_contain_text("1. Lesson 1.1 11 11 100% 45% 20 minutes")
    expect(page.locator("svg.funnel rect.funnel-started")).to_have_count(2)
    screenshot(page, "reports-course-en")

    # The filters narrow the funnel to learners reading in Indonesian, without reloading the page.
    page.get_by_role("button", name="Show filters").click()
    page.get_by_role("button", name="Language").click()
    page.get_by_label("Bahasa Indonesia").check()
    expect(lesson_rows.nth(0)).to_contain_text("1. Lesson 1.1 5 5 100%")
    expect(lesson_rows.nth(1)).to_contain_text("Fewer than 5 learners")
    assert "language=id" in page.url

    page.goto("/admin/reports/questions/")
    page.get_by_role("link", name="Check yourself").click()
    question = page.locator("article.reports-question").filter(
        has=page.get_by_role("heading", name=re.compile(r"^Question 3:"))
    )
    expect(question).to_contain_text("Distractor beats the key")
    expect(question).to_contain_text("The strongest third picked “Delete the post” (100%)")
    screenshot(page, "reports-questions-en")
    question.get_by_role("link", name="Edit question 3").click()
    # The editor opens at the question, far down the form.
    block = f"block-{quiz.question_list()[2].id}-section"
    expect(page).to_have_url(f"/admin/pages/{quiz.pk}/edit/#{block}")
    expect(page.locator(f"#{block}")).to_be_in_viewport()
    expect(page.locator("#id_title")).to_have_count(1)
    expect(page.locator("#id_title")).not_to_be_in_viewport()


def test_an_editor_reads_both_reports_in_indonesian(page, site_pages, log_in, screenshot):
    course_with_activity()
    UserFactory(username="eka", roles=[Role.EDITOR], language="id")
    log_in("eka", PASSWORD)

    page.goto("/admin/reports/course/")

    expect(page.get_by_role("heading", name="Module 1 (ID)")).to_be_visible()
    expect(page.get_by_role("columnheader", name="Mulai")).to_be_visible()
    expect(page.locator("table.reports-table").first.locator("tbody tr").nth(0)).to_contain_text("20 menit")
    # The bars are drawn: their coordinates keep a decimal point in Indonesian.
    expect(page.locator("svg.funnel rect.funnel-started").first).to_have_attribute("width", "320.0")
    screenshot(page, "reports-course-id")

    page.goto("/admin/reports/questions/")
    page.get_by_role("link", name="Check yourself (ID)").click()
    question = page.locator("article.reports-question").filter(
        has=page.get_by_role("heading", name=re.compile(r"^Soal 3:"))
    )
    expect(question).to_contain_text("Pengecoh mengalahkan kunci")
    expect(question.get_by_role("columnheader", name="Sepertiga terkuat")).to_be_visible()
    expect(
        page.get_by_role("heading", name=re.compile(r"^Komunikasi"))
    ).to_be_visible()  # the bank, in Indonesian
    screenshot(page, "reports-questions-id")
