"""The 收费通知书 becomes a letter of the one letter system.

Each stored ``FeeNotice`` is copied into an ``applications.Letter`` of kind ``fee_notice``:
its text (the same keys, with the letter's ``kind``), its number and title as sent, issued on
the day the notice was sent, its creation time, and the DOCX and PDF exactly as they were
rendered (the bytes move into the letter's files; a notice never rendered is rendered from
its text on first download, as every letter is). The row names its letter; nothing is
deleted, and the table stays as a read-only record. Reversing deletes only the letters this
migration made (the notices still hold everything).
"""

import django.db.models.deletion
from django.core.files.base import ContentFile
from django.db import migrations, models

KIND = "fee_notice"


def copy_notices_into_letters(apps, schema_editor):
    FeeNotice = apps.get_model("fees", "FeeNotice")
    Letter = apps.get_model("applications", "Letter")
    notices = FeeNotice.objects.filter(letter__isnull=True).select_related(
        "charge", "charge__application"
    )
    for notice in notices.order_by("pk").iterator():
        content = dict(notice.content)
        content["kind"] = KIND
        content.setdefault("number", notice.number)
        charge = notice.charge
        letter = Letter(
            application=charge.application,
            kind=KIND,
            title=str(content.get("title") or "政府信息公开信息处理费收费通知书"),
            content=content,
            issued_on=charge.notice_sent_on,
        )
        letter.save()  # the pk names the files, as render_letter_files names them
        rendered = notice.docx is not None and notice.pdf is not None
        for field, payload, suffix in (
            (letter.docx, notice.docx, "docx"),
            (letter.pdf, notice.pdf, "pdf"),
        ):
            if payload is not None:
                field.save(f"{KIND}-{letter.pk}.{suffix}", ContentFile(bytes(payload)), save=False)
        letter.rendered_at = notice.created_at if rendered else None
        letter.save()
        # auto_now_add stamped "now": the letter keeps the notice's own creation time, so the
        # case's letters stay in the order they were made.
        Letter.objects.filter(pk=letter.pk).update(created_at=notice.created_at)
        FeeNotice.objects.filter(pk=notice.pk).update(letter=letter)


def remove_copied_letters(apps, schema_editor):
    FeeNotice = apps.get_model("fees", "FeeNotice")
    Letter = apps.get_model("applications", "Letter")
    copied = list(
        FeeNotice.objects.filter(letter__isnull=False).values_list("letter_id", flat=True)
    )
    FeeNotice.objects.filter(letter__isnull=False).update(letter=None)
    for letter in Letter.objects.filter(pk__in=copied):
        for field in (letter.docx, letter.pdf):
            if field:
                field.delete(save=False)
        letter.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("applications", "0010_letter_kind_fee_notice"),
        ("fees", "0001_initial"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="feenotice",
            options={
                "verbose_name": "收费通知书（旧记录，只读）",
                "verbose_name_plural": "收费通知书（旧记录，只读）",
            },
        ),
        migrations.AddField(
            model_name="feenotice",
            name="letter",
            field=models.OneToOneField(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="applications.letter",
                verbose_name="转入的文书",
            ),
        ),
        migrations.RunPython(copy_notices_into_letters, remove_copied_letters),
    ]
