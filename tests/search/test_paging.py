"""Pages concatenate to the whole ranking, on an index of several segments."""

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sonla_kb.search.backends.whoosh import searcher
from tests.factories import PolicyFactory

from .conftest import find, keys

pytestmark = pytest.mark.django_db

QUERIES = ["cà phê", "ca phe", "Sơn La", "hợp tác xã", "mã số vùng trồng", "coffee", "phê"]
TEXTS = [
    "Cà phê Sơn La cần mã số vùng trồng.",
    "Hợp tác xã cà phê ở Sơn La.",
    "Ca phe Son La khong dau, hop tac xa.",
    "Coffee cooperatives in Son La need planting area codes.",
    "Mã số vùng trồng cho cà phê xuất khẩu.",
    "Phê duyệt đề án hợp tác xã.",
]


@pytest.fixture
def several_segments(live):
    """Records indexed in one commit, then more (and edits) added live: several segments."""
    made = live(
        lambda: [
            PolicyFactory(
                key=f"pol-{i:02d}",
                language="vi" if i % 3 else "en",
                title=f"Chính sách {i}: {TEXTS[i % len(TEXTS)][:30]}",
                body=TEXTS[i % len(TEXTS)] + " " + TEXTS[(i * 5) % len(TEXTS)],
                issued_on=dt.date(2017 + i % 8, 1 + i % 12, 1),
            )
            for i in range(24)
        ]
    )
    # Each commit writes a segment of its own; four or fewer are never merged (MERGE_SMALL).
    for i in range(2):
        live(
            PolicyFactory,
            key=f"live-{i:02d}",
            language="vi",
            title=f"Ý kiến {i}",
            body=TEXTS[(i * 7) % len(TEXTS)],
        )
    for policy in made[::24]:
        policy.body = policy.body + " Sơn La cà phê."
        live(policy.save)
    segments = searcher.current().searcher.reader().leaf_readers()
    assert len(segments) > 1


@pytest.mark.usefixtures("whoosh_backend")
def test_pages_concatenate_to_the_whole_ranking(several_segments):
    @settings(max_examples=20, deadline=None, suppress_health_check=list(HealthCheck))
    @given(q=st.sampled_from(QUERIES), per_page=st.integers(min_value=1, max_value=7))
    def check(q, per_page):
        whole = find(q, per_page=100)
        assert 0 < whole["total"] <= 100
        pages = []
        for page in range(1, -(-whole["total"] // per_page) + 1):
            pages += keys(find(q, per_page=per_page, page=page))
        assert pages == keys(whole)

    check()
