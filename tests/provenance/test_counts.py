"""Counting real and sample records: what the home page and /policies/ report."""

import pytest

from sonla_kb.provenance.counts import RealAndSample, policy_counts, record_counts
from tests.factories import FeedbackFactory, PolicyFactory, PresentationFactory, StudyFactory

pytestmark = pytest.mark.django_db


def test_policies_are_counted_real_and_sample():
    PolicyFactory(sample=False)
    PolicyFactory(sample=False)
    PolicyFactory(sample=True)

    assert policy_counts() == RealAndSample(real=2, sample=1)
    assert policy_counts().total == 3


def test_every_public_record_is_counted_but_unpublished_feedback_is_not():
    StudyFactory(sample=True)
    PresentationFactory(sample=True)
    PolicyFactory(sample=False)
    FeedbackFactory(sample=True)
    FeedbackFactory(sample=False, published=False)

    assert record_counts() == RealAndSample(real=1, sample=3)


def test_an_empty_knowledge_base_counts_nothing():
    assert record_counts() == RealAndSample(real=0, sample=0)
