"""TestOut is now TopicTestOut: a production class named Test* needed `__test__ = False` to keep pytest
from collecting it. The table is renamed with it (learning_testout to learning_topictestout); no data
changes."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("learning", "0011_summary_only_when_it_can_change"),
    ]

    operations = [
        migrations.RenameModel(old_name="TestOut", new_name="TopicTestOut"),
    ]
