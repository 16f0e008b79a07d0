"""Taking a quiz: the form, submissions saved once and whole, the attempts policy, results and who may see them."""

import re
from datetime import timedelta
from html.parser import HTMLParser
from unittest import mock

import pytest
from django.urls import reverse
from django.utils import timezone

from learning.models import QuizAnswer, QuizAttempt
from learning.quizzes import AttemptHistory, attempts_of
from learning.scoring import Kind
from tests.learning import builders
from tests.learning.conftest import QUIZ_QUESTIONS
from tests.queries import page_queries

pytestmark = pytest.mark.django_db


def answers(quiz, *, number=1, skip=(), right=True, **overrides) -> dict:
    """POST data answering every question of `quiz` (rightly, or with the first wrong choice)."""
    data = {"attempt": number}
    for question in quiz.question_list():
        name = f"question-{question.id}"
        if question.kind in skip:
            continue
        if question.kind == Kind.REFLECTION:
            data[name] = "I will listen before I reply."
        elif question.kind == Kind.SELF_RATING:
            data[name] = "2"
        elif question.kind == Kind.MULTIPLE_CHOICE:
            data[name] = [c.id for c in question.choices if c.is_correct == right]
        else:
            best = question.best_choices()
            data[name] = best[0].id if right else next(c.id for c in question.choices if c not in best)
    data.update(overrides)
    return data


def checked_inputs(html: str) -> dict[str, list[str]]:
    """{name: values} of the radio buttons and checkboxes ticked in `html`."""
    ticked: dict[str, list[str]] = {}

    class Inputs(HTMLParser):
        def handle_starttag(self, tag, attrs):
            attributes = dict(attrs)
            if tag == "input" and "checked" in attributes:
                ticked.setdefault(attributes["name"], []).append(attributes["value"])

    Inputs().feed(html)
    return ticked


@pytest.fixture
def signed_in(client, learner):
    client.force_login(learner)
    return client


def test_the_quiz_page_never_carries_the_answers(signed_in, quiz):
    html = signed_in.get(quiz.url).content.decode()

    assert "Best first reply?" in html and "Acknowledge the problem" in html
    for secret in [
        "It shows you listened",
        "It sounds like a wall",
        "The idea.",
        "Respond where the problem",
        "Others see you care",
    ]:
        assert secret not in html
    assert "correct" not in html.lower().replace("incorrect", "")
    for rating in ['"best"', '"acceptable"', '"poor"', "data-rating", "data-correct"]:
        assert rating not in html


def test_questions_are_grouped_in_fieldsets_with_legends(signed_in, quiz):
    html = signed_in.get(quiz.url).content.decode()

    assert html.count('<fieldset class="quiz-question') == len(QUIZ_QUESTIONS)
    assert html.count('<legend class="card-header quiz-question-legend">') == len(QUIZ_QUESTIONS)
    assert 'type="checkbox"' in html and 'type="radio"' in html and "<textarea" in html


def test_a_complete_submission_saves_one_scored_attempt_and_shows_the_result(signed_in, learner, quiz):
    response = signed_in.post(quiz.url, answers(quiz))

    attempt = QuizAttempt.objects.get(user=learner)
    assert response.url == attempt.get_absolute_url()
    assert (attempt.number, attempt.score, attempt.passed) == (1, 100, True)
    assert attempt.answers.count() == len(QUIZ_QUESTIONS)
    rating = attempt.answers.get(kind=Kind.SELF_RATING)
    assert rating.self_rating == 2 and rating.skill.slug == "communication"
    assert attempt.answers.get(kind=Kind.REFLECTION).text == "I will listen before I reply."
    result = signed_in.get(response.url).content.decode()
    assert "100%" in result and "Passed" in result and "Score per skill" in result
    assert "Moderation" in result and "I will listen before I reply." in result


