"""A learner takes a module quiz: misses a question, keeps their answers, and sees results per skill."""

import re

from playwright.sync_api import expect
from wagtail.models import Locale

from learning.models import QuizAttempt
from tests.browser.test_accessibility import violations
from tests.factories import PASSWORD, learner


def answer_every_question(page, *, skip: int | None = None):
    """Answer with the keyboard where it matters: focus the first choice and press Space."""
    for number, fieldset in enumerate(page.locator("fieldset.quiz-question").all(), start=1):
        if number == skip:
            continue
        textarea = fieldset.locator("textarea")
        if textarea.count():
            textarea.fill("Next time I will answer in public first, then follow up privately.")
            continue
        choice = fieldset.locator("input").first
        if not choice.is_checked():
            choice.focus()
            page.keyboard.press("Space")


def test_learner_takes_a_quiz_fixes_a_missed_question_and_sees_per_skill_results(
    page, curriculum, log_in, screenshot
):
    learner(username="sari", first_name="Sari")
    log_in("sari", PASSWORD)

    expect(page.get_by_role("heading", level=1)).to_have_text("Hello, Sari")
    expect(page.get_by_role("link", name="Take the self-assessment")).to_be_visible()
    screenshot(page, "dashboard-en")
    assert violations(page) == []

    page.get_by_role("link", name="The course").first.click()
    page.get_by_role("link", name="Moderation: keeping the community safe and fair").click()
    page.locator(".quiz-list").get_by_role("link").first.click()
    expect(page.locator("fieldset.quiz-question").first).to_be_visible()
    assert violations(page) == []

    answer_every_question(page, skip=3)
    first_choice = page.locator("fieldset.quiz-question").first.locator("input").first
    page.get_by_role("button", name="Submit answers").click()

    expect(page.get_by_text("1 question needs your attention. Your other answers are kept.")).to_be_visible()
    expect(page.get_by_role("link", name="Question 3")).to_be_visible()
    expect(first_choice).to_be_checked()
    expect(page.locator("textarea")).to_have_value(re.compile("answer in public first"))
    screenshot(page, "quiz-error-en")

    page.get_by_role("link", name="Question 3").click()
    page.locator("#question-3 input").first.check()
    page.get_by_role("button", name="Submit answers").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile("^Your result: "))
    expect(page.get_by_role("heading", name="Score per skill")).to_be_visible()
    expect(page.locator(".skill-scores li").first).to_contain_text("%")
    expect(page.get_by_role("link", name="Attempt 1")).to_be_visible()
    screenshot(page, "quiz-result-en")
    assert violations(page) == []

    page.get_by_role("button", name="Bahasa Indonesia").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile("^Hasil Anda: "))


def test_back_after_submitting_shows_a_fresh_unticked_form(page, curriculum, log_in):
    learner(username="budi", first_name="Budi")
    log_in("budi", PASSWORD)
    page.get_by_role("link", name="The course").first.click()
    page.get_by_role("link", name="Moderation: keeping the community safe and fair").click()
    page.locator(".quiz-list").get_by_role("link").first.click()
    answer_every_question(page)
    page.get_by_role("button", name="Submit answers").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile("^Your result: "))

    page.go_back()

    expect(page.locator("#quiz-form input[name=attempt]")).to_have_value("2")
    expect(page.locator("#quiz-form input:checked")).to_have_count(0)
    expect(page.locator("#quiz-form textarea")).to_have_value("")


def give_some_answers(page):
    """Tick the last choice of each single-answer question and the first and last of each multiple-answer one, type
    each reflection, and leave the third question unanswered: answers a language switch must not lose or move."""
    for number, fieldset in enumerate(page.locator("fieldset.quiz-question").all(), start=1):
        if number == 3:
            continue
        textarea = fieldset.locator("textarea")
        if textarea.count():
            textarea.fill("I would thank the member first, then explain the rule in private.")
            continue
        choices = fieldset.locator("input")
        choices.last.check()
        if fieldset.locator("input[type=checkbox]").count():
            choices.first.check()


def answers_in_form(page) -> dict:
    """The form's answers by question and choice id (field names and values), whatever the labels and order."""
    return page.eval_on_selector(
        "#quiz-form",
        """form => {
            const answers = {};
            for (const field of form.elements) {
                if (!field.name.startsWith("question-")) continue;
                if (field.type === "radio" || field.type === "checkbox") {
                    if (field.checked) (answers[field.name] ??= []).push(field.value);
                } else if (field.value) {
                    answers[field.name] = field.value;
                }
            }
            return answers;
        }""",
    )


def moderation_quiz_url(language: str) -> str:
    from learning.models import QuizPage

    english = QuizPage.objects.get(slug="moderation-quiz", locale__language_code="en")
    return english.get_translation(Locale.objects.get(language_code=language)).url


