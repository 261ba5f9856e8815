"""The demo page and chat widget in headless Chromium, against the real servers on loopback.

Needs Debian's chromium (/usr/bin/chromium); `.ci/run` installs it. Screenshots
go to build/test-output/.
"""

from __future__ import annotations

import re
from typing import Iterator, List
from urllib.parse import urlsplit

import pytest
import requests
from playwright.sync_api import Browser, Page, expect, sync_playwright

from serving.runtime import ROOT
from tests.conftest import CHROMIUM, HOSTILE

OUTPUT = ROOT / "build" / "test-output"
# Without the background-networking flags Chromium phones home at start.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
]
ANSWER_TIMEOUT_MS = 30_000


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    assert CHROMIUM.exists(), "Debian's chromium is missing: apt-get install chromium"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class Visit:
    """One reader's tab: records every request and dialog so tests can assert on them."""

    def __init__(self, browser: Browser, url: str, **context_options):
        self.context = browser.new_context(**context_options)
        self.foreign: List[str] = []
        self.dialogs: List[str] = []
        self.context.route("**/*", self._only_loopback)
        self.page: Page = self.context.new_page()
        self.page.on("websocket", lambda ws: self._check(ws.url))
        self.page.on("dialog", self._dialog)
        self.page.goto(url)

    def _check(self, url: str) -> bool:
        host = urlsplit(url).hostname
        if url.startswith(("data:", "blob:", "about:")) or host == "127.0.0.1":
            return True
        self.foreign.append(url)
        return False

    def _only_loopback(self, route) -> None:
        # Record and block: a stray request must fail the test, not leave the machine.
        if self._check(route.request.url):
            route.continue_()
        else:
            route.abort()

    def _dialog(self, dialog) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    @property
    def log(self):
        return self.page.get_by_role("log", name="Conversation")

    def ask(self, question: str) -> None:
        box = self.page.get_by_role("textbox", name="Your question")
        box.fill(question)
        box.press("Enter")

    def wait_for_greeting(self) -> None:
        expect(self.log).to_contain_text("I answer questions about", timeout=ANSWER_TIMEOUT_MS)

    def screenshot(self, name: str) -> None:
        OUTPUT.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=str(OUTPUT / name), full_page=False)

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def visit(browser, web_demo):
    opened: List[Visit] = []

    def open_page(**options) -> Visit:
        v = Visit(browser, web_demo["url"], **options)
        opened.append(v)
        return v

    yield open_page
    for v in opened:
        v.close()


def test_answer_quote_follow_up_and_reload_keep_the_conversation(visit):
    tab = visit(viewport={"width": 1280, "height": 900})
    tab.wait_for_greeting()
    # The greeting offers the suggested questions as buttons.
    expect(tab.page.get_by_role("group", name="Suggested questions")).to_be_visible()

    # Count how often the typing indicator appears; answers may be too quick to catch it.
    tab.page.evaluate(
        """() => {
            const dots = document.querySelector('.rac-typing');
            window.typingShown = 0;
            new MutationObserver(() => { if (!dots.hidden) window.typingShown++; })
                .observe(dots, {attributes: true, attributeFilter: ['hidden']});
        }"""
    )
    tab.ask("who brokered the talks?")
    expect(tab.log.locator(".rac-bot").last).to_contain_text(
        "Russia and Turkey", timeout=ANSWER_TIMEOUT_MS
    )
    assert tab.page.evaluate("window.typingShown") >= 1
    expect(tab.page.get_by_role("status", name="The assistant is typing")).to_be_hidden()
    source = tab.log.locator("figure.rac-source").last
    expect(source).to_contain_text("From the article:")
    expect(source.locator("blockquote")).to_contain_text("have been sponsored by Russia and Turkey")

    tab.page.get_by_role("button", name="Is Russia the new broker for peace in Syria?").click()
    expect(tab.log.locator(".rac-bot").last).to_contain_text(
        "driving seat", timeout=ANSWER_TIMEOUT_MS
    )
    expect(tab.log.locator("figure.rac-source").last).to_contain_text(
        "historically it has been the UN that has led the initiative"
    )
    # The clicked question is shown as the reader's own message.
    expect(tab.log.locator(".rac-user").last).to_have_text(
        "You: Is Russia the new broker for peace in Syria?"
    )
    tab.screenshot("web-demo.png")

    tab.page.reload()
    expect(tab.log).to_contain_text("who brokered the talks?")
    expect(tab.log).to_contain_text("driving seat")
    expect(tab.log.locator("figure.rac-source").last).to_contain_text("historically")
    # The server kept the session too: "why?" is about the answer before the reload.
    tab.ask("why?")
    expect(tab.log.locator(".rac-bot").last).to_contain_text(
        "military intervention", timeout=ANSWER_TIMEOUT_MS
    )
    assert tab.foreign == []


