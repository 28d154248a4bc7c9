"""A learner in Chromium getting unstuck, reading their progress, and on a 390 px phone."""

import datetime
import re

import pytest
import test_browser
from django.contrib.auth.models import User
from playwright.sync_api import expect

from curriculum.models import Exercise
from learning.models import HintsRevealed, SolutionView, Submission

page = test_browser.page  # the Chromium fixture

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(page, live_server, username="ada"):
    User.objects.create_user(username, password="a-long-pass-phrase")
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill("a-long-pass-phrase")
    page.get_by_role("button", name="Log in").click()
    return User.objects.get(username=username)


def verdict(user, exercise, status, message=""):
    return Submission.objects.create(
        user=user,
        exercise=exercise,
        code="x",
        state="done",
        status=status,
        result={"status": status, "message": message, "tests": []},
    )


def test_a_stuck_learner_reads_hints_the_lesson_then_the_solution_and_moves_on(live_server, page, synced):
    user = log_in(page, live_server)
    first, second = Exercise.objects.filter(topic_id="CA2").order_by("order", "slug")[:2]
    for _ in range(3):
        verdict(user, first, "failed", "3 of 4 tests failed.")
    page.goto(f"{live_server.url}{first.get_absolute_url()}")
    expect(page.locator("#result")).to_contain_text("3 of 4 tests failed.")  # the last verdict, on return

    n = len(first.hints_html)
    expect(page.get_by_text(f"Hint 2 of {n}")).to_be_hidden()  # one at a time
    page.get_by_text(f"Hint 1 of {n}").click()
    expect(page.get_by_text(f"Hint 2 of {n}")).to_be_visible()
    with page.expect_response(lambda r: r.request.post_data == "hint=2") as opened:
        page.get_by_text(f"Hint 2 of {n}").click()  # kept on the server, as `groundwork hint` opens them
    assert opened.value.status == 204 and HintsRevealed.objects.get(user=user, exercise=first).count == 2

    page.get_by_text("Lesson: CA2").click()
    expect(page.locator(".lesson-panel .lesson")).to_be_visible()

    page.get_by_role("button", name="Show the solution anyway").click()
    expect(page.locator(".solution-code")).to_be_visible()
    assert SolutionView.objects.filter(user=user, exercise=first).count() == 1

    verdict(user, first, "passed")
    page.reload()
    expect(page.locator("details.hint[open]")).to_have_count(2)  # the hints opened stay open
    page.get_by_role("link", name=f"Next exercise: {second.title}").click()
    expect(page.locator("h1")).to_have_text(second.title)


