"""The command line: a thin front on the services, for municipal IT, scripts and tests.

Exit codes: 0 ok, 1 an error the user can act on (one line on stderr in the user's language,
never a traceback), 2 usage. The passphrase comes from ``WERKPLEIN_PASSPHRASE`` or is asked
without echo; a new one from ``WERKPLEIN_NEW_PASSPHRASE`` or asked twice.
"""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from werkplein import __version__, i18n, logs
from werkplein.domain.roles import Role, role_label
from werkplein.errors import WerkpleinError
from werkplein.i18n import N_, _

if TYPE_CHECKING:
    from werkplein.sync.report import SyncReport

PASSPHRASE_ENV = "WERKPLEIN_PASSPHRASE"
NEW_PASSPHRASE_ENV = "WERKPLEIN_NEW_PASSPHRASE"


class PassphraseMissing(WerkpleinError):
    msgid = N_("No passphrase given: type it when asked, or set WERKPLEIN_PASSPHRASE.")


class PassphraseMismatch(WerkpleinError):
    msgid = N_("The two passphrases differ. Nothing was changed.")


class UnexpectedError(WerkpleinError):
    msgid = N_("An unexpected error occurred ({kind}). Nothing more was changed; see the log.")


def default_data_dir() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir("Werkplein", appauthor=False)) / "profiel"


def read_passphrase(prompt: str | None = None) -> str:
    value = os.environ.get(PASSPHRASE_ENV)
    if value is not None:
        return value
    if not sys.stdin.isatty():
        raise PassphraseMissing()
    return getpass.getpass(prompt or _("Passphrase: "))


def read_new_passphrase() -> str:
    value = os.environ.get(NEW_PASSPHRASE_ENV)
    if value is not None:
        return value
    if not sys.stdin.isatty():
        raise PassphraseMissing(
            N_("No new passphrase given: type it when asked, or set WERKPLEIN_NEW_PASSPHRASE.")
        )
    first = getpass.getpass(_("New passphrase: "))
    if getpass.getpass(_("New passphrase again: ")) != first:
        raise PassphraseMismatch()
    return first


def _passphrase_for_new_profile() -> str:
    value = os.environ.get(PASSPHRASE_ENV)
    if value is not None:
        return value
    if not sys.stdin.isatty():
        raise PassphraseMissing()
    first = getpass.getpass(_("Choose a passphrase: "))
    if getpass.getpass(_("Passphrase again: ")) != first:
        raise PassphraseMismatch()
    return first


# ---------------------------------------------------------------------- commands
def cmd_gui(args: argparse.Namespace) -> int:
    from ui.app import run

    return run(args.data_dir)


def cmd_init(args: argparse.Namespace) -> int:
    from werkplein.services.session import Session

    passphrase = _passphrase_for_new_profile()
    with Session.create(args.data_dir, passphrase, args.name, args.role) as session:
        logs.setup(args.data_dir)
        logs.logger.info("profile created, device %s", session.store.device_id)
        print(
            _(
                "Profile created for {name} ({role}).",
                name=session.user.name,
                role=session.user.role_label,
            )
        )
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from werkplein.demo import DEMO_PASSPHRASE, build_demo, renew_demo

    passphrase = os.environ.get(PASSPHRASE_ENV) or DEMO_PASSPHRASE
    make = renew_demo if args.renew else build_demo
    summary = make(
        args.data_dir,
        passphrase,
        residents=args.residents,
        seed=args.seed,
        role=args.role,
        today=dt.date.fromisoformat(args.today) if args.today else None,
    )
    if summary is None:
        print(_("The demo region in this folder is already of that day; nothing changed."))
    else:
        _report_demo(args.data_dir, summary)
    if not os.environ.get(PASSPHRASE_ENV):
        print(_("Demo passphrase: {passphrase}", passphrase=DEMO_PASSPHRASE))
    return 0


