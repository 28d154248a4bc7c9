"""The summary triggers fire on an update only when the summary can change. A claim (queued to running)
and a grader retry (running to queued) change no count, but each recomputed the pair's row under its
advisory lock: in a class-sized burst the claim's UPDATE took 9.3 ms, most of it in the trigger and
waiting for that lock (pg_stat_statements, scripts/bench-load).

The summary reads user_id, exercise_id, mode, created_at, status and whether state is 'done' (0006,
0007); the update trigger now fires only when one of those differs."""

import importlib

from django.db import migrations

summary = importlib.import_module("learning.migrations.0006_exercisesummary")
burst = importlib.import_module("learning.migrations.0007_burst_grader_failures")

READ = ("user_id", "exercise_id", "mode", "created_at", "status")


def changed(distinct: str) -> str:
    """The trigger's WHEN: a column the summary reads differs (`distinct`: the null-safe "differs")."""
    columns = [f"OLD.{c} {distinct} NEW.{c}" for c in READ]
    return "(" + " OR ".join(columns + [f"(OLD.state = 'done') {distinct} (NEW.state = 'done')"]) + ")"


POSTGRES_ALWAYS = f"""
CREATE TRIGGER learning_submission_summary AFTER INSERT OR DELETE OR UPDATE OF {summary.WATCHED}
    ON learning_submission FOR EACH ROW EXECUTE FUNCTION learning_submission_summarise()"""
POSTGRES_WHEN_CHANGED = [
    """CREATE TRIGGER learning_submission_summary AFTER INSERT OR DELETE
    ON learning_submission FOR EACH ROW EXECUTE FUNCTION learning_submission_summarise()""",
    f"""CREATE TRIGGER learning_submission_summary_update AFTER UPDATE OF {summary.WATCHED}
    ON learning_submission FOR EACH ROW WHEN {changed("IS DISTINCT FROM")}
    EXECUTE FUNCTION learning_submission_summarise()""",
]


def sqlite_update_trigger(when: bool) -> list:
    create = [s for s in burst.statements(burst.SUMMARY, "sqlite") if "summary_update AFTER UPDATE" in s]
    assert len(create) == 1 and " ON learning_submission BEGIN " in create[0], "0007's triggers changed"
    if when:
        create = [
            create[0].replace(
                " ON learning_submission BEGIN ",
                f" ON learning_submission FOR EACH ROW WHEN {changed('IS NOT')} BEGIN ",
            )
        ]
    return ["DROP TRIGGER IF EXISTS learning_submission_summary_update"] + create


def triggers(when: bool):
    def run(apps, schema_editor):
        vendor = schema_editor.connection.vendor
        if vendor == "postgresql":
            drop = [
                "DROP TRIGGER IF EXISTS learning_submission_summary ON learning_submission",
                "DROP TRIGGER IF EXISTS learning_submission_summary_update ON learning_submission",
            ]
            statements = drop + (POSTGRES_WHEN_CHANGED if when else [POSTGRES_ALWAYS])
        elif vendor == "sqlite":
            statements = sqlite_update_trigger(when)
        else:
            raise NotImplementedError(f"no summary triggers for {vendor}")
        for statement in statements:
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("learning", "0010_merge_hints_placement"),
    ]

    operations = [
        migrations.RunPython(triggers(when=True), triggers(when=False)),
    ]