def test_switching_language_mid_quiz_keeps_the_answers_given_so_far(page, curriculum, log_in, screenshot):
    learner(username="rina", first_name="Rina")
    log_in("rina", PASSWORD)
    page.goto(moderation_quiz_url("en"))
    give_some_answers(page)
    given = answers_in_form(page)
    assert len(given) == 9  # ten questions, the third left unanswered

    page.get_by_role("button", name="Bahasa Indonesia").click()

    expect(page).to_have_url(re.compile(r"/id/"))
    expect(page.get_by_role("button", name="Kirim jawaban")).to_be_visible()
    assert answers_in_form(page) == given
    screenshot(page, "quiz-switched-to-id")

    page.get_by_role("button", name="English").click()

    expect(page).to_have_url(re.compile(r"/en/"))
    assert answers_in_form(page) == given
    page.locator("#question-3 input").first.check()
    given = answers_in_form(page)
    page.get_by_role("button", name="Submit answers").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile("^Your result: "))
    attempt = QuizAttempt.objects.get(user__username="rina")
    assert {
        f"question-{answer.question_id}": answer.selected or answer.text for answer in attempt.answers.all()
    } == {name: value if isinstance(value, str) else sorted(value) for name, value in given.items()}
    assert page.evaluate("Object.keys(sessionStorage)") == []


def test_switching_from_indonesian_to_english_after_a_refused_submission_keeps_the_answers(
    page, curriculum, log_in
):
    learner(username="dewi", first_name="Dewi")
    log_in("dewi", PASSWORD)
    page.goto(moderation_quiz_url("id"))
    give_some_answers(page)
    given = answers_in_form(page)
    # Sent with a question missing: the answers come back from the server, not from the draft of the sent form.
    page.get_by_role("button", name="Kirim jawaban").click()
    expect(page.get_by_role("link", name="Pertanyaan 3")).to_be_visible()

    page.get_by_role("button", name="English").click()

    expect(page.get_by_role("button", name="Submit answers")).to_be_visible()
    assert answers_in_form(page) == given
    expect(page.locator("#quiz-form textarea")).to_have_value(
        "I would thank the member first, then explain the rule in private."
    )


def asked_question_ids(page) -> list[str]:
    names = page.eval_on_selector_all(
        "#quiz-form [name^='question-']", "fields => fields.map(field => field.name)"
    )
    return list(dict.fromkeys(name.removeprefix("question-") for name in names))


def answer_drawn_questions(page, questions: dict, *, right: bool):
    """Answer the questions on the page from the quiz's key: all right, or all wrong (unscored ones as a learner would)."""
    for question_id in asked_question_ids(page):
        question = questions[question_id]
        field = f"#quiz-form [name='question-{question_id}']"
        if question.kind == "reflection":
            page.locator(field).fill("I would reply in public first.")
        elif question.kind == "self_rating":
            page.locator(f"{field}[value='2']").check()
        elif question.kind == "multiple_choice":
            for choice in question.choices:
                if choice.is_correct == right:
                    page.locator(f"{field}[value='{choice.id}']").check()
        else:
            keys = question.best_choices()
            choice = keys[0] if right else next(c for c in question.choices if c.credit == 0)
            page.locator(f"{field}[value='{choice.id}']").check()


def test_a_retake_asks_new_questions_and_the_answers_show_only_after_passing(
    page, curriculum, log_in, screenshot
):
    from learning.models import QuizPage

    quiz = QuizPage.objects.get(slug="moderation-quiz", locale__language_code="en")
    questions = {question.id: question for question in quiz.question_list()}
    scored = {question_id for question_id, question in questions.items() if question.is_scored}
    learner(username="wulan", first_name="Wulan")
    log_in("wulan", PASSWORD)
    page.goto(moderation_quiz_url("en"))
    first = asked_question_ids(page)
    answer_drawn_questions(page, questions, right=False)
    page.get_by_role("button", name="Submit answers").click()

    expect(page.get_by_role("heading", level=2, name="Your answers")).to_be_visible()
    expect(page.locator(".result-summary")).to_contain_text("Not passed yet")
    expect(page.get_by_text("Not right").first).to_be_visible()
    expect(page.get_by_text("Right answer", exact=True)).to_have_count(0)
    expect(page.get_by_text("Best response", exact=True)).to_have_count(0)
    expect(
        page.get_by_text("This quiz shows the right answers and explanations once you have passed it.")
    ).to_be_visible()
    screenshot(page, "quiz-result-before-passing-en")
    first_result = page.url

    page.get_by_role("link", name="Back to the quiz").click()
    second = asked_question_ids(page)
    assert len(set(first) & scored) == len(set(second) & scored) == 8
    assert set(first) & set(second) & scored == set()
    answer_drawn_questions(page, questions, right=True)
    page.get_by_role("button", name="Submit answers").click()

    expect(page.locator(".result-summary")).to_contain_text("Passed")
    expect(page.get_by_text("Right answer", exact=True).first).to_be_visible()
    screenshot(page, "quiz-result-after-passing-en")
    page.goto(first_result)
    expect(page.get_by_text("Right answer", exact=True).first).to_be_visible()
    page.goto(first_result.replace("/en/", "/id/"))
    expect(page.get_by_text("Jawaban benar", exact=True).first).to_be_visible()
    screenshot(page, "quiz-result-after-passing-id")
