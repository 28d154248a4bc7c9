"""Creates (or resets) a demo learner and a demo admin, printing their new passwords."""

import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Create or reset the demo accounts 'learner' and 'admin' with fresh random passwords."

    def handle(self, **options):
        User = get_user_model()
        for username, is_admin in (("learner", False), ("admin", True)):
            password = secrets.token_urlsafe(9)
            user, _ = User.objects.get_or_create(username=username)
            user.is_staff = user.is_superuser = is_admin
            user.set_password(password)
            user.save()
            self.stdout.write(f"  {username:8} password: {password}")
