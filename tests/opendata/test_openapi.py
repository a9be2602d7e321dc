"""/api/openapi.json: a valid OpenAPI 3.1 document that the live endpoints keep to.

schemathesis generates requests from the document and checks every answer against it
(no 5xx, the documented status, content type and schema), with a fixed small number of
derandomized examples per operation so the run is bounded and repeatable.
"""

import json

import pytest
import schemathesis
from django.urls import reverse
from hypothesis import HealthCheck, settings
from openapi_spec_validator import validate
from schemathesis.specs.openapi.checks import positive_data_acceptance

from sonla_kb.opendata import openapi
from tests.factories import FeedbackFactory, PolicyFactory, PresentationFactory, StudyFactory

EXAMPLES = 8


@pytest.fixture
def api_document(client, db) -> dict:
    """The document as the site serves it."""
    response = client.get(reverse("api-openapi"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    return json.loads(response.content)


def test_the_document_is_valid_openapi_3_1(api_document):
    validate(api_document)
    assert api_document["openapi"].startswith("3.1")
    assert {"/api/search/", "/api/suggest/", "/search/export.json", "/data/kb.json"} <= set(
        api_document["paths"]
    )


def test_the_document_keeps_the_contracts_limits(api_document):
    """docs/search-api.md: q up to 500 characters, per_page 1..100, four record types."""
    parameters = {p["name"]: p for p in api_document["paths"]["/api/search/"]["get"]["parameters"]}
    assert parameters["q"]["schema"]["maxLength"] == 500
    assert parameters["per_page"]["schema"] == {"type": "integer", "minimum": 1, "maximum": 100}
    assert parameters["type"]["schema"]["items"]["enum"] == [
        "policy",
        "presentation",
        "study",
        "feedback",
    ]


def test_the_licence_in_the_document_is_the_setting(client, db, settings):
    settings.DATA_LICENCE = "ODbL 1.0"
    document = json.loads(client.get(reverse("api-openapi")).content)
    assert document["info"]["license"]["name"] == "ODbL 1.0"


@pytest.fixture
def live_site(transactional_db, live_server, index) -> str:
    """The live test server's address, serving a small knowledge base."""
    study = StudyFactory(key="study", title="Policies for coffee development in Son La")
    PresentationFactory(key="p01", order=1, title="Chỉ dẫn địa lý cà phê Sơn La", language="vi")
    PolicyFactory(key="pol-2017-gi", title="Geographical indication for Son La coffee")
    FeedbackFactory(key="fb-001", study=study, text="Support small farms")
    from sonla_kb import search

    search.rebuild()
    return live_server.url


# The document as the code builds it; each request goes to the live server given by the fixture.
schema = schemathesis.openapi.from_dict(openapi.document(server_url="http://127.0.0.1"))
# Requests the document allows: the endpoints are lenient on purpose (an empty parameter
# means its default, names are case-insensitive), so schema-violating requests are not all
# rejected; what is checked is that every allowed request is answered as documented.
schema.config.generation.update(
    modes=[schemathesis.GenerationMode.POSITIVE], max_examples=EXAMPLES, deterministic=True
)


@pytest.mark.slow
@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_the_live_endpoints_answer_as_the_document_says(case, live_site):
    # Left out: "a schema-valid request is accepted". A theme that does not exist, a range of
    # years from the later to the earlier, a page past the last are answered 400 by design,
    # as documented; the document cannot list what the database will hold.
    case.call_and_validate(base_url=live_site, excluded_checks=[positive_data_acceptance])
