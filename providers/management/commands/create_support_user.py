"""Create a support staff account: can keep provider records current, cannot manage users."""

from __future__ import annotations

import getpass
import os
import sys
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractUser, Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

# Bad input to a command: one line on standard error, exit status 2.
USAGE_ERROR = 2

# Created by providers/migrations/0004_support_group.py.
SUPPORT_GROUP = "support"
PASSWORD_ENV = "SUPPORT_USER_PASSWORD"


class Command(BaseCommand):
    help = (
        "Create a staff user in the support group (or add an existing one to it and set its "
        f"password). The password comes from --password, else ${PASSWORD_ENV}, else a prompt "
        "on a terminal; without a terminal one of the first two is required."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--email", default="")
        parser.add_argument("--password", help=f"the password (or set ${PASSWORD_ENV})")
        parser.add_argument(
            "--no-input",
            "--noinput",
            action="store_false",
            dest="interactive",
            help="never prompt; fail if no password is given",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        password = options["password"] or os.environ.get(PASSWORD_ENV, "")
        if not password:
            if not (options["interactive"] and sys.stdin.isatty()):
                raise CommandError(
                    f"No password given: pass --password or set {PASSWORD_ENV} "
                    "(or run on a terminal to be asked).",
                    returncode=USAGE_ERROR,
                )
            password = ask_password()
        user, created = create_support_user(
            username=options["username"], password=password, email=options["email"]
        )
        verb = "created" if created else "updated"
        self.stdout.write(f"support user {user.get_username()!r} {verb}")


def ask_password() -> str:
    password = getpass.getpass("Password: ")
    if password != getpass.getpass("Password (again): "):
        raise CommandError("The two passwords differ.", returncode=USAGE_ERROR)
    return password


@transaction.atomic
def create_support_user(
    *, username: str, password: str, email: str = ""
) -> tuple[AbstractUser, bool]:
    """A staff account in the support group with `password`; (user, whether it is new).

    Refuses a superuser: such an account already can do everything, and putting it in
    the group would suggest otherwise.
    """
    try:
        group = Group.objects.get(name=SUPPORT_GROUP)
    except Group.DoesNotExist:
        raise CommandError(
            f"The {SUPPORT_GROUP!r} group does not exist; run manage.py migrate first.",
            returncode=USAGE_ERROR,
        ) from None
    user_model = get_user_model()
    user = user_model.objects.filter(username=username).first()
    created = user is None
    if user is None:
        user = user_model(username=username)
    elif user.is_superuser:
        raise CommandError(
            f"{username!r} is a superuser; choose another user name.", returncode=USAGE_ERROR
        )
    user.is_staff = True
    user.is_active = True
    if email:
        user.email = email
    try:
        user.full_clean(exclude=["password"])
    except ValidationError as error:
        raise CommandError(
            f"User refused: {' '.join(error.messages)}", returncode=USAGE_ERROR
        ) from None
    try:
        validate_password(password, user)
    except ValidationError as error:
        raise CommandError(
            f"Password refused: {' '.join(error.messages)}", returncode=USAGE_ERROR
        ) from None
    user.set_password(password)
    user.save()
    user.groups.add(group)
    return user, created
