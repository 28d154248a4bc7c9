"""`manage.py content sync` loads content/ into the database; `manage.py content validate` proves
every reference solution and alternative passes and every mutant fails through the real grader;
`manage.py content mutant TOPIC/EXERCISE [NAME]` lists an exercise's mutants or prints one as built."""

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from curriculum import content


class Command(BaseCommand):
    help = "Load (sync), prove (validate) or show a built mutant of (mutant) the curriculum in CONTENT_DIR."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["sync", "validate", "mutant"])
        parser.add_argument("exercise", nargs="?", help="mutant: TOPIC/EXERCISE")
        parser.add_argument("name", nargs="?", help="mutant: the mutant to print; leave out to list them")
        parser.add_argument("--topic", action="append", help="validate only these topic ids")
        parser.add_argument("--workers", type=int, default=2)
        parser.add_argument("--dir", default=str(settings.CONTENT_DIR))
        parser.add_argument("--no-cache", action="store_true", help="validate: grade everything again")

    def handle(self, action, topic, workers, dir, exercise=None, name=None, no_cache=False, **options):
        try:
            topics = content.load(dir)
        except content.ContentError as e:
            raise CommandError(f"{len(e.problems)} problem(s) in {dir}:\n  " + "\n  ".join(e.problems)) from None
        if action == "sync":
            from curriculum.sync import sync

            counts = sync(topics)
            self.stdout.write(
                self.style.SUCCESS(
                    f"Synced {counts['topics']} topics and {counts['exercises']} exercises "
                    f"({counts['changed_checks']} checks changed, {counts['retired']} retired)."
                )
            )
            return
        if action == "mutant":
            return self._mutant(topics, exercise, name)
        self._validate(topics, topic, workers, no_cache)

    def _mutant(self, topics, target, name):
        topic_id, _, slug = (target or "").partition("/")
        found = next((e for e in getattr(topics.get(topic_id), "exercises", []) if e.id == slug), None)
        if found is None:
            raise CommandError(f"no exercise {target!r}: give TOPIC/EXERCISE, e.g. EI2/einsum-basics")
        names = sorted(n.removesuffix(".py") for n in found.mutants)
        if not name:
            self.stdout.write("\n".join(names))
            return
        if f"{name}.py" not in found.mutants:
            raise CommandError(f"{target} has no mutant {name!r}; it has: {', '.join(names)}")
        self.stdout.write(found.mutants[f"{name}.py"], ending="")

    def _validate(self, topics, only, workers, no_cache):
        from curriculum.validate import proof_backend, validate

        if only:
            unknown = set(only) - set(topics)
            if unknown:
                raise CommandError(f"unknown topic(s): {', '.join(sorted(unknown))}")
            topics = {tid: t for tid, t in topics.items() if tid in only}
        started = time.monotonic()
        cache = None if no_cache else settings.VAR_DIR / "content-validate-cache.json"
        backend = proof_backend(topics, settings.GRADER_BACKEND)
        try:
            ok = validate(topics, backend, workers=workers, report=self.stdout.write, cache_path=cache)
        finally:
            backend.close()
        self.stdout.write(
            f"Graph: {len(topics)} topics, acyclic, every prerequisite exists. ({time.monotonic() - started:.0f} s)"
        )
        if not ok:
            raise CommandError("content validation failed (see above)")
        self.stdout.write(self.style.SUCCESS("Content is valid."))
