"""export_kb is a full backup, files included: the README's restore gives the same knowledge base.

The restore runs as the README says, command by command, into a new empty database
(of the same kind as the test database) with empty media and index folders.
"""

import contextlib
import json
import subprocess
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection

from presentations.models import Feedback, Presentation
from sonla_kb.attachments.services import attach_file
from tests.attachments.builders import make_pdf
from tests.interchange.helpers import run_export, run_import

from .helpers import MANAGE, PYTHON, ROOT, child_env, database_url

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


@contextlib.contextmanager
def empty_database(folder: Path):
    """The DATABASE_URL of a new, empty database, dropped afterwards."""
    if connection.vendor == "sqlite":
        yield f"sqlite:///{folder / 'restored.sqlite3'}"
        return
    import psycopg

    name = f"restore_{uuid.uuid4().hex[:12]}"
    s = connection.settings_dict
    admin = psycopg.connect(
        dbname="postgres",
        user=s["USER"],
        password=s["PASSWORD"],
        host=s["HOST"],
        port=s["PORT"],
        autocommit=True,
    )
    try:
        admin.execute(f'CREATE DATABASE "{name}"')
        yield database_url().rsplit("/", 1)[0] + f"/{name}"
    finally:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


def manage(*args: str, env: dict) -> str:
    """Run a management command as the README shows; its output."""
    result = subprocess.run(
        [PYTHON, MANAGE, *args],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_backup_and_restore_into_an_empty_database(tmp_path, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        run_import(settings.WORKSHOP_DATASET)
        deck = make_pdf(["Geographical indication for Son La Arabica"])
        attach_file(
            record=Presentation.objects.order_by("order").first(),
            name="Chỉ dẫn địa lý.pdf",
            data=deck,
            title="Slides <draft>",
        )
        hidden = Feedback.objects.first()
        hidden.published = False
        hidden.save()
    backup = tmp_path / "backup" / "kb.json"
    assert run_export(backup) == ""
    document = json.loads(backup.read_text())
    (entry,) = [
        f for p in document["presentations"] for f in p["files"] if f["title"] == "Slides <draft>"
    ]
    assert (backup.parent / entry["path"]).read_bytes() == deck

    with empty_database(tmp_path) as url:
        env = child_env(
            index=tmp_path / "restored-index",
            DATABASE_URL=url,
            MEDIA_ROOT=str(tmp_path / "restored-media"),
        )
        manage("migrate", "--noinput", env=env)
        manage("import_kb", str(backup), env=env)
        manage("rebuild_index", env=env)
        assert "agrees" in manage("check_index", env=env)
        again = tmp_path / "again" / "kb.json"
        manage("export_kb", str(again), env=env)
        found = manage(
            "shell",
            "-c",
            "from sonla_kb import search; "
            "a = search.search(search.parse_params({'q': 'chỉ dẫn địa lý'})); "
            "print(a['total'], a['notice'])",
            env=env,
        )

    assert again.read_bytes() == backup.read_bytes()
    assert (again.parent / entry["path"]).read_bytes() == deck
    for path in backup.parent.rglob("*"):  # every attached file, byte for byte
        if path.is_file():
            assert (
                again.parent / path.relative_to(backup.parent)
            ).read_bytes() == path.read_bytes()
    total, notice = found.splitlines()[-1].split()
    assert int(total) > 0 and notice == "None"
    assert list((tmp_path / "restored-media").rglob("*.pdf"))


def test_the_backup_is_written_whole_or_not_at_all(tmp_path, monkeypatch):
    backup = tmp_path / "kb.json"
    backup.write_text("the previous backup")

    def fail(**kwargs):
        raise OSError("disk full")

    monkeypatch.setattr("sonla_kb.interchange.exporter.export_sections", fail)
    with pytest.raises(OSError, match="disk full"):
        call_command("export_kb", str(backup))
    assert backup.read_text() == "the previous backup"
    assert [p.name for p in tmp_path.iterdir()] == ["kb.json"]