def test_the_topic_page_says_what_mastery_needs_and_updates_as_the_quiz_is_answered(live_server, page, synced):
    from curriculum.models import QuizQuestion

    user = log_in(page, live_server)
    for exercise in Exercise.objects.filter(topic_id="NP2", required=True, retired=False):
        verdict(user, exercise, "passed")
    total = QuizQuestion.objects.filter(topic_id="NP2", retired=False).count()
    page.goto(f"{live_server.url}/topics/NP2/")
    progress = page.locator("#topic-progress")
    expect(progress).to_contain_text(f"quiz 0/{total}")
    expect(progress).to_contain_text(f"To master it: {total} quiz questions to answer right")

    question = QuizQuestion.objects.filter(topic_id="NP2", retired=False).exclude(choices=[]).first()
    form = page.locator(f"#question-{question.slug}")
    form.locator("input[type=radio]").nth(int(question.answer)).check()
    form.get_by_role("button", name="Check").click()
    expect(form.locator(".feedback")).to_contain_text("Right.")
    expect(progress).to_contain_text(f"quiz 1/{total}")  # no reload


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio of two CSS rgb() colours."""

    def luminance(rgb):
        values = [int(v) / 255 for v in rgb[rgb.index("(") + 1 : rgb.index(")")].split(",")[:3]]
        lin = [v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4 for v in values]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    hi, lo = sorted([luminance(a), luminance(b)], reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_the_map_fits_its_column_reads_at_11_px_marks_the_goal_and_tells_every_state_apart(live_server, page, synced):
    from datetime import timedelta

    from django.utils import timezone

    user = log_in(page, live_server)
    first, *rest = Exercise.objects.filter(topic_id="PY1", required=True, retired=False)
    for exercise in (first, *rest):  # PY1 mastered ten days ago: its review is due
        verdict(user, exercise, "passed")
    Submission.objects.filter(user=user).update(created_at=timezone.now() - timedelta(days=10))
    verdict(user, Exercise.objects.filter(topic_id="PY2").first(), "passed")  # PY2 in progress
    page.goto(f"{live_server.url}/map/")

    svg = page.locator(".map svg")
    box = page.locator(".map-scroll")
    width = svg.evaluate("s => s.getBoundingClientRect().width")
    assert width <= box.evaluate("b => b.clientWidth") + 1  # no sideways scroll inside the map
    scale = svg.evaluate("s => s.getBoundingClientRect().width / s.viewBox.baseVal.width")
    font = float(page.locator(".map text").first.get_attribute("font-size"))
    assert font * scale >= 11, f"labels are {font * scale:.1f} px"

    goal = page.locator(".map .goal")
    expect(goal).to_have_count(1)
    g, b = goal.bounding_box(), box.bounding_box()
    middle = g["y"] + g["height"] / 2
    assert b["y"] < middle < b["y"] + b["height"]  # scrolled into view inside the map's box
    assert page.locator(".map .edge.on-path").count() > 0

    page_bg = page.evaluate("getComputedStyle(document.body).backgroundColor")
    looks = {}
    for state, topic, icon in [
        ("review-due", "PY1", "↻"),
        ("in-progress", "PY2", "◐"),
        ("available", "NP1", "○"),
        ("locked", "EI2", "⊘"),
    ]:
        node = page.locator(f"#topic_{topic}")
        expect(node).to_have_class(re.compile(rf"\bstate-{state}\b"))
        expect(node.locator("text").first).to_have_text(re.compile(rf"^{icon} {topic}"))
        fill, stroke = node.locator("path, polygon").first.evaluate(
            "e => [getComputedStyle(e).fill, getComputedStyle(e).stroke]"
        )
        assert max(contrast(fill, page_bg), contrast(stroke, page_bg)) >= 3, (state, fill, stroke)
        looks[state] = fill
    assert len(set(looks.values())) == len(looks), looks  # every state its own fill
    expect(page.get_by_role("navigation", name="Topics as a list")).to_contain_text("review due")

    page.get_by_role("button", name="Zoom in").click()  # larger than the box: it scrolls, the page does not
    assert svg.evaluate("s => s.getBoundingClientRect().width") > 1.2 * width
    assert box.evaluate("b => b.scrollWidth > b.clientWidth")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    page.get_by_role("button", name="Fit").click()
    assert abs(svg.evaluate("s => s.getBoundingClientRect().width") - width) < 2


def every_page_type(live_server, user):
    """One URL of each page type a learner or an admin meets, with content in it (a cohort with a learner
    who has a long submission), plus every topic and the exercises with the longest lines."""
    from django.utils import timezone

    from cohorts.models import Cohort, Comment, Invite, Membership
    from curriculum.models import Topic

    cohort = Cohort.objects.create(name="Reading group", goal_id="EI2")
    Membership.objects.create(cohort=cohort, user=user, role=Membership.ADMIN)
    bob = User.objects.create_user("bob")
    Membership.objects.create(cohort=cohort, user=bob, role=Membership.LEARNER)
    invite = Invite.create_for(cohort, user, days=None)
    exercises = sorted(
        Exercise.objects.filter(retired=False),
        key=lambda e: -max(len(line) for line in (e.starter + "\n" + e.statement).splitlines()),
    )[:4]
    long_line = "x = " + " + ".join(["1"] * 200)
    for exercise in exercises:
        Submission.objects.create(
            user=bob,
            exercise=exercise,
            code=long_line,
            state="done",
            status="failed",
            result={
                "status": "failed",
                "stdout": long_line * 3,
                "tests": [{"name": "values", "status": "failed", "message": long_line, "details": {}}],
            },
        )
        Submission.objects.create(
            user=user,
            exercise=exercise,
            code=long_line,
            state="done",
            status="failed",
            result={"status": "failed", "stdout": (long_line + "\n") * 400, "tests": []},
        )
    Submission.objects.create(  # a Run whose example differs from the statement's value: its own panel
        user=user,
        exercise=exercises[0],
        code=long_line,
        state="done",
        status="ran",
        mode="run",
        result={
            "status": "ran",
            "tests": [],
            "stdout": long_line,
            "value": {
                "type": "Tensor",
                "repr": long_line,
                "shape": [3],
                "dtype": "float32",
                "device": "cpu",
                "expected": {
                    "matches": False,
                    "expected": long_line,
                    "message": f"3 of 3 entries of `f(x)` differ; "
                    f"the largest error is 1 at [0] (got {long_line}, expected 2).",
                },
            },
        },
    )
    paced = Cohort.objects.create(
        name="Paced", start_date=datetime.date.today() - datetime.timedelta(days=9), pace_days=2
    )
    Membership.objects.create(
        cohort=paced, user=user, role=Membership.LEARNER, joined_at=timezone.now() - datetime.timedelta(days=9)
    )
    thread = Submission.objects.filter(user=bob).first()
    Comment.objects.create(submission=thread, author=user, line=1, body="Why this line? " + long_line)
    from learning import placement

    finished = placement.start(user)  # a diagnostic's result page, then one under way: its question page
    placement.answer(finished, finished.question_id, placement.DONT_KNOW)
    placement.finish(finished)
    placement.start(user)
    urls = [
        "/",
        "/map/",
        "/placement/",
        "/placement/diagnostic/",
        f"/placement/diagnostic/{finished.pk}/",
        "/cohorts/",
        "/cohorts/new/",
        f"/cohorts/{cohort.pk}/",
        f"/cohorts/{cohort.pk}/exercises/",
        f"/cohorts/{cohort.pk}/learners/{bob.pk}/",
        f"/cohorts/{cohort.pk}/settings/",
        f"/join/{invite.code}/",
        "/accounts/tokens/",
        "/no-such-page/",
        f"/submissions/{thread.pk}/comments/",
        "/comments/",
        f"/cohorts/{paced.pk}/schedule/",
    ]
    urls += [t.get_absolute_url() for t in Topic.objects.filter(retired=False)]
    urls += [e.get_absolute_url() for e in exercises]
    return [live_server.url + url for url in urls]


def test_code_too_large_for_a_draft_says_so_and_survives_a_reload_in_the_browser(live_server, page, synced):
    log_in(page, live_server)
    exercise = Exercise.objects.filter(topic_id="PY1").first()
    page.goto(f"{live_server.url}{exercise.get_absolute_url()}")
    big = "# the last line of a long file\n" + "x = 1  # padding to go past the draft limit\n" * 2600
    page.locator(".cm-content").click()
    page.evaluate("code => window.codeEditor.setCode(code)", big)  # as a paste would; typing 100 KB takes minutes
    expect(page.locator("[data-draft-status]")).to_have_text(
        "Too large to save as a draft: kept in this browser only", timeout=10_000
    )
    page.reload()
    expect(page.locator(".cm-content")).to_contain_text("the last line of a long file")
    expect(page.locator("[data-draft-status]")).to_contain_text("Too large to save as a draft")


def test_printed_output_sits_in_a_box_of_bounded_height(live_server, page, synced):
    user = log_in(page, live_server)
    exercise = Exercise.objects.filter(topic_id="PY1").first()
    Submission.objects.create(
        user=user,
        exercise=exercise,
        code="print",
        state="done",
        status="ran",
        mode="run",
        result={"status": "ran", "stdout": "line\n" * 5000, "tests": []},
    )
    page.goto(f"{live_server.url}{exercise.get_absolute_url()}")
    output = page.locator("#result .output pre.stdout")
    expect(output).to_be_visible()
    assert output.bounding_box()["height"] <= 400


def test_a_learner_resets_a_forgotten_password_by_email_and_meets_a_404_with_a_way_back(live_server, page, db):
    from django.core import mail

    User.objects.create_user("ada", email="ada@example.org", password="an-old-pass-phrase")
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_role("link", name="Forgot your password?").click()
    page.get_by_label("Email").fill("ada@example.org")
    page.get_by_role("button", name="Send the link").click()
    expect(page.locator("h1")).to_have_text("Check your email")
    link = re.search(r"(http://\S+/accounts/password-reset/\S+/)", mail.outbox[-1].body).group(1)
    page.goto(link)
    page.get_by_label("New password", exact=True).fill("a-new-pass-phrase-2")
    page.get_by_label("New password confirmation").fill("a-new-pass-phrase-2")
    page.get_by_role("button", name="Set the new password").click()
    page.get_by_role("link", name="Log in").last.click()
    page.get_by_label("Username").fill("ada")
    page.get_by_label("Password").fill("a-new-pass-phrase-2")
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("navigation", name="Site")).to_contain_text("ada")

    page.goto(f"{live_server.url}/topics/NOPE/")
    expect(page.locator("h1")).to_have_text("Page not found")
    page.get_by_role("link", name="Back to your topics").click()
    expect(page).to_have_url(f"{live_server.url}/")


def axe_source() -> str:
    """axe-core, pinned in package.json (devDependencies); AXE_CORE_JS names another copy of the same file."""
    import os
    from pathlib import Path

    default = Path(__file__).resolve().parents[1] / "node_modules/axe-core/axe.min.js"
    path = Path(os.environ.get("AXE_CORE_JS") or default)
    assert path.exists(), f"{path} is missing: run npm ci (axe-core is a dev dependency)"
    return path.read_text()


SWEEP_PARTS = 4  # the pages are read in parts, which pytest-xdist's workers share out
PHONE, DESKTOP = {"width": 390, "height": 844}, {"width": 1280, "height": 900}
AXE_SERIOUS = (
    "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
    ".filter(v => v.impact === 'critical' || v.impact === 'serious')"
    ".map(v => v.id + ': ' + v.nodes.slice(0, 2).map(n => n.target.join(' ')).join(' | '))"
)


def read_page(page, url, axe, lesson="") -> list:
    """Every page is loaded once and read three ways (each reading was a sweep of its own, and loading
    the pages three times was most of their cost): on a 390 px phone nothing scrolls sideways; its maths
    is typeset without a KaTeX error; and at desktop width axe finds no critical or serious violation."""
    problems = []
    page.set_viewport_size(PHONE)
    page.goto(url)
    page.wait_for_load_state("load")
    width = page.evaluate("document.documentElement.scrollWidth")
    if width > PHONE["width"]:
        problems.append(f"{url}: {width}px wide on a phone")
    page.wait_for_function("document.querySelectorAll('.math:not([data-rendered])').length === 0")
    errors = page.locator(".katex-error").all_inner_texts()
    if errors:
        problems.append(f"{url}: KaTeX errors {errors[:3]}")
    if "$" in lesson and page.locator(".lesson .katex").count() == 0:
        problems.append(f"{url}: no typeset maths")
    page.set_viewport_size(DESKTOP)
    page.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")
    page.evaluate(axe)
    problems.extend(f"{url}: {v}" for v in page.evaluate(AXE_SERIOUS))
    return problems


@pytest.mark.longest
@pytest.mark.parametrize("part", range(SWEEP_PARTS))
def test_every_page_type_fits_a_phone_typesets_its_maths_and_passes_axe(live_server, page, synced, part):
    """Every page type a learner or an admin meets, every topic (a quiz choice that is only maths once
    had no accessible name) and the exercises with the longest lines; signed out, then as an admin."""
    axe, problems = axe_source(), []
    for path in ("/accounts/login/", "/accounts/signup/", "/accounts/password-reset/")[part::SWEEP_PARTS]:
        problems += read_page(page, live_server.url + path, axe)
    user = log_in(page, live_server, "alice")
    user.is_superuser = user.is_staff = True
    user.save()
    lessons = {live_server.url + f"/topics/{topic_id}/": spec.lesson for topic_id, spec in synced.items()}
    urls = every_page_type(live_server, user)
    assert set(lessons) <= set(urls), "every topic is read"
    for url in urls[part::SWEEP_PARTS]:
        problems += read_page(page, url, axe, lessons.get(url, ""))
    assert not problems, "\n".join(problems)


def test_a_real_pass_brings_the_solution_and_next_exercise_without_a_reload(
    live_server, page, synced, content_topics, celery_worker_process
):
    from test_browser import type_into_editor

    log_in(page, live_server)
    first, second = Exercise.objects.filter(topic_id="EI2", retired=False).order_by("order", "slug")[:2]
    solution = next(e for e in content_topics["EI2"].exercises if e.id == first.slug).solution
    page.goto(f"{live_server.url}{first.get_absolute_url()}")
    expect(page.locator("#help")).to_contain_text("open when you pass")
    type_into_editor(page, solution)
    page.keyboard.press("Control+Enter")
    expect(page.locator("#result .verdict")).to_contain_text("Passed", timeout=60_000)
    expect(page.get_by_role("link", name=f"Next exercise: {second.title}")).to_be_visible(timeout=30_000)
    expect(page.locator("#help .solution-code")).to_be_visible()


def test_a_verdict_landing_while_the_help_panel_refreshes_still_brings_the_next_exercise(live_server, page, synced):
    """On a busy server the panel's refresh for the submit is still in flight when the verdict lands; the
    second refresh must wait for it, not be lost with the element it was queued on."""
    user = log_in(page, live_server)
    first, second = Exercise.objects.filter(topic_id="EI2", retired=False).order_by("order", "slug")[:2]
    page.goto(f"{live_server.url}{first.get_absolute_url()}")
    expect(page.locator("#help")).to_contain_text("open when you pass")
    held = []  # the first refresh: answered by the server at once, delivered to the page only later

    def hold_the_first(route):
        if held:
            route.continue_()
        else:
            held.append((route, route.fetch()))

    page.route("**/help/", hold_the_first)
    changed = "document.body.dispatchEvent(new CustomEvent('submissions-changed', {bubbles: true}))"
    page.evaluate(changed)
    for _ in range(50):
        if held:
            break
        page.wait_for_timeout(100)
    assert held, "the panel did not refresh on submissions-changed"
    verdict(user, first, "passed")  # the verdict lands while that refresh is in flight
    page.evaluate(changed)
    route, stale = held[0]
    route.fulfill(response=stale)
    expect(page.get_by_role("link", name=f"Next exercise: {second.title}")).to_be_visible(timeout=10_000)


def take_diagnostic(page, live_server, knows) -> list:
    """Answer the diagnostic in the browser: the right choice for a topic in `knows`, else "I don't know".
    Returns the topics asked about, in order."""
    from learning.models import Diagnostic

    page.goto(f"{live_server.url}/placement/")
    page.get_by_role("button", name="Start the diagnostic").click()
    asked = []
    while True:  # the page first: it shows the next question (or the result) once the last answer is in
        expect(page.locator("main")).to_contain_text(
            re.compile(f"Question {len(asked) + 1} of at most 12|Your placement")
        )
        if page.locator(".diagnostic-result").count():
            break
        question = Diagnostic.objects.get(user__username="ada").question
        asked.append(question.topic_id)
        if question.topic_id not in knows:
            page.get_by_role("button", name="I don’t know this yet").click()
        elif question.choices:
            page.locator("input[type=radio]").nth(int(question.answer)).check()
            page.get_by_role("button", name="Answer", exact=True).click()
        else:
            page.get_by_label("Your answer").fill(f"{question.answer:g}")
            page.get_by_role("button", name="Answer", exact=True).click()
        if len(asked) == 1:  # a reload mid-way resumes where it was
            expect(page.locator("main")).to_contain_text(re.compile("Question 2 of|Your placement"))
            page.reload()
    assert not Diagnostic.objects.get(user__username="ada").running
    return asked


def test_a_learner_who_knows_everything_is_placed_at_the_goal_in_at_most_twelve_questions(live_server, page, synced):
    from curriculum.models import Topic

    log_in(page, live_server)
    asked = take_diagnostic(page, live_server, knows=set(Topic.objects.values_list("id", flat=True)))
    assert len(asked) <= 12 and asked[0] == "CA2" and asked[-1] == "TF8"
    result = page.locator(".diagnostic-result")
    expect(result).to_contain_text("You placed out of 29 topics")
    expect(result).to_contain_text("TF8")
    expect(result).to_contain_text("Everything on the way to your goal (TF8) is credited")
    page.goto(f"{live_server.url}/map/")  # the map counts the credit like a test-out
    expect(page.locator("li", has_text="TF7 ").locator(".state").first).to_have_text("mastered")


def test_a_learner_who_knows_nothing_is_placed_at_the_start_and_can_undo_nothing(live_server, page, synced):
    log_in(page, live_server)
    asked = take_diagnostic(page, live_server, knows=set())
    assert asked == ["CA2", "NP2"]
    result = page.locator(".diagnostic-result")
    expect(result).to_contain_text("You placed out of no topic")
    expect(result.get_by_role("link", name="PY1 Python core")).to_be_visible()
    expect(page.get_by_role("button", name="Undo this placement")).to_have_count(0)
