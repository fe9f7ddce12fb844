from django.db import migrations, models


class Migration(migrations.Migration):
    """§37: the ground of the withheld part of a 部分公开 answer, which its reply cites.

    Answers decided before this field existed keep an empty value; their stored replies are
    unchanged (a letter is re-drafted only by a new decision)."""

    dependencies = [
        ("applications", "0006_released_files"),
    ]

    operations = [
        migrations.AddField(
            model_name="application",
            name="withheld_ground",
            field=models.CharField(
                blank=True,
                choices=[
                    ("DENIED_STATE_SECRET", "属于国家秘密（第十四条）"),
                    ("DENIED_LAW_PROHIBITED", "其他法律行政法规禁止公开（第十四条）"),
                    ("DENIED_SECURITY_STABILITY", "危及“三安全一稳定”（第十四条）"),
                    ("DENIED_THIRD_PARTY", "保护第三方合法权益（第十五条）"),
                    ("DENIED_INTERNAL", "属于三类内部事务信息（第十六条第一款）"),
                    ("DENIED_PROCESS", "属于四类过程性信息（第十六条第二款）"),
                    ("DENIED_ENFORCEMENT_FILE", "属于行政执法案卷（第十六条第二款）"),
                    ("NOT_GOVERNMENT_INFORMATION", "不属于政府信息（第二条）"),
                ],
                max_length=40,
                verbose_name="不予公开部分的理由类别",
            ),
        ),
    ]
