"""ExerciseSummary, and the triggers that keep it: every insert, delete or relevant update of a
submission recomputes its (learner, exercise) row from that pair's submissions. Triggers rather
than application code, because submissions are also written by bulk inserts and queryset
updates, which no save() or signal sees.

Beware: on SQLite, a later migration that alters learning_submission makes Django rebuild the
table, which drops these triggers; such a migration must create them again."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

SUMMARY = """
    INSERT INTO learning_exercisesummary
        (user_id, exercise_id, attempts, passes, first_graded_at, first_passed_at, last_at)
    SELECT user_id, exercise_id,
        SUM(CASE WHEN mode = 'grade' AND state = 'done' THEN 1 ELSE 0 END),
        SUM(CASE WHEN mode = 'grade' AND status = 'passed' THEN 1 ELSE 0 END),
        MIN(CASE WHEN mode = 'grade' AND state = 'done' THEN created_at END),
        MIN(CASE WHEN mode = 'grade' AND status = 'passed' THEN created_at END),
        MAX(created_at)
    FROM learning_submission {where} GROUP BY user_id, exercise_id"""


def refresh(user, exercise):
    """Recompute one pair's row, or remove it with the pair's last submission. An upsert rather
    than delete-and-insert: it changes no indexed column, so Postgres updates the row in place
    instead of leaving a dead row and index entries behind for every verdict."""
    where = f"user_id = {user} AND exercise_id = {exercise}"
    return (
        SUMMARY.format(where=f"WHERE {where}")
        + """
        ON CONFLICT (user_id, exercise_id) DO UPDATE SET attempts = excluded.attempts, passes = excluded.passes,
            first_graded_at = excluded.first_graded_at, first_passed_at = excluded.first_passed_at,
            last_at = excluded.last_at;"""
        + f"""
        DELETE FROM learning_exercisesummary
        WHERE {where} AND NOT EXISTS (SELECT 1 FROM learning_submission WHERE {where});"""
    )


WATCHED = "user_id, exercise_id, mode, state, status, created_at"

POSTGRES = [
    f"""
CREATE FUNCTION learning_summarise(u bigint, e bigint) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    -- One writer per pair at a time: the next one waits, then reads what the first committed.
    PERFORM pg_advisory_xact_lock(mod(u, 2147483647)::int, mod(e, 2147483647)::int);
    {refresh("u", "e")}
END $$""",
    """
CREATE FUNCTION learning_submission_summarise() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' THEN
        PERFORM learning_summarise(OLD.user_id, OLD.exercise_id);
    END IF;
    IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE'
                            AND (OLD.user_id, OLD.exercise_id) IS DISTINCT FROM (NEW.user_id, NEW.exercise_id)) THEN
        PERFORM learning_summarise(NEW.user_id, NEW.exercise_id);
    END IF;
    RETURN NULL;
END $$""",
    f"""
CREATE TRIGGER learning_submission_summary AFTER INSERT OR DELETE OR UPDATE OF {WATCHED}
    ON learning_submission FOR EACH ROW EXECUTE FUNCTION learning_submission_summarise()""",
]

SQLITE = [
    f"CREATE TRIGGER learning_submission_summary_insert AFTER INSERT ON learning_submission "
    f"BEGIN {refresh('NEW.user_id', 'NEW.exercise_id')} END",
    f"CREATE TRIGGER learning_submission_summary_update AFTER UPDATE OF {WATCHED} ON learning_submission "
    f"BEGIN {refresh('OLD.user_id', 'OLD.exercise_id')} {refresh('NEW.user_id', 'NEW.exercise_id')} END",
    f"CREATE TRIGGER learning_submission_summary_delete AFTER DELETE ON learning_submission "
    f"BEGIN {refresh('OLD.user_id', 'OLD.exercise_id')} END",
]


def create_triggers(apps, schema_editor):
    statements = {"postgresql": POSTGRES, "sqlite": SQLITE}.get(schema_editor.connection.vendor)
    if statements is None:
        raise NotImplementedError(f"no summary triggers for {schema_editor.connection.vendor}")
    for statement in statements + [SUMMARY.format(where="")]:  # the last: the submissions already there
        schema_editor.execute(statement)


def drop_triggers(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        statements = [
            "DROP TRIGGER learning_submission_summary ON learning_submission",
            "DROP FUNCTION learning_submission_summarise()",
            "DROP FUNCTION learning_summarise(bigint, bigint)",
        ]
    else:
        statements = [f"DROP TRIGGER learning_submission_summary_{event}" for event in ("insert", "update", "delete")]
    for statement in statements:
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [
        ("curriculum", "0002_quizquestion"),
        ("learning", "0005_failedtest"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="ExerciseSummary",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("attempts", models.PositiveIntegerField()),
                ("passes", models.PositiveIntegerField()),
                ("first_graded_at", models.DateTimeField(null=True)),
                ("first_passed_at", models.DateTimeField(null=True)),
                ("last_at", models.DateTimeField()),
                (
                    "exercise",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE, related_name="+", to="curriculum.exercise"
                    ),
                ),
                (
                    "user",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE, related_name="+", to=settings.AUTH_USER_MODEL
                    ),
                ),
            ],
            options={
                "constraints": [models.UniqueConstraint(fields=("user", "exercise"), name="one_summary_per_exercise")],
            },
        ),
        migrations.RunPython(create_triggers, drop_triggers),
    ]