def test_missing_answers_rerender_with_a_clear_error_and_keep_every_answer(signed_in, learner, quiz):
    data = answers(quiz, skip={Kind.SCENARIO, Kind.MULTIPLE_CHOICE})

    response = signed_in.post(quiz.url, data)

    html = response.content.decode()
    assert response.status_code == 200
    assert not QuizAttempt.objects.exists()
    assert "2 questions need your attention. Your other answers are kept." in html
    assert 'href="#question-2"' in html and 'href="#question-4"' in html
    assert "Choose at least one answer." in html and "Answer this question." in html
    reflection = next(question for question in quiz.question_list() if question.kind == Kind.REFLECTION)
    assert checked_inputs(html) == {
        name: [str(value)]
        for name, value in data.items()
        if name.startswith("question-") and name != f"question-{reflection.id}"
    }
    assert "I will listen before I reply.</textarea>" in html


def test_a_choice_from_another_question_is_refused_with_an_error_not_a_crash(signed_in, quiz):
    first, second = quiz.question_list()[:2]
    data = answers(quiz, **{f"question-{first.id}": second.choices[0].id})

    response = signed_in.post(quiz.url, data)

    assert response.status_code == 200
    assert "That answer is not one of this question&#x27;s choices." in response.content.decode()
    assert not QuizAttempt.objects.exists()


def test_double_submit_records_one_attempt(signed_in, learner, quiz):
    data = answers(quiz)

    first = signed_in.post(quiz.url, data)
    second = signed_in.post(quiz.url, data)  # double click, or back and resubmit

    assert QuizAttempt.objects.filter(user=learner).count() == 1
    assert second.status_code == 302 and second.url == first.url


def test_two_tabs_opened_on_the_same_attempt_record_one(signed_in, learner, quiz):
    tab_one = answers(quiz, number=1)
    tab_two = answers(quiz, number=1, right=False)

    signed_in.post(quiz.url, tab_one)
    signed_in.post(quiz.url, tab_two)

    assert list(QuizAttempt.objects.values_list("number", "score")) == [(1, 100)]


def test_a_new_attempt_gets_the_next_number(signed_in, learner, quiz):
    signed_in.post(quiz.url, answers(quiz, number=1, right=False))
    assert 'name="attempt" value="2"' in signed_in.get(quiz.url).content.decode()
    signed_in.post(quiz.url, answers(quiz, number=2))

    history = AttemptHistory(list(attempts_of(learner, quiz)))
    assert [a.number for a in history.attempts] == [1, 2]
    assert history.best.number == 2 and history.latest.number == 2


def test_a_failing_save_leaves_no_half_written_attempt(signed_in, quiz):
    with (
        mock.patch.object(QuizAnswer.objects, "bulk_create", side_effect=RuntimeError("disk full")),
        pytest.raises(RuntimeError),
    ):
        signed_in.post(quiz.url, answers(quiz))

    assert not QuizAttempt.objects.exists() and not QuizAnswer.objects.exists()


def test_maximum_attempts_are_enforced(signed_in, learner, quiz):
    quiz.max_attempts = 1
    quiz.save_revision().publish()
    signed_in.post(quiz.url, answers(quiz, number=1, right=False))

    page = signed_in.get(quiz.url).content.decode()
    refused = signed_in.post(quiz.url, answers(quiz, number=2), follow=True)

    assert "You have used your only attempt at this quiz." in page
    assert 'id="quiz-form"' not in page
    assert "You have used your only attempt" in refused.content.decode()
    assert QuizAttempt.objects.filter(user=learner).count() == 1


def test_the_wait_starts_after_the_second_failed_attempt(signed_in, learner, quiz):
    quiz.cooldown_minutes = 60
    quiz.save_revision().publish()
    signed_in.post(quiz.url, answers(quiz, number=1, right=False))

    page = signed_in.get(quiz.url).content.decode()
    assert 'id="quiz-form"' in page and "You can try again in" not in page  # a first retry is free
    signed_in.post(quiz.url, answers(quiz, number=2, right=False))
    page = signed_in.get(quiz.url).content.decode()
    assert "You can try again in 59\xa0minutes, at " in page  # the seconds since submitting are gone
    assert "After two failed attempts, 1\xa0hour before the next" in page
    signed_in.post(quiz.url, answers(quiz, number=3))
    assert QuizAttempt.objects.filter(user=learner).count() == 2

    QuizAttempt.objects.update(submitted_at=timezone.now() - timedelta(minutes=61))
    signed_in.post(quiz.url, answers(quiz, number=3))
    assert QuizAttempt.objects.filter(user=learner).count() == 3


