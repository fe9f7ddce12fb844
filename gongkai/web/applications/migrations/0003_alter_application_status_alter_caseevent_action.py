from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("applications", "0002_case_workspace")]
    operations = []