def _report_demo(data_dir: Path, summary: dict[str, Any]) -> None:
    logs.setup(data_dir)
    logs.logger.info("demo region created: %s residents", summary["residents"])
    print(
        _(
            "Demo region created: {n} fictional residents in {gemeenten}, as of {day}.",
            n=summary["residents"],
            gemeenten=", ".join(summary["gemeenten"]),
            day=summary["today"],
        )
    )


def _open(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from werkplein.services.session import Session

    passphrase = read_passphrase()
    session = Session.open(args.data_dir, passphrase)
    logs.setup(args.data_dir)
    return session


def cmd_import_residents(args: argparse.Namespace) -> int:
    with _open(args) as session:
        result = session.residents.import_csv(args.file)
        logs.logger.info(
            "import: %s created, %s updated, %s unchanged",
            result.created,
            result.updated,
            result.unchanged,
        )
        print(result.summary())
    return 0


def cmd_status(args: argparse.Namespace) -> int:
    with _open(args) as session:
        status = session.profile.status().to_json()
    if args.json:
        print(json.dumps(status, indent=2, ensure_ascii=False))
        return 0
    print(
        _("Profile of {name} ({role})", name=status["user"]["name"], role=session.user.role_label)
    )
    print(_("Schema version: {v}", v=status["schema_version"]))
    print(_("Device: {d}", d=status["device_id"]))
    for key, count in status["counts"].items():
        print(f"  {key}: {count}")
    print(_("Changes in the log: {n}", n=status["changes"]))
    print(_("Changes not yet on the shared folder: {n}", n=status["pending"]))
    print(_("Conflicts waiting for a choice: {n}", n=status["conflicts"]))
    print(_("Digest: {d}", d=status["digest"]))
    return 0


# ---------------------------------------------------------------------- share and sync
def cmd_share_create(args: argparse.Namespace) -> int:
    with _open(args) as session:
        report = session.sharing.create_share(args.share.expanduser())
        logs.logger.info("share created, %s changes sent", report.sent_changes)
    print(_("The werkplein has been created on the shared folder."))
    print(_("Sent: {n} changes in {files} files.", n=report.sent_changes, files=report.sent_files))
    return 0


def cmd_share_invite(args: argparse.Namespace) -> int:
    with _open(args) as session:
        code = session.sharing.invite(args.name, args.role)
        logs.logger.info("invitation written")
    print(
        _(
            "Invitation for {name} ({role}). Give this one-time code to your colleague in "
            "person or by phone; it is valid for 14 days:",
            name=args.name.strip(),
            role=role_label(args.role),
        )
    )
    print(code)
    return 0


def cmd_share_join(args: argparse.Namespace) -> int:
    from werkplein.services.sharing import join

    passphrase = _passphrase_for_new_profile()
    session, report = join(args.data_dir, passphrase, args.share.expanduser(), args.code)
    with session:
        logs.setup(args.data_dir)
        logs.logger.info("joined, device %s", session.store.device_id)
        print(
            _(
                "Profile created for {name} ({role}) and connected to the werkplein.",
                name=session.user.name,
                role=session.user.role_label,
            )
        )
        _print_report(report)
    return 0


def cmd_share_revoke(args: argparse.Namespace) -> int:
    with _open(args) as session:
        pin = session.sharing.revoke(args.device)
        logs.logger.info("device %s revoked at bundle %s", args.device, pin)
    print(
        _(
            "The laptop has been removed. Its changes up to file {pin} are kept; nothing it "
            "writes from now on is accepted.",
            pin=pin,
        )
    )
    return 0


def cmd_share_devices(args: argparse.Namespace) -> int:
    with _open(args) as session:
        devices = session.sharing.devices()
    if args.json:
        rows = [
            {
                "device_id": d.device_id,
                "user_id": d.user_id,
                "name": d.name,
                "role": d.role,
                "revoked": d.revoked,
                "this_laptop": d.this_laptop,
                "new_keys": d.new_keys,
            }
            for d in devices
        ]
        print(json.dumps(rows, indent=2, ensure_ascii=False))
        return 0
    for d in devices:
        marks = [_("revoked")] if d.revoked else []
        if d.this_laptop:
            marks.append(_("this laptop"))
        if not d.new_keys:
            marks.append(_("new keys not received yet"))
        extra = f" ({', '.join(marks)})" if marks else ""
        print(f"{d.device_id}  {d.name}  {role_label(d.role)}{extra}")
    return 0


def cmd_sync(args: argparse.Namespace) -> int:
    with _open(args) as session:
        report = session.sharing.sync(args.share.expanduser() if args.share else None)
        logs.logger.info(
            "sync: sent %s, received %s, rejected %s",
            report.sent_changes,
            report.received_changes,
            len(report.rejected),
        )
    if args.json:
        print(json.dumps(report.to_json(), indent=2))
        return 0
    _print_report(report)
    return 0


def _print_report(report: SyncReport) -> None:
    print(_("Sent: {n} changes in {files} files.", n=report.sent_changes, files=report.sent_files))
    print(
        _(
            "Received: {n} changes in {files} files.",
            n=report.received_changes,
            files=report.received_files,
        )
    )
    if report.conflicts:
        print(_("Conflicts waiting for a choice: {n}", n=report.conflicts))
    if report.rejected:
        print(_("Skipped (damaged, foreign or not allowed): {n} files", n=len(report.rejected)))
        for rejection in report.rejected:
            print(f"  {rejection.path}: {rejection.reason}")


# ---------------------------------------------------------------------- documents
def _date_arg(text: str) -> str:
    from werkplein.domain.dates import parse_date

    try:
        return parse_date(text).isoformat()
    except ValueError:
        raise argparse.ArgumentTypeError(_("not a date: use YYYY-MM-DD or DD-MM-YYYY")) from None


def _saved(path: Path) -> None:
    print(_("Written: {path}", path=path))
    print(
        _(
            "This document holds personal data without encryption. Keep it in a safe place "
            "and delete it when it is no longer needed."
        ),
        file=sys.stderr,
    )


def cmd_export_decisions(args: argparse.Namespace) -> int:
    with _open(args) as session:
        result = session.exports.decisions(
            args.start, args.end, args.out, gemeente=args.gemeente, into_share=args.into_share
        )
        logs.logger.info("export: %s decisions", result.decisions)
    if args.json:
        print(
            json.dumps(
                {
                    "folder": str(result.folder),
                    "decisions": result.decisions,
                    "files": result.files,
                },
                indent=2,
            )
        )
        return 0
    print(
        _(
            "Exported {n} decisions to {folder}, with overzicht.csv and overzicht.pdf.",
            n=result.decisions,
            folder=result.folder,
        )
    )
    return 0


def cmd_export_decision(args: argparse.Namespace) -> int:
    with _open(args) as session:
        if args.letter:
            session.exports.letter(args.id, args.out, into_share=args.into_share)
        else:
            session.exports.decision(args.id, args.out, into_share=args.into_share)
        logs.logger.info("export: decision %s", args.id)
    _saved(args.out)
    return 0


def cmd_export_casus(args: argparse.Namespace) -> int:
    with _open(args) as session:
        session.exports.casus(
            args.id, args.out, anonymous=args.anonymous, into_share=args.into_share
        )
        logs.logger.info("export: case %s", args.id)
    _saved(args.out)
    return 0


def cmd_export_inzage(args: argparse.Namespace) -> int:
    with _open(args) as session:
        session.exports.inzage(args.bsn, args.out, into_share=args.into_share)
        logs.logger.info("export: inzage")
    _saved(args.out)
    return 0


def cmd_export_record(args: argparse.Namespace) -> int:
    """huisbezoek, overdracht, boete: one record's document."""
    with _open(args) as session:
        write = {
            "huisbezoek": session.exports.visit,
            "overdracht": session.exports.handover,
            "boete": session.exports.fine_talk,
        }[args.what]
        write(args.id, args.out, into_share=args.into_share)
        logs.logger.info("export: %s %s", args.what, args.id)
    _saved(args.out)
    return 0


def cmd_retention(args: argparse.Namespace) -> int:
    """The vernietigingslijst: residents past their destruction date (ids and dates only)."""
    with _open(args) as session:
        due = session.retention.due()
    if args.json:
        print(json.dumps([r.to_json() for r in due], indent=2, ensure_ascii=False))
        return 0
    if not due:
        print(_("No dossier is past its destruction date."))
        return 0
    print(_("{n} dossiers are past their destruction date:", n=len(due)))
    for item in due:
        row = item.to_json()
        print(
            _(
                "  {id}  {gemeente}  ended {ended}, destroy from {destroy}",
                id=row["inwoner_id"],
                gemeente=row["gemeente"],
                ended=row["ended_on"],
                destroy=row["destroy_on"],
            )
        )
    return 0


def cmd_retention_destroy(args: argparse.Namespace) -> int:
    """(teamleider) Destroy every dossier on the vernietigingslijst."""
    with _open(args) as session:
        count = session.retention.destroy_due(args.reason)
    if args.json:
        print(json.dumps({"destroyed": count}))
    else:
        print(_("{n} dossiers destroyed.", n=count))
    return 0


def cmd_erase(args: argparse.Namespace) -> int:
    """(teamleider) Erase one resident now, where no duty to keep applies."""
    with _open(args) as session:
        erased = session.retention.erase(args.bsn, args.reason)
    print(_("The resident is erased ({n} records).", n=erased.records))
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    with _open(args) as session:
        problems = session.store.integrity_problems()
    if problems:
        for line in problems:
            print(line)
        print(
            _("The profile is damaged: {n} problem(s). Restore a backup.", n=len(problems)),
            file=sys.stderr,
        )
        return 1
    print(_("The profile is healthy: encryption, database, search index and audit log are intact."))
    return 0


def cmd_passphrase(args: argparse.Namespace) -> int:
    with _open(args) as session:
        new = read_new_passphrase()
        session.store.change_passphrase(new)
        logs.logger.info("passphrase changed")
    print(_("The passphrase has been changed."))
    return 0


def cmd_backup(args: argparse.Namespace) -> int:
    passphrase = read_passphrase()
    from werkplein.services.session import Session

    with Session.open(args.data_dir, passphrase) as session:
        logs.setup(args.data_dir)
        session.store.backup(args.out, passphrase)
        logs.logger.info("backup written")
    print(_("Encrypted backup written. It opens with the same passphrase."))
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    from werkplein.store.restore import restore_backup, restored_in_team

    passphrase = read_passphrase()
    restore_backup(args.source, args.data_dir, passphrase)
    print(_("Backup restored into the new profile folder."))
    if restored_in_team(args.data_dir, passphrase):
        print(
            _(
                "This laptop is part of a werkplein: run 'werkplein sync' before working with "
                "it, so that what it wrote after the backup comes back from the shared folder."
            )
        )
    return 0


# ---------------------------------------------------------------------- parser
def _data_dir_arg(parser: argparse.ArgumentParser, *, top: bool = False) -> None:
    # subcommands must not overwrite a --data-dir given before the subcommand
    parser.add_argument(
        "--data-dir",
        type=Path,
        default=None if top else argparse.SUPPRESS,
        help=_("profile folder (default: the user's application data folder)"),
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="werkplein",
        description=_("Werkplein: casework for the werkplein, offline and encrypted."),
    )
    parser.add_argument("--version", action="version", version=f"werkplein {__version__}")
    parser.add_argument("--lang", choices=i18n.LANGUAGES, help=_("language of messages"))
    _data_dir_arg(parser, top=True)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    def add(
        name: str, handler: Callable[[argparse.Namespace], int], help_text: str
    ) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_text, description=help_text)
        _data_dir_arg(p)
        p.set_defaults(handler=handler)
        return p

    add("gui", cmd_gui, _("open the desktop app"))

    p = add("init", cmd_init, _("create a new profile"))
    p.add_argument("--name", required=True, help=_("your name"))
    p.add_argument("--role", required=True, choices=[r.value for r in Role])

    p = add("demo", cmd_demo, _("create a profile with a fictional demo region"))
    p.add_argument("--residents", type=_positive_int, default=200)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--role", choices=[r.value for r in Role], default=Role.KLANTMANAGER.value)
    p.add_argument(
        "--today",
        type=_date_arg,
        metavar="DATE",
        help=_(
            "build the region around this day (default: today); the same seed and day "
            "give the same region"
        ),
    )
    p.add_argument(
        "--renew",
        action="store_true",
        help=_("replace a demo region of another day in the folder (never a real profile)"),
    )

    p = sub.add_parser("import", help=_("import data"))
    import_sub = p.add_subparsers(dest="what", metavar="WHAT", required=True)
    p = import_sub.add_parser("residents", help=_("import the caseload export (CSV)"))
    _data_dir_arg(p)
    p.add_argument("file", type=Path, metavar="FILE.csv")
    p.set_defaults(handler=cmd_import_residents)

    p = add("status", cmd_status, _("show what the profile holds"))
    p.add_argument("--json", action="store_true", help=_("machine-readable output"))

    p = add("retention", cmd_retention, _("list the dossiers past their destruction date"))
    p.add_argument("--json", action="store_true", help=_("machine-readable output"))
    retention_sub = p.add_subparsers(dest="retention_action", metavar="ACTION")
    q = retention_sub.add_parser(
        "destroy", help=_("destroy every dossier on the list (teamleider)")
    )
    _data_dir_arg(q)
    q.add_argument("--reason", required=True, metavar="TEXT")
    q.add_argument("--json", action="store_true", help=_("machine-readable output"))
    q.set_defaults(handler=cmd_retention_destroy)

    p = add("erase", cmd_erase, _("erase one resident now, where no duty to keep applies"))
    p.add_argument("--bsn", required=True)
    p.add_argument("--reason", required=True, metavar="TEXT")

    add("check", cmd_check, _("check encryption, database, search index and audit log"))
    add("passphrase", cmd_passphrase, _("change the passphrase"))

    p = add("backup", cmd_backup, _("write an encrypted backup"))
    p.add_argument("--out", type=Path, required=True, metavar="FILE")

    p = add("restore", cmd_restore, _("restore a backup into a new profile folder"))
    p.add_argument("--from", dest="source", type=Path, required=True, metavar="FILE")

    p = add("sync", cmd_sync, _("exchange changes with colleagues through the shared folder"))
    p.add_argument("--share", type=Path, metavar="PATH", help=_("the shared folder"))
    p.add_argument("--json", action="store_true", help=_("machine-readable output"))

    p = sub.add_parser("share", help=_("the werkplein on the shared folder"))
    share_sub = p.add_subparsers(dest="what", metavar="WHAT", required=True)

    def add_share(
        name: str, handler: Callable[[argparse.Namespace], int], help_text: str
    ) -> argparse.ArgumentParser:
        q = share_sub.add_parser(name, help=help_text, description=help_text)
        _data_dir_arg(q)
        q.set_defaults(handler=handler)
        return q

    q = add_share("create", cmd_share_create, _("create the werkplein on a shared folder"))
    q.add_argument("--share", type=Path, required=True, metavar="PATH")
    q = add_share("invite", cmd_share_invite, _("invite a colleague (prints a one-time code)"))
    q.add_argument("--name", required=True)
    q.add_argument("--role", required=True, choices=[r.value for r in Role])
    q = add_share("join", cmd_share_join, _("join a werkplein with an invitation code"))
    q.add_argument("--share", type=Path, required=True, metavar="PATH")
    q.add_argument("--code", required=True)
    q = add_share("revoke", cmd_share_revoke, _("remove a lost or replaced laptop"))
    q.add_argument("--device", required=True, metavar="DEVICE_ID")
    q = add_share("devices", cmd_share_devices, _("list the laptops of the team"))
    q.add_argument("--json", action="store_true", help=_("machine-readable output"))

    p = sub.add_parser("export", help=_("write documents (PDF)"))
    export_sub = p.add_subparsers(dest="what", metavar="WHAT", required=True)

    def add_export(
        name: str, handler: Callable[[argparse.Namespace], int], help_text: str
    ) -> argparse.ArgumentParser:
        q = export_sub.add_parser(name, help=help_text, description=help_text)
        _data_dir_arg(q)
        q.add_argument(
            "--into-share",
            action="store_true",
            help=_("allow writing into the shared folder (the document is not encrypted)"),
        )
        q.set_defaults(handler=handler)
        return q

    q = add_export(
        "decisions", cmd_export_decisions, _("every set decision of a period, into a folder")
    )
    q.add_argument("--from", dest="start", type=_date_arg, required=True, metavar="DATE")
    q.add_argument("--to", dest="end", type=_date_arg, required=True, metavar="DATE")
    q.add_argument("--out", type=Path, required=True, metavar="DIR")
    q.add_argument("--gemeente", metavar="G", help=_("only the decisions of this gemeente"))
    q.add_argument("--json", action="store_true", help=_("machine-readable output"))
    q = add_export("decision", cmd_export_decision, _("one motivated decision, or its letter"))
    q.add_argument("--id", required=True, metavar="ID")
    q.add_argument("--out", type=Path, required=True, metavar="FILE")
    q.add_argument(
        "--letter", action="store_true", help=_("the letter to the resident (plain Dutch, B1)")
    )
    q = add_export("casus", cmd_export_casus, _("a case for the casusoverleg"))
    q.add_argument("--id", required=True, metavar="CASE_ID")
    q.add_argument(
        "--anonymous", action="store_true", help=_("without anything that identifies the resident")
    )
    q.add_argument("--out", type=Path, required=True, metavar="FILE")
    q = add_export("inzage", cmd_export_inzage, _("everything stored about one resident (AVG)"))
    q.add_argument("--bsn", required=True, metavar="BSN")
    q.add_argument("--out", type=Path, required=True, metavar="FILE")
    for name, help_text in (
        ("huisbezoek", _("the report of a home visit")),
        ("overdracht", _("the summary of a warm handover")),
        ("boete", _("the preparation sheet of a confrontatiegesprek")),
    ):
        q = add_export(name, cmd_export_record, help_text)
        q.add_argument("--id", required=True, metavar="ID")
        q.add_argument("--out", type=Path, required=True, metavar="FILE")
    return parser