def test_no_wait_after_a_pass(signed_in, learner, quiz):
    quiz.cooldown_minutes = 60
    quiz.save_revision().publish()
    for number in (1, 2):
        signed_in.post(quiz.url, answers(quiz, number=number, right=False))
    QuizAttempt.objects.update(submitted_at=timezone.now() - timedelta(minutes=61))
    signed_in.post(quiz.url, answers(quiz, number=3))

    signed_in.post(quiz.url, answers(quiz, number=4))

    assert list(QuizAttempt.objects.filter(user=learner).values_list("number", "passed")) == [
        (1, False),
        (2, False),
        (3, True),
        (4, True),
    ]


def test_attempts_count_across_languages(signed_in, learner, quiz, indonesian):
    indonesian_quiz = indonesian[quiz.pk]
    signed_in.post(indonesian_quiz.url, answers(indonesian_quiz))

    html = signed_in.get(quiz.url).content.decode()

    assert 'name="attempt" value="2"' in html
    assert "Your attempts" in html


@pytest.mark.parametrize(
    ("reveal_when", "passed_first", "shows"),
    [
        ("immediately", False, True),
        ("after_passing", False, False),
        ("after_passing", True, True),
        ("never", True, False),
    ],
)
def test_the_reveal_policy_decides_what_a_result_shows(signed_in, quiz, reveal_when, passed_first, shows):
    quiz.reveal_when = reveal_when
    quiz.save_revision().publish()
    response = signed_in.post(quiz.url, answers(quiz, right=passed_first))

    html = signed_in.get(response.url).content.decode()

    assert ("Respond where the problem was raised." in html) is shows  # an explanation
    assert ("Right answer" in html) is shows
    assert ("Passed" in html) is passed_first  # pass or fail is always shown
    # The score and each answer's rightness show at once, whatever the moment for the right answers.
    assert "Score per skill" in html
    assert ("Not right" in html) is not passed_first


def test_after_passing_the_answers_show_once_the_last_attempt_is_used(signed_in, quiz):
    quiz.reveal_when = "after_passing"
    quiz.max_attempts = 2
    quiz.save_revision().publish()
    first = signed_in.post(quiz.url, answers(quiz, number=1, right=False))
    withheld = signed_in.get(first.url).content.decode()
    signed_in.post(quiz.url, answers(quiz, number=2, right=False))

    revealed = signed_in.get(first.url).content.decode()

    assert "Right answer" not in withheld
    assert "Not right" in withheld
    assert "once you have passed it or used all 2 attempts." in withheld
    assert "Right answer" in revealed
    assert "Respond where the problem was raised." in revealed
    assert "once you have passed it" not in revealed


def test_what_is_revealed_can_be_chosen_item_by_item(signed_in, quiz):
    quiz.reveal_correct_answer = False
    quiz.reveal_explanation = False
    quiz.save_revision().publish()
    response = signed_in.post(quiz.url, answers(quiz, right=False))

    html = signed_in.get(response.url).content.decode()

    assert "Not right" in html  # correctness is still shown
    assert "Right answer" not in html and "Best response" not in html
    assert "Respond where the problem was raised." not in html


def test_the_result_links_to_lessons_teaching_the_weakest_skill(signed_in, course, quiz):
    moderation = quiz.question_list()[1].skill
    module = course.get_children().first()
    lesson = builders.add_lesson(module.specific, "Handling trolls", skills=[moderation])
    first = quiz.question_list()[0]  # communication, answered right; every moderation question wrong
    data = answers(quiz, right=False, **{f"question-{first.id}": first.best_choices()[0].id})
    response = signed_in.post(quiz.url, data)

    html = signed_in.get(response.url).content.decode()

    assert "Strengthen your weakest skill: Moderation" in html
    assert f'href="{lesson.url}"' in html


