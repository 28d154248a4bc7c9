"""`manage.py content sync` loads content/ into the database; `manage.py content validate` proves
every reference solution passes and every mutant fails through the real grader."""
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from curriculum import content
from grader.backends import get_backend


class Command(BaseCommand):
    help = "Load (sync) or prove (validate) the curriculum in CONTENT_DIR."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["sync", "validate"])
        parser.add_argument("--topic", action="append", help="validate only these topic ids")
        parser.add_argument("--workers", type=int, default=2)
        parser.add_argument("--dir", default=str(settings.CONTENT_DIR))

    def handle(self, action, topic, workers, dir, **options):
        try:
            topics = content.load(dir)
        except content.ContentError as e:
            raise CommandError(f"{len(e.problems)} problem(s) in {dir}:\n  " + "\n  ".join(e.problems))
        if action == "sync":
            from curriculum.sync import sync
            counts = sync(topics)
            self.stdout.write(self.style.SUCCESS(
                f"Synced {counts['topics']} topics and {counts['exercises']} exercises "
                f"({counts['changed_checks']} checks changed, {counts['retired']} retired)."))
            return
        self._validate(topics, topic, workers)

    def _validate(self, topics, only, workers):
        from curriculum.validate import validate
        if only:
            unknown = set(only) - set(topics)
            if unknown:
                raise CommandError(f"unknown topic(s): {', '.join(sorted(unknown))}")
            topics = {tid: t for tid, t in topics.items() if tid in only}
        started = time.monotonic()
        ok = validate(topics, get_backend(settings.GRADER_BACKEND), workers=workers, report=self.stdout.write)
        self.stdout.write(f"Graph: {len(topics)} topics, acyclic, every prerequisite exists. "
                          f"({time.monotonic() - started:.0f} s)")
        if not ok:
            raise CommandError("content validation failed (see above)")
        self.stdout.write(self.style.SUCCESS("Content is valid."))
