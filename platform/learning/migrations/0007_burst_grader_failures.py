"""Submissions remember which task and worker claimed them (so a redelivered task can take its row
back after its worker died, and a restarted worker can release its predecessor's rows), and the
summary triggers stop counting "grader-failed" verdicts as the learner's attempts: the grader failed,
not the learner.

The triggers of 0006 are created again with the new summary SQL: on SQLite, adding a column with a
default rebuilds learning_submission, which drops them anyway."""

import importlib

from django.db import migrations, models

summary = importlib.import_module("learning.migrations.0006_exercisesummary")

GRADED = "mode = 'grade' AND state = 'done' AND status <> 'grader-failed'"
SUMMARY = summary.SUMMARY.replace("mode = 'grade' AND state = 'done'", GRADED)
assert SUMMARY.count(GRADED) == 2, "0006's summary SQL changed; update this migration"


def statements(sql: str, vendor: str) -> list:
    old, summary.SUMMARY = summary.SUMMARY, sql
    try:  # 0006's refresh() reads SUMMARY when it is called: build the statements with `sql`
        refresh = summary.refresh
        if vendor == "postgresql":
            return [
                f"""
CREATE OR REPLACE FUNCTION learning_summarise(u bigint, e bigint) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_advisory_xact_lock(mod(u, 2147483647)::int, mod(e, 2147483647)::int);
    {refresh("u", "e")}
END $$"""
            ]
        events = ("insert", "update", "delete")
        drop = [f"DROP TRIGGER IF EXISTS learning_submission_summary_{event}" for event in events]
        return drop + [
            f"CREATE TRIGGER learning_submission_summary_insert AFTER INSERT ON learning_submission "
            f"BEGIN {refresh('NEW.user_id', 'NEW.exercise_id')} END",
            f"CREATE TRIGGER learning_submission_summary_update AFTER UPDATE OF {summary.WATCHED} "
            f"ON learning_submission BEGIN {refresh('OLD.user_id', 'OLD.exercise_id')} "
            f"{refresh('NEW.user_id', 'NEW.exercise_id')} END",
            f"CREATE TRIGGER learning_submission_summary_delete AFTER DELETE ON learning_submission "
            f"BEGIN {refresh('OLD.user_id', 'OLD.exercise_id')} END",
        ]
    finally:
        summary.SUMMARY = old


def recount(sql: str):
    def run(apps, schema_editor):
        vendor = schema_editor.connection.vendor
        if vendor not in ("postgresql", "sqlite"):
            raise NotImplementedError(f"no summary triggers for {vendor}")
        for statement in statements(sql, vendor):
            schema_editor.execute(statement)
        schema_editor.execute("DELETE FROM learning_exercisesummary")  # recount every pair with the new rule
        schema_editor.execute(sql.format(where=""))

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("learning", "0006_exercisesummary"),
    ]

    operations = [
        migrations.AddField(
            model_name="submission",
            name="grader",
            field=models.CharField(blank=True, default="", max_length=255),
        ),
        migrations.AddField(
            model_name="submission",
            name="task_id",
            field=models.CharField(blank=True, default="", max_length=64),
        ),
        migrations.RunPython(recount(SUMMARY), recount(summary.SUMMARY)),
    ]