def _positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(_("must be 1 or more"))
    return value


def main(argv: Sequence[str] | None = None) -> int:
    import multiprocessing

    from werkplein.hardening import harden_process

    harden_process()  # no core dump holding names, BSNs or the passphrase, CLI and app alike
    multiprocessing.freeze_support()  # a frozen build's worker processes start here
    argv = list(sys.argv[1:] if argv is None else argv)
    lang = os.environ.get("WERKPLEIN_LANG")
    if "--lang" in argv[:-1]:
        lang = argv[argv.index("--lang") + 1]
    if lang in i18n.LANGUAGES:
        i18n.set_language(lang)
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.data_dir is None:
        args.data_dir = default_data_dir()
    args.data_dir = args.data_dir.expanduser()
    handler = getattr(args, "handler", None)
    if handler is None:  # no subcommand: the desktop app
        handler = cmd_gui
    try:
        from werkplein.store.clock import process_clock

        process_clock()  # the session's clock of every command; a bad WERKPLEIN_NOW stops here
        return int(handler(args))
    except WerkpleinError as exc:
        print(exc.message(), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(_("Interrupted. Nothing more was changed."), file=sys.stderr)
        return 130
    except Exception as exc:
        from werkplein.store.db import DatabaseError, translate

        if isinstance(exc, DatabaseError):  # a damaged or unwritable file: not a bug
            print(translate(exc).message(), file=sys.stderr)
            return 1
        logs.log_crash(exc)
        print(UnexpectedError(kind=type(exc).__name__).message(), file=sys.stderr)
        return 1
