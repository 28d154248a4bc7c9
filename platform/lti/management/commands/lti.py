"""Tool keys for LTI 1.3 without pasting PEM files: make one, rotate a platform's key, retire an old one."""

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse
from pylti1p3.contrib.django.lti1p3_tool_config.models import LtiTool, LtiToolKey


def new_key(name: str) -> LtiToolKey:
    private = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = private.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode()
    public = (
        private.public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        .decode()
    )
    return LtiToolKey.objects.create(name=name, private_key=pem, public_key=public)


class Command(BaseCommand):
    help = (
        "LTI 1.3 keys and registration. `keygen NAME`: a new tool key. `rotate TOOL_ID`: a new key "
        "for that platform; the old one stays in the JWKS until `retire KEY_ID`, so launches and "
        "grades in flight still verify. `urls BASE_URL`: what to enter in the LMS."
    )

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["keygen", "rotate", "retire", "urls"])
        parser.add_argument("arg")

    def handle(self, action, arg, **options):
        if action == "keygen":
            key = new_key(arg)
            self.stdout.write(f"Made tool key {key.id} ({key.name}); choose it for a platform in the admin.")
        elif action == "rotate":
            tool = LtiTool.objects.filter(pk=arg).first() or self._fail(f"no LTI platform with id {arg}")
            old, tool.tool_key = tool.tool_key, new_key(f"{tool.title} {LtiToolKey.objects.count() + 1}")
            tool.save(update_fields=["tool_key"])
            self.stdout.write(
                f"{tool.title} now signs with key {tool.tool_key.id}; key {old.id} is still "
                f"published. Retire it once the LMS has fetched the JWKS again: lti retire {old.id}"
            )
        elif action == "retire":
            key = LtiToolKey.objects.filter(pk=arg).first() or self._fail(f"no tool key with id {arg}")
            if key.lti_tools.exists():
                self._fail(f"key {key.id} still signs for {', '.join(t.title for t in key.lti_tools.all())}")
            key.delete()
            self.stdout.write(f"Key {arg} retired: no longer in the JWKS.")
        else:
            base = arg.rstrip("/")
            for name, label in (
                ("lti_login", "OIDC login (initiation) URL"),
                ("lti_launch", "Redirect / launch URL"),
                ("lti_launch", "Deep linking URL"),
                ("lti_jwks", "Public keyset (JWKS) URL"),
            ):
                self.stdout.write(f"{label}: {base}{reverse(name)}")

    def _fail(self, message):
        raise CommandError(message)
