"""A learner trains the tiny GPT (TF8) in Chromium on a 390 px phone and watches the loss curve as it comes."""

import re

import pytest
import test_browser
from playwright.sync_api import expect
from test_browser_ux import axe_source, log_in

from curriculum.models import Exercise

page = test_browser.page  # the Chromium fixture (it also fails the test on any CSP violation)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_loss_curve_is_drawn_while_training_and_stays_with_the_verdict(
    live_server, page, synced, content_topics, celery_worker_process
):
    page.set_viewport_size({"width": 390, "height": 844})
    log_in(page, live_server)
    exercise = Exercise.objects.get(topic_id="TF8", slug="train-tiny-gpt")
    solution = next(e for e in content_topics["TF8"].exercises if e.id == exercise.slug).solution
    page.goto(f"{live_server.url}{exercise.get_absolute_url()}")
    test_browser.type_into_editor(page, solution)
    page.get_by_role("button", name="Submit").click()

    live = page.locator("#result figure.curve.live")
    expect(live).to_be_visible(timeout=90_000)  # pushed by the event stream while the learner's code trains
    expect(page.locator("#result .verdict")).to_contain_text("Running")
    expect(live.locator("figcaption")).to_contain_text(re.compile(r"loss so far: 2\.\d+ → \d\.\d+ after \d+ steps"))

    expect(page.locator("#result .verdict")).to_contain_text("Passed", timeout=90_000)
    final = page.locator("#result figure.curve")
    expect(final).to_have_count(1)
    expect(final.locator("figcaption")).to_have_text(
        # The last loss is one noisy batch (the check judges the mean of the last 50): it may end above 2.
        re.compile(r"^loss: 2\.\d+ → [12]\.\d+ after 300 steps; best possible 1\.\d+; target 1\.\d+ to [12]\.\d+$")
    )
    assert page.locator("#result figure.curve path.line").get_attribute("d").count("L") == 299
    # The panel and its chart fit the phone (the statement's KaTeX MathML is another matter, not this test's).
    assert page.evaluate("document.querySelector('#result figure.curve').getBoundingClientRect().right") <= 390
    assert page.evaluate("(r => r.scrollWidth <= r.clientWidth)(document.querySelector('#result'))")

    page.evaluate(axe_source())
    found = page.evaluate(
        "async () => (await axe.run('#result', {resultTypes: ['violations']})).violations"
        ".filter(v => v.impact === 'critical' || v.impact === 'serious')"
        ".map(v => v.id + ': ' + v.nodes.slice(0, 3).map(n => n.failureSummary).join(' | '))"
    )
    assert not found
