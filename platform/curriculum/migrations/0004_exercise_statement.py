from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("curriculum", "0003_exercise_hints_explanation")]

    operations = [
        migrations.AddField(model_name="exercise", name="statement", field=models.TextField(blank=True)),
    ]
