"""`flask --app server staff ...`: personal staff accounts, and the retention purge."""
from __future__ import annotations

import sys

import click
from flask.cli import AppGroup

from bot import cases, staff
from bot.web import settings, store

staff_cli = AppGroup("staff", help="Staff accounts of the dashboard.")


@staff_cli.command("create")
@click.argument("username")
@click.option("--role", type=click.Choice(staff.ROLES), default="agent", show_default=True)
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input.")
def create(username: str, role: str, password_stdin: bool) -> None:
    """Create an account (or reset its role and password)."""
    if password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    try:
        staff.create(store(), username.lower(), role, password)
    except staff.StaffError as exc:
        raise click.ClickException(str(exc))
    staff.audit(store(), "cli", "account_created", detail=f"{username.lower()} ({role})")
    click.echo(f"{username.lower()}: {role}")


@staff_cli.command("list")
def list_accounts() -> None:
    """List the accounts."""
    for user in staff.accounts(store()):
        click.echo(f"{user['username']}\t{user['role']}\t{'disabled' if user.get('disabled') else 'active'}")


@staff_cli.command("disable")
@click.argument("username")
def disable(username: str) -> None:
    """Disable an account and end its sessions."""
    if not staff.disable(store(), username.lower()):
        raise click.ClickException(f"no account {username!r}")
    staff.audit(store(), "cli", "account_disabled", detail=username.lower())
    click.echo(f"{username.lower()}: disabled")


@staff_cli.command("purge")
def purge() -> None:
    """Delete transcripts and notes of cases closed more than CASE_RETENTION_DAYS ago."""
    count = cases.purge_closed(store(), settings().case_retention_days)
    click.echo(f"purged {count} closed case(s)")
