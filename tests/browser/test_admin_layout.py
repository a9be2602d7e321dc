"""The feedback list at 1280 px, in English and Vietnamese: every column fits, none is cut off."""

import datetime as dt

import pytest

from tests.factories import FeedbackFactory, PolicyFactory


def log_in(page, django_user_model) -> None:
    django_user_model.objects.create_superuser("staff", "staff@example.org", "a-long-passphrase")
    page.goto("/admin/login/?next=/admin/")
    page.fill("#id_username", "staff")
    page.fill("#id_password", "a-long-passphrase")
    page.click("input[type=submit]")
    page.wait_for_url("**/admin/")


@pytest.mark.parametrize("language", ["en", "vi"])
def test_feedback_list_fits_1280_px(page, transactional_db, django_user_model, language):
    policy = PolicyFactory(
        title="Kế hoạch phát triển thương hiệu cà phê Sơn La giai đoạn 2021-2025"
    )
    for i in range(5):
        FeedbackFactory(
            author=f"Bà Lò Thị Hoa {i}",
            organisation="Hợp tác xã nông nghiệp dịch vụ cà phê Chiềng Ban, huyện Mai Sơn",
            text="Cần hỗ trợ cấp mã số vùng trồng và chứng nhận VietGAP cho các hộ nhỏ " * 3,
            policy=policy,
            submitted_on=dt.date(2026, 12, 1),
            published=i % 2 == 0,
            tags=["GAP", "Planting area codes"],
        )
    log_in(page, django_user_model)
    page.context.add_cookies([{"name": "django_language", "value": language, "url": page.url}])
    page.goto("/admin/presentations/feedback/")
    assert page.locator("html").get_attribute("lang") == language
    sizes = page.evaluate(
        """() => {
            const table = document.querySelector('#result_list');
            const box = table.parentElement;
            const heads = [...table.querySelectorAll('thead th')].map(th => ({
                name: th.innerText.trim(),
                right: th.getBoundingClientRect().right,
                scroll: th.scrollWidth, width: th.clientWidth,
            }));
            return {table: table.scrollWidth, box: box.clientWidth,
                    viewport: window.innerWidth, heads};
        }"""
    )
    assert sizes["table"] <= sizes["box"], sizes
    for head in sizes["heads"]:
        assert head["right"] <= sizes["viewport"], head
        assert head["scroll"] <= head["width"] + 1, head  # the header's text is not cut off
