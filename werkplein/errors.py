"""The one base error of the core.

A ``WerkpleinError`` is a situation the user can act on: the CLI prints its message on one
line and exits 1, the UI shows it in a dialog. Anything else is a bug and is shown as such.
Messages are English message ids translated when shown, so the language can change after the
error was raised; they never hold personal data (ids and counts only, no names or BSNs).
"""

from __future__ import annotations

from werkplein.i18n import N_, _


class WerkpleinError(Exception):
    """An error with a message in the user's language."""

    msgid: str = N_("Something went wrong.")

    def __init__(self, msgid: str | None = None, **params: object) -> None:
        self.msgid = msgid or type(self).msgid
        self.params = params
        super().__init__(self.msgid)

    translated_params: tuple[str, ...] = ()  # params holding a message id, translated when shown

    def message(self) -> str:
        params = {**self.params}
        for name in self.translated_params:
            params[name] = _(str(params.get(name, "")))
        return _(self.msgid, **params)

    def __str__(self) -> str:
        return self.message()


class ProfileNotFound(WerkpleinError):
    msgid = N_("No Werkplein profile found in this folder. Create one with 'werkplein init'.")


class ProfileLocked(WerkpleinError):
    msgid = N_("The profile is locked. Unlock it with its passphrase first.")


class ProfileExists(WerkpleinError):
    msgid = N_("This folder already holds a Werkplein profile. Choose an empty folder.")


class WrongPassphrase(WerkpleinError):
    msgid = N_("The passphrase is not correct. Nothing was changed. Try again.")


class WeakPassphrase(WerkpleinError):
    msgid = N_("The passphrase is too short: use at least {minimum} characters.")


class DatabaseDamaged(WerkpleinError):
    msgid = N_("The database is damaged and cannot be read. Restore a backup.")


class DiskFull(WerkpleinError):
    msgid = N_("The disk is full. Nothing was saved; free up space and try again.")


class StorageUnavailable(WerkpleinError):
    msgid = N_("The profile cannot be written ({reason}). Nothing was changed.")

    translated_params = ("reason",)  # an N_-marked message id, or an OS text


class BackupNotWritten(StorageUnavailable):
    msgid = N_("The backup cannot be written there ({reason}). The profile is unchanged.")


class ProfileNewer(WerkpleinError):
    msgid = N_(
        "This profile was made by a newer version of Werkplein (schema {found}, this version "
        "knows up to {known}). Update Werkplein."
    )


class NotAllowed(WerkpleinError):
    msgid = N_("Your role ({role}) may not do this: {action}.")


class NotFound(WerkpleinError):
    msgid = N_("Not found: {what} {ident}.")


class ValidationFailed(WerkpleinError):
    msgid = N_("{field}: {problem}")


class RuleViolation(WerkpleinError):
    """A rule of the method or the decision workflow forbids this step."""

    msgid = N_("This is not possible now.")


class ImmutableRecord(WerkpleinError):
    msgid = N_("A decision that has been set cannot be changed. Make a new version instead.")


class FileUnreadable(WerkpleinError):
    msgid = N_("The file cannot be read. Check its name and whether you may open it.")


class ImportRefused(WerkpleinError):
    msgid = N_("The file was refused, nothing was imported. Bad rows: {lines}.")

    def __init__(self, problems: list[tuple[int, str]]) -> None:
        """``problems``: (line number, problem already in the user's language); the problem
        texts name the field, never its value, so no personal data reaches a log."""
        self.problems = problems
        lines = "; ".join(f"{line} ({problem})" for line, problem in problems)
        super().__init__(None, lines=lines)

    @property
    def line_numbers(self) -> list[int]:
        return [line for line, _problem in self.problems]


# ---------------------------------------------------------------------- sync
class ShareUnavailable(WerkpleinError):
    msgid = N_(
        "The shared folder cannot be reached ({reason}). Your work is safe on this laptop; "
        "sync again when you are back on the office network."
    )

    translated_params = ("reason",)

    @classmethod
    def from_os(cls, exc: OSError) -> ShareUnavailable:
        return cls(reason=exc.strerror or type(exc).__name__)


class ShareInUse(WerkpleinError):
    msgid = N_(
        "This folder already holds another werkplein or other files. Choose an empty folder."
    )


class WrongShare(WerkpleinError):
    msgid = N_("This shared folder belongs to another werkplein than this profile.")


class NotInTeam(WerkpleinError):
    msgid = N_(
        "This profile is not connected to a shared folder yet. A teamleider creates the "
        "werkplein with 'werkplein share create'; colleagues join with an invitation code."
    )


class AlreadyInTeam(WerkpleinError):
    msgid = N_("This profile is already connected to a werkplein.")


class DeviceRevoked(WerkpleinError):
    msgid = N_(
        "This laptop has been removed from the team by the teamleider. Nothing was sent or "
        "received. Ask your teamleider for a new invitation."
    )


class InvalidCode(WerkpleinError):
    msgid = N_(
        "This invitation code is not known on this shared folder, was already used, or has "
        "expired. Check the code or ask your teamleider for a new one."
    )


class JoinIncomplete(WerkpleinError):
    msgid = N_(
        "The team's data has not reached the shared folder yet. Ask the teamleider to sync, "
        "then join again with the same code."
    )


class UnknownDevice(WerkpleinError):
    msgid = N_("No laptop with the id {device} is known in this werkplein.")


class SyncCancelled(WerkpleinError):
    msgid = N_("The sync was stopped. What was already exchanged is kept; sync again to finish.")


# ---------------------------------------------------------------------- documents
class ExportNotWritten(WerkpleinError):
    msgid = N_("The document cannot be written there ({reason}). Nothing was written.")

    translated_params = ("reason",)


class ExportIntoShare(WerkpleinError):
    msgid = N_(
        "This folder is the shared folder of the werkplein. A document holds personal data "
        "unencrypted: save it somewhere else, or confirm that it must go into the shared folder."
    )


class ExportCancelled(WerkpleinError):
    msgid = N_("The export was stopped. No documents were left behind.")


class SyncFirst(WerkpleinError):
    msgid = N_(
        "This laptop was restored from a backup. Synchronise with the shared folder first, so "
        "that the work done after the backup comes back and nothing is lost; then continue."
    )