def test_quiz_is_linked_from_its_module_and_after_its_last_lesson(client, learner, course, lessons, quiz):
    module = course.get_children().first()
    client.force_login(learner)

    module_html = client.get(module.url).content.decode()
    last_lesson_html = client.get(lessons[2].url).content.decode()
    first_lesson_html = client.get(lessons[0].url).content.decode()

    assert f'href="{quiz.url}"' in module_html
    assert "Check yourself" in last_lesson_html and f'href="{quiz.url}"' in last_lesson_html
    assert '<h1 id="lesson-title">Lesson 1.1</h1>' in first_lesson_html
    assert 'id="quiz-invite"' not in first_lesson_html


def test_a_quiz_can_follow_a_given_lesson(client, learner, course, lessons, quiz):
    quiz.follows_lesson = lessons[0]
    quiz.save_revision().publish()
    client.force_login(learner)

    assert 'id="quiz-invite"' in client.get(lessons[0].url).content.decode()
    last_lesson_html = client.get(lessons[2].url).content.decode()
    assert '<h1 id="lesson-title">Lesson 1.3</h1>' in last_lesson_html
    assert 'id="quiz-invite"' not in last_lesson_html


# Access control


def test_anonymous_visitors_are_invited_to_sign_up_and_cannot_submit(client, quiz):
    page = client.get(quiz.url).content.decode()
    submit = client.post(quiz.url, answers(quiz))

    assert f"/en/accounts/signup/?next={quiz.url}" in page and 'id="quiz-form"' not in page
    assert submit.status_code == 302 and submit.url.startswith("/en/accounts/login/")
    assert not QuizAttempt.objects.exists()


@pytest.fixture
def attempt(client, learner, quiz):
    client.force_login(learner)
    client.post(quiz.url, answers(quiz))
    client.logout()
    return QuizAttempt.objects.get(user=learner)


def test_anonymous_visitors_are_sent_to_log_in_for_a_result(client, attempt):
    response = client.get(attempt.get_absolute_url())
    assert response.status_code == 302 and response.url.startswith("/en/accounts/login/")


def test_the_owner_sees_their_result(client, learner, attempt):
    client.force_login(learner)
    assert client.get(attempt.get_absolute_url()).status_code == 200


@pytest.mark.parametrize("who", ["other_learner", "mentor", "editor", "superuser"])
def test_nobody_else_sees_a_learners_attempt(client, request, attempt, who):
    client.force_login(request.getfixturevalue(who))
    assert client.get(attempt.get_absolute_url()).status_code == 404


def test_another_learner_starts_their_own_history(client, other_learner, quiz, attempt):
    client.force_login(other_learner)
    html = client.get(quiz.url).content.decode()
    assert 'name="attempt" value="1"' in html and "Your attempts" not in html


# Query counts: constant in the number of questions


def test_quiz_and_result_pages_make_the_same_number_of_queries_whatever_the_number_of_questions(
    signed_in, course, quiz
):
    builders.skill("data-analysis", "Data analysis")
    module = course.get_children().last()
    long_quiz = builders.add_quiz(
        module,
        slug="long-quiz",
        questions=QUIZ_QUESTIONS * 3 + [builders.choice_question(skill="data-analysis")],
    )
    short_result = signed_in.post(quiz.url, answers(quiz)).url
    long_result = signed_in.post(long_quiz.url, answers(long_quiz)).url

    # Skills load once per question type (at most six), never once per question.
    assert page_queries(signed_in, quiz.url) == page_queries(signed_in, long_quiz.url) <= 30
    assert page_queries(signed_in, short_result) == page_queries(signed_in, long_result) <= 30


