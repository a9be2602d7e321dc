"""Reads of the policy register: Vietnamese title order."""

import pytest

from policies.selectors import policy_list
from tests.factories import PolicyFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def vietnamese_titles():
    PolicyFactory(key="ct", language="vi", title="Chương trình phát triển cà phê")
    PolicyFactory(key="dd", language="vi", title="Đề án thương hiệu")
    PolicyFactory(key="chi", language="vi", title="Chỉ thị về cà phê")
    PolicyFactory(key="du", language="vi", title="Dự án giống")
    # An English record read in Vietnamese sorts by its Vietnamese translation.
    PolicyFactory(key="en", title="Resolution on coffee", title_translated="Chiến lược cà phê")


def test_titles_sort_in_vietnamese_order_for_a_vietnamese_reader(vietnamese_titles):
    keys = [p.key for p in policy_list(sort="title", language="vi")]
    assert keys == ["chi", "en", "ct", "du", "dd"]


def test_titles_sort_by_the_original_for_an_english_reader(vietnamese_titles):
    keys = [p.key for p in policy_list(sort="title", language="en")]
    # By "Resolution", not by its translation "Chiến lược".
    assert keys.index("du") < keys.index("en")


def test_policy_page_lists_chi_thi_before_chuong_trinh_in_vietnamese(client, vietnamese_titles):
    html = client.get("/policies/?sort=title", HTTP_ACCEPT_LANGUAGE="vi").content.decode()
    assert html.index("Chỉ thị về cà phê") < html.index("Chương trình phát triển cà phê")
    assert html.index("Dự án giống") < html.index("Đề án thương hiệu")
