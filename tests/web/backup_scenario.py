"""The installation side of tests/web/test_backup_restore.py, run in its own process (the
installation's own settings: GONGKAI_VAR_DIR, DATABASE_URL), one step per argument:

* ``load``: migrate, load a small demo (through the services, with its audit trail and the
  published report's files), and store one of each kind of file: a letter's DOCX and PDF, a
  scanned proof of service, an applicant's upload;
* ``dump PATH``: every row of every model (``dumpdata``, ordered by primary key) to PATH;
* ``touch``: a change after the backup (a user and a stored file) that a restore undoes.
"""

from __future__ import annotations

import logging
import os
import sys

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.web.settings")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.core.files.base import ContentFile  # noqa: E402
from django.core.management import call_command  # noqa: E402

PNG = bytes.fromhex("89504e470d0a1a0a") + bytes(range(256)) * 4


def load() -> None:
    from gongkai.web import demo
    from gongkai.web.applications.letter_files import ensure_letter_files
    from gongkai.web.applications.models import Letter, ServiceRecord

    call_command("migrate", interactive=False, verbosity=0)
    logging.getLogger("gongkai").setLevel(logging.WARNING)
    demo.load_demo(seed=3, count=10)
    ensure_letter_files(Letter.objects.order_by("pk").first())  # type: ignore[arg-type]
    record = ServiceRecord.objects.order_by("pk").first()
    assert record is not None
    record.proof_file.save("送达回证.png", ContentFile(PNG), save=True)
    upload = settings.MEDIA_ROOT / "portal" / "ab" / "身份证明.jpg"
    upload.parent.mkdir(parents=True, exist_ok=True)
    upload.write_bytes(bytes(reversed(PNG)))


def dump(path: str) -> None:
    with open(path, "w", encoding="utf-8") as out:
        call_command("dumpdata", format="json", indent=1, stdout=out)


def touch() -> None:
    from django.contrib.auth import get_user_model

    get_user_model().objects.create_user("after-backup", password="not-in-the-backup-1")
    (settings.MEDIA_ROOT / "after-backup.txt").write_text("恢复后不应存在", encoding="utf-8")


if __name__ == "__main__":
    steps = sys.argv[1:]
    while steps:
        step = steps.pop(0)
        if step == "load":
            load()
        elif step == "dump":
            dump(steps.pop(0))
        elif step == "touch":
            touch()
        else:
            raise SystemExit(f"unknown step {step}")