def test_dashboard_offers_the_baseline_until_it_is_taken(client, learner, course):
    baseline = builders.add_quiz(
        course, slug="where-do-i-stand", title="Where do I stand?", questions=QUIZ_QUESTIONS[:1], pass_mark=0
    )
    client.force_login(learner)

    before = client.get(reverse("dashboard")).content.decode()
    client.post(baseline.url, answers(baseline))
    after = client.get(reverse("dashboard")).content.decode()

    assert "Take the self-assessment" in before and f'href="{baseline.url}"' in before
    assert "Take the self-assessment" not in after and "Where do I stand?" in after


def test_dashboard_needs_an_account(client, db):
    response = client.get(reverse("dashboard"))
    assert response.status_code == 302 and response.url.startswith("/en/accounts/login/")


def test_rules_of_the_english_quiz_apply_in_indonesian(client, learner, quiz, indonesian):
    quiz_id = indonesian[quiz.pk]
    quiz.max_attempts = 1
    quiz.reveal_correct_answer = False
    quiz.save_revision().publish()
    quiz_id.refresh_from_db()
    # A stale copy on the translation must not matter: the original's rules are the ones served.
    type(quiz_id).objects.filter(pk=quiz_id.pk).update(max_attempts=None, reveal_correct_answer=True)
    quiz_id = type(quiz_id).objects.get(pk=quiz_id.pk)
    client.force_login(learner)

    assert quiz_id.rules.pk == quiz.pk
    assert quiz_id.reveal(has_passed=True, attempts_used=1).correct_answer is False
    response = client.post(quiz_id.url, answers(quiz_id))
    assert QuizAttempt.objects.get(user=learner).number == 1
    second = client.post(quiz_id.url, answers(quiz_id, number=2))
    assert second.status_code == 302
    assert QuizAttempt.objects.filter(user=learner).count() == 1
    assert response.url == QuizAttempt.objects.get(user=learner).get_absolute_url()


def test_publishing_the_original_copies_its_rules_to_the_translations(quiz, indonesian):
    quiz_id = indonesian[quiz.pk]
    quiz.max_attempts = 2
    quiz.reveal_when = "never"
    quiz.save_revision().publish()

    quiz_id.refresh_from_db()
    assert (quiz_id.max_attempts, quiz_id.reveal_when) == (2, "never")


def test_attempts_in_english_count_for_the_indonesian_quiz(client, learner, quiz, indonesian):
    quiz_id = indonesian[quiz.pk]
    quiz.max_attempts = 1
    quiz.save_revision().publish()
    client.force_login(learner)
    client.post(quiz.url, answers(quiz))

    html = client.get(quiz_id.url).content.decode()

    assert "Anda sudah menggunakan semua 1 percobaan untuk kuis ini." in html
    assert 'id="quiz-form"' not in html


def test_the_quiz_page_is_never_stored_and_its_form_is_not_restored(signed_in, quiz):
    response = signed_in.get(quiz.url)

    assert response["Cache-Control"] == "no-store"
    assert re.search(r"<form [^>]*autocomplete=\"off\"[^>]*id=\"quiz-form\"", response.content.decode())


def choices_in_page_order(html: str) -> list[tuple[str, str]]:
    return re.findall(r'name="(question-[^"]+)" value="([^"]+)"', html)


def test_both_languages_keep_a_draft_under_one_key_with_the_same_ids_in_the_same_order(
    client, learner, quiz, indonesian
):
    client.force_login(learner)

    english = client.get(quiz.url).content.decode()
    bahasa = client.get(indonesian[quiz.pk].url).content.decode()

    draft = f'data-quiz-draft="kelola-quiz-draft:{learner.pk}:{quiz.translation_key}:1"'
    assert draft in english and draft in bahasa
    assert '<script src="/static/js/quiz-draft.js" defer></script>' in bahasa
    assert len(choices_in_page_order(english)) == 3 + 5 + 2 + 3 + 5
    assert choices_in_page_order(bahasa) == choices_in_page_order(english)


def test_the_next_attempt_keeps_its_own_draft(signed_in, learner, quiz):
    signed_in.post(quiz.url, answers(quiz))

    html = signed_in.get(quiz.url).content.decode()

    assert f'data-quiz-draft="kelola-quiz-draft:{learner.pk}:{quiz.translation_key}:2"' in html


