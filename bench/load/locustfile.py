"""The load test's users of /api/search/ (run by bench.load.run; the pages run under wrk).

Each simulated user asks again as soon as it has its answer (no think time), so with a
fixed number of users the server runs flat out and the figures are its sustained rate.
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


class Search(FastHttpUser):
    """Searches through the JSON endpoint."""

    wait_time = constant(0)

    @task
    def search(self) -> None:
        """The JSON search endpoint."""
        self.client.get("/api/search/", params=random.choice(SEARCHES), name="/api/search/")