def test_hostile_markup_from_reader_or_bot_executes_nothing(visit):
    tab = visit()
    tab.wait_for_greeting()
    tab.ask(HOSTILE)
    expect(tab.log.locator(".rac-user").last).to_contain_text("<script>window.__pwned=2</script>")
    expect(tab.log.locator(".rac-bot").last).not_to_contain_text(
        "I answer questions about", timeout=ANSWER_TIMEOUT_MS
    )
    # This answer carries the same markup, put in the knowledge file for this test.
    tab.ask("who is George Krol?")
    expect(tab.log.locator(".rac-bot").last).to_contain_text(
        "[click here](javascript:window.__pwned=3)", timeout=ANSWER_TIMEOUT_MS
    )
    tab.log.locator(".rac-bot").last.hover()
    tab.log.locator(".rac-bot").last.click()

    root = tab.page.locator(".rac-root")
    assert root.locator("img, script, a, b, iframe").count() == 0
    assert tab.page.evaluate("window.__pwned") is None
    assert tab.dialogs == []
    assert tab.foreign == []


def test_lost_server_shows_notice_keeps_the_question_and_reconnects(visit, web_demo):
    tab = visit()
    tab.wait_for_greeting()
    status = tab.page.get_by_role("alert")

    web_demo["proxy"].cut()
    try:
        expect(status).to_contain_text("Can't reach the assistant", timeout=15_000)
        tab.ask("when do the Geneva talks start?")
        expect(tab.log.locator(".rac-user").last).to_contain_text("not sent yet")
    finally:
        web_demo["proxy"].restore()
    expect(status).to_be_hidden(timeout=20_000)
    expect(tab.log.locator(".rac-bot").last).to_contain_text(
        "February 8", timeout=ANSWER_TIMEOUT_MS
    )
    expect(tab.log.locator(".rac-user").last).not_to_contain_text("not sent yet")


def test_keyboard_alone_on_a_phone_screen(visit):
    tab = visit(viewport={"width": 375, "height": 740}, is_mobile=True, has_touch=True)
    tab.wait_for_greeting()
    page = tab.page
    # Tab from the top of the page reaches the question box.
    box = page.get_by_role("textbox", name="Your question")
    for _ in range(30):
        page.keyboard.press("Tab")
        if box.evaluate("el => el === document.activeElement"):
            break
    expect(box).to_be_focused()
    page.keyboard.type("where are the talks held?")
    page.keyboard.press("Enter")
    expect(tab.log.locator(".rac-bot").last).to_contain_text("Astana", timeout=ANSWER_TIMEOUT_MS)

    # Shift+Tab walks back from the box to the last follow-up button; Enter asks it.
    buttons = tab.log.get_by_role("group", name="Suggested questions").get_by_role("button")
    expect(buttons.first).to_be_visible()
    last_label = buttons.last.inner_text()
    page.keyboard.press("Shift+Tab")
    expect(buttons.last).to_be_focused()
    page.keyboard.press("Enter")
    expect(tab.log.locator(".rac-user").last).to_have_text(f"You: {last_label}")
    expect(tab.log.locator("figure.rac-source").last).to_be_visible(timeout=ANSWER_TIMEOUT_MS)

    # Nothing is wider than the phone: no sideways scrolling.
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    box_right = box.bounding_box()
    assert box_right["x"] >= 0 and box_right["x"] + box_right["width"] <= 375
    tab.screenshot("web-demo-phone.png")
    assert tab.foreign == []