def marked_questions(html: str, marker: str) -> tuple[set[str], set[str]]:
    """The ids of the questions whose legend carries `marker`, and of those with an input the browser requires."""
    marked, with_attribute = set(), set()
    for fieldset in html.split('<fieldset class="quiz-question')[1:]:
        question_id = re.search(r'name="question-([^"]+)"', fieldset).group(1)
        if f'<span class="quiz-question-required small">{marker}</span>' in fieldset:
            marked.add(question_id)
        if re.search(r"<(input|textarea) [^>]*\brequired\b", fieldset):
            with_attribute.add(question_id)
    return marked, with_attribute


LANGUAGE_MARKERS = [("en", "(required)"), ("id", "(wajib)")]


@pytest.mark.parametrize(("language", "marker"), LANGUAGE_MARKERS)
def test_the_form_marks_exactly_the_questions_the_server_refuses_unanswered(
    client, learner, quiz, indonesian, language, marker
):
    page = quiz if language == "en" else indonesian[quiz.pk]
    ids = {question.kind: question.id for question in quiz.question_list()}
    client.force_login(learner)

    marked, with_attribute = marked_questions(client.get(page.url).content.decode(), marker)
    refused = client.post(page.url, {"attempt": 1})

    refused_ids = {field.field.question.id for field in refused.context["form"].unanswered()}
    assert refused_ids == {ids[kind] for kind in Kind if kind != Kind.REFLECTION}
    assert marked == refused_ids
    # A group of checkboxes has no HTML attribute for "at least one": its marker says it.
    assert with_attribute == refused_ids - {ids[Kind.MULTIPLE_CHOICE]}


@pytest.mark.parametrize(
    ("language", "blank"), [("en", "You left this blank."), ("id", "Anda tidak mengisi bagian ini.")]
)
def test_a_reflection_left_blank_is_accepted_and_shown_as_blank(
    client, learner, quiz, indonesian, language, blank
):
    page = quiz if language == "en" else indonesian[quiz.pk]
    client.force_login(learner)

    response = client.post(page.url, answers(quiz, skip={Kind.REFLECTION}), follow=True)

    attempt = QuizAttempt.objects.get(user=learner)
    assert attempt.answers.get(kind=Kind.REFLECTION).text == ""
    assert (
        f'<p class="answer-text text-body-secondary fst-italic mb-0">{blank}</p>' in response.content.decode()
    )


@pytest.mark.parametrize(
    ("language", "marker", "error"),
    [("en", "(required)", "Write a sentence or two."), ("id", "(wajib)", "Tulis satu atau dua kalimat.")],
)
def test_a_reflection_its_editor_requires_is_marked_and_refused_empty(
    client, learner, course, indonesian, language, marker, error
):
    module = course.get_children().first()
    english = builders.add_quiz(
        module,
        slug="reflect",
        pass_mark=0,
        questions=[{"reflection": {"skill": "communication", "prompt": "What changed?", "required": True}}],
    )
    page = english if language == "en" else builders.translate(english, title="Refleksi")
    question_id = english.question_list()[0].id
    client.force_login(learner)

    marked, with_attribute = marked_questions(client.get(page.url).content.decode(), marker)
    refused = client.post(page.url, {"attempt": 1, f"question-{question_id}": "  "})

    assert marked == with_attribute == {question_id}
    assert refused.context["form"].errors == {f"question-{question_id}": [error]}
    assert QuizAttempt.objects.count() == 0


def test_a_translation_shows_its_originals_rules_read_only(quiz, indonesian):
    from learning.forms import QuizPageForm

    form_class = type(quiz).get_edit_handler().get_form_class()
    form = form_class(instance=indonesian[quiz.pk], for_user=None)

    assert issubclass(form_class, QuizPageForm)
    assert form.fields["max_attempts"].disabled is True
    assert form.fields["pass_mark"].disabled is True
