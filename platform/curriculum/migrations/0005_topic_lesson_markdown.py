from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("curriculum", "0004_exercise_statement")]

    operations = [
        migrations.AddField(model_name="topic", name="lesson", field=models.TextField(blank=True)),
    ]