def test_one_script_tag_on_any_page_gives_a_chat_button(browser, web_demo):
    tab = Visit(browser, web_demo["url"] + "embed-example.html")
    try:
        page = tab.page
        launcher = page.get_by_role("button", name="Ask about this article")
        expect(launcher).to_have_attribute("aria-expanded", "false")
        page.keyboard.press("Tab")
        expect(launcher).to_be_focused()
        page.keyboard.press("Enter")
        expect(launcher).to_have_attribute("aria-expanded", "true")
        box = page.get_by_role("textbox", name="Your question")
        expect(box).to_be_focused()
        tab.wait_for_greeting()
        page.keyboard.type("how many people have died in the war?")
        page.keyboard.press("Enter")
        expect(tab.log.locator(".rac-bot").last).to_contain_text(
            "400,000", timeout=ANSWER_TIMEOUT_MS
        )
        page.keyboard.press("Escape")
        expect(box).to_be_hidden()
        expect(launcher).to_be_focused()
        assert tab.foreign == []
    finally:
        tab.close()


@pytest.mark.parametrize(
    "path", ["/", "/embed-example.html", "/widget/chat-widget.js", "/article.json"]
)
def test_page_forbids_requests_to_other_hosts(web_demo, path):
    response = requests.get(web_demo["url"].rstrip("/") + path, timeout=10)
    assert response.status_code == 200
    policy = response.headers["Content-Security-Policy"]
    assert "default-src 'none'" in policy
    assert re.search(r"connect-src 'self' http://127\.0\.0\.1:\d+ ws://127\.0\.0\.1:\d+", policy)


def shown_sentences(tab: Visit) -> str:
    return tab.page.evaluate(
        "() => Array.from(document.querySelectorAll('#article .sentence-shown'))"
        ".map(s => s.textContent).join(' ')"
    )


def wait_until_shown_sentence_in_view(tab: Visit) -> None:
    """The article scrolls (smoothly) until the highlighted sentence is on screen."""
    tab.page.wait_for_function(
        "() => { const b = document.querySelector('#article .sentence-shown')"
        ".getBoundingClientRect(); return b.top >= 0 && b.bottom <= window.innerHeight; }"
    )


def test_a_quote_clicked_or_entered_shows_its_sentence_in_the_article(visit):
    tab = visit(viewport={"width": 1280, "height": 700})
    tab.wait_for_greeting()
    tab.ask("who sponsors the talks?")
    quotes = tab.log.locator("figure.rac-source").last.get_by_role("button")
    expect(quotes.first).to_be_visible(timeout=ANSWER_TIMEOUT_MS)
    assert quotes.count() == 2
    first, second = (quotes.nth(i).text_content().strip("\u201c\u201d") for i in range(2))

    quotes.first.click()
    expect(tab.page.locator("#article .sentence-shown")).to_have_count(1)
    assert shown_sentences(tab) == first
    wait_until_shown_sentence_in_view(tab)

    # From the keyboard: the quote takes focus and Enter shows it, the other one unshown.
    quotes.nth(1).focus()
    tab.page.keyboard.press("Enter")
    expect(tab.page.locator("#article .sentence-shown")).to_have_text(second)
    wait_until_shown_sentence_in_view(tab)
    # Quotes are text, never links.
    assert tab.log.locator("a").count() == 0
    tab.screenshot("web-demo-quote-shown.png")


def test_every_quote_the_knowledge_file_can_produce_is_found_in_the_article(visit, knowledge):
    tab = visit(viewport={"width": 1280, "height": 900})
    expect(tab.page.locator("#article .sentence").first).to_be_visible()
    answers = [entry.main for entry in knowledge.entries.values()]
    answers += [a for e in knowledge.entries.values() for a in (e.detail, e.why) if a]
    quotes = sorted({sentence for answer in answers for sentence in answer.sources})
    missing = []
    for quote in quotes:
        tab.page.evaluate(
            "(text) => document.dispatchEvent(new CustomEvent('article-quote', {detail: {text}}))",
            quote,
        )
        shown = " ".join(shown_sentences(tab).split())
        if not shown or quote not in shown:
            missing.append(quote)
    assert len(quotes) > 30
    assert missing == []
