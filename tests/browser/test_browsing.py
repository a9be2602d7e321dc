"""What people do in a real browser: complete a search, refine it, change language, moderate."""

import re

from playwright.sync_api import expect

from tests.factories import PresentationFactory


def test_search_box_completes_as_you_type(page, site):
    page.goto("/")
    box = page.locator("#site-search-q")
    box.press_sequentially("bran", delay=60)
    options = page.locator("#site-search-q-suggestions [role=option]")
    expect(options.first).to_be_visible()
    expect(box).to_have_attribute("aria-expanded", "true")
    texts = options.all_inner_texts()
    assert any("Branding" in text for text in texts), texts
    # Choose one with the keyboard: the search runs with it.
    index = next(i for i, text in enumerate(texts) if "Branding" in text)
    for _ in range(index + 1):
        box.press("ArrowDown")
    box.press("Enter")
    page.wait_for_url(re.compile(r"/search/\?q="))
    expect(page.locator(".result").first).to_be_visible()


def test_clicking_facets_refines_the_results(page, site):
    page.goto("/search/?q=branding")
    results = page.locator(".result")
    expect(results.first).to_be_visible()
    before = results.count()
    assert before >= 3  # a policy, a presentation, feedback ...
    page.locator(".facets").get_by_role("link", name="Policies").click()
    page.wait_for_url(re.compile(r"type=policy"))
    expect(page.locator(".result .type")).to_have_text(["Policy measure"])
    expect(page.locator(".active-filters")).to_contain_text("Type: Policies")
    page.locator(".facets").get_by_role("link", name="2019").click()
    page.wait_for_url(re.compile(r"year=2019"))
    expect(page.locator(".result__title")).to_have_text(["Plan for branding Son La coffee"])
    # Removing the filter widens the search again.
    page.locator(".active-filters").get_by_role("link", name=re.compile("Type: Policies")).click()
    page.wait_for_url(lambda url: "type=policy" not in url)
    expect(page.locator(".result").first).to_be_visible()


def test_switching_language_keeps_the_page(page, site):
    page.goto("/policies/?year=2019")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page.get_by_role("button", name="Tiếng Việt").click()
    page.wait_for_url(re.compile(r"/policies/\?year=2019$"))
    expect(page.locator("html")).to_have_attribute("lang", "vi")
    expect(page.locator("h1")).to_have_text("Các chính sách từ năm 2017")
    expect(page.locator(".data-table")).to_contain_text(
        "Thương hiệu"
    )  # the theme's Vietnamese name
    expect(page.locator(".data-table")).to_contain_text("Kế hoạch")  # the kind
    page.goto("/")
    expect(page.locator(".figure__value").first).to_contain_text(",")  # 47,9 %
    expect(page.locator("body")).to_contain_text("23.312 ha")
    page.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("body")).to_contain_text("23,312 ha")


def test_staff_adds_and_publishes_feedback_then_finds_it_by_search(page, site, django_user_model):
    django_user_model.objects.create_superuser("staff", "staff@example.org", "a-long-passphrase")
    PresentationFactory(key="p02", order=2, title="Planting area codes")
    page.goto("/admin/login/?next=/admin/")
    page.fill("#id_username", "staff")
    page.fill("#id_password", "a-long-passphrase")
    page.click("input[type=submit]")
    page.wait_for_url(re.compile(r"/admin/$"))

    page.goto("/admin/presentations/feedback/add/")
    page.fill("#id_key", "fb-browser")
    page.fill("#id_author", "Delegate from Mai Son")
    page.fill("#id_submitted_on", "2025-06-20")
    page.fill("#id_text", "Robusta replanting needs zebrawood shade trees.")
    page.uncheck("#id_published")
    page.click("input[name=_save]")
    expect(page.locator(".messagelist")).to_contain_text("was added successfully")

    # Not yet published: the public search does not find it.
    page.goto("/search/?q=zebrawood")
    expect(page.locator(".results")).to_contain_text("Nothing matches")

    page.goto("/admin/presentations/feedback/?q=fb-browser")
    page.check("input.action-select")
    page.select_option("select[name=action]", "publish_feedback")
    page.click("button[name=index]")
    expect(page.locator(".messagelist")).to_contain_text("1 feedback item published")

    page.goto("/search/?q=zebrawood")
    result = page.locator(".result")
    expect(result).to_have_count(1)
    expect(result).to_contain_text("Delegate from Mai Son")
    expect(result.locator("mark")).to_have_text(["zebrawood"])
    result.locator(".result__title a").click()
    expect(page.locator("#fb-browser")).to_contain_text("zebrawood shade trees")
