"""Changes gathered in a block (an import's) reach the index once, at the block's end."""

import pytest

from sonla_kb import search
from sonla_kb.search.changes import gathered_changes
from tests.factories import PolicyFactory

from .conftest import find, keys

pytestmark = pytest.mark.django_db


def test_records_saved_in_a_block_are_found_after_it(live, settings):
    def save_many():
        with gathered_changes():
            for n in range(3):
                PolicyFactory(key=f"bulk-{n}", title=f"Replanting support {n}", tags=["GAP"])
            assert find("replanting")["total"] == 0  # not handed over yet
        return find("replanting")["total"]

    # PostgreSQL writes the index in the transaction, Whoosh once it commits.
    assert live(save_many) == (3 if settings.SEARCH_BACKEND == "postgres" else 0)
    assert sorted(keys(find("replanting"))) == ["bulk-0", "bulk-1", "bulk-2"]
    assert find("", tag="gap")["total"] == 3
    assert search.check(repair=False).clean


def test_a_record_saved_twice_in_a_block_is_indexed_as_it_ends(live):
    def edit():
        with gathered_changes():
            policy = PolicyFactory(key="twice", title="First wording")
            policy.title = "Second wording"
            policy.save()

    live(edit)
    assert keys(find("second")) == ["twice"]
    assert find("first")["total"] == 0
    assert search.check(repair=False).clean


def test_a_block_within_a_block_hands_over_with_the_outer_one(live):
    def nested():
        with gathered_changes():
            with gathered_changes():
                PolicyFactory(key="inner", title="Nested measure")
            inner_done = find("nested")["total"]
            PolicyFactory(key="outer", title="Nested outer measure")
        return inner_done

    assert live(nested) == 0
    assert sorted(keys(find("nested"))) == ["inner", "outer"]


def test_a_deleted_record_leaves_the_index_at_the_end_of_the_block(live):
    policy = live(PolicyFactory, key="gone", title="Vanishing measure")

    def delete():
        with gathered_changes():
            policy.delete()

    live(delete)
    assert find("vanishing")["total"] == 0
    assert find("vanishin~")["total"] == 0
    assert search.check(repair=False).clean
