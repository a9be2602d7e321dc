"""The load test's users: the home page, the policy list, /api/search/ (run by bench.load.run).

One class per endpoint, run one at a time. Each simulated user asks again as soon as it
has its answer (no think time), so with a fixed number of users the server runs flat out
and the figures are its sustained rate for that endpoint.
"""

import random

from locust import FastHttpUser, constant, task

# What researchers type: English and Vietnamese, with and without accents, filters,
# phrases, prefixes and near spellings, and an empty query that lists everything.
SEARCHES = [
    {"q": "coffee"},
    {"q": "cà phê"},
    {"q": "ca phe"},
    {"q": "geographical indications"},
    {"q": "chỉ dẫn địa lý"},
    {"q": "GAP certification"},
    {"q": "planting area codes", "type": "policy"},
    {"q": "branding", "tag": "Branding"},
    {"q": "export", "year": "2019-2024"},
    {"q": "OCOP"},
    {"q": "high tech*"},
    {"q": '"linkage chains"'},
    {"q": "procesing~"},
    {"q": "Sơn La", "lang": "vi"},
    {"q": "credit OR investment"},
    {"q": "smallholder farmers", "sort": "newest"},
    {"q": "", "type": "feedback"},
    {"q": "", "tag": "Export", "page": "1", "per_page": "20"},
]
POLICY_LISTS = [
    {},
    {"year": "2019"},
    {"theme": "gap"},
    {"status": "in_force", "sort": "oldest"},
    {"kind": "resolution"},
]


class HomePage(FastHttpUser):
    """Asks for the home page, again and again."""

    wait_time = constant(0)

    @task
    def home(self) -> None:
        """The home page."""
        self.client.get("/", name="/")


class PolicyList(FastHttpUser):
    """Browses the policy register, with or without filters."""

    wait_time = constant(0)

    @task
    def policy_list(self) -> None:
        """The policy register."""
        self.client.get("/policies/", params=random.choice(POLICY_LISTS), name="/policies/")


class Search(FastHttpUser):
    """Searches through the JSON endpoint."""

    wait_time = constant(0)

    @task
    def search(self) -> None:
        """The JSON search endpoint."""
        self.client.get("/api/search/", params=random.choice(SEARCHES), name="/api/search/")
