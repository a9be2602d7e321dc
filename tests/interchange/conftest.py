"""Fixtures for the interchange tests: write a kb-format file, a small valid document."""

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest


@pytest.fixture
def write_kb(tmp_path: Path) -> Callable[..., Path]:
    """Write a document (a dict, or raw text) as a JSON file under tmp_path; returns its path."""

    def write(document: dict[str, Any] | str, name: str = "kb.json") -> Path:
        path = tmp_path / name
        text = document if isinstance(document, str) else json.dumps(document, ensure_ascii=False)
        path.write_text(text, encoding="utf-8")
        return path

    return write


@pytest.fixture
def full_kb() -> dict[str, Any]:
    """A small valid document with every section, Vietnamese text and markup characters."""
    return {
        "format": "sonla-kb/1",
        "themes": [
            {"name": "GAP", "slug": "gap", "name_vi": "VietGAP", "description": "Good practice."},
            {"name": "Geographical indications", "name_vi": "Chỉ dẫn địa lý"},
        ],
        "workshop": {"title": "Hội thảo cà phê Sơn La", "date": "2025-06-01", "venue": "Sơn La"},
        "study": {"key": "study", "title": "Policies for Coffee Development", "year": 2025},
        "presentations": [
            {"key": "p01", "order": 1, "title": "Opening", "tags": ["gap"]},
            {"key": "p02", "order": 2, "title": "Cà phê <b>đặc sản</b> & GI", "language": "vi"},
        ],
        "policies": [
            {
                "key": "pol-2017-gap",
                "title": "Support for GAP",
                "kind": "decision",
                "issuer": "Son La PPC",
                "issued_on": "2017-03-01",
                "status": "in_force",
                "tags": ["GAP", "Planting area codes"],
            }
        ],
        "feedback": [
            {
                "key": "fb-001",
                "author": "A delegate",
                "about": {"type": "policy", "key": "pol-2017-gap"},
                "text": "Support should reach small farms.",
                "submitted_on": "2025-06-01",
            },
            {
                "key": "fb-002",
                "author": "Đại biểu",
                "about": None,
                "text": "Rất hữu ích.",
                "submitted_on": "2025-06-01",
                "published": False,
                "language": "vi",
                "sample": True,
            },
        ],
        "indicators": [
            {"key": "coffee-area-2024", "name": "Coffee area", "value": 23312, "unit": "ha"},
            {"key": "processed-share", "name": "Processed share", "value": 47.9, "unit": "%"},
        ],
    }
