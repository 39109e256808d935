"""What the app asks when its data file is damaged at start-up, and what it does with the answer.

The damaged file is never overwritten or deleted: when the person chooses, it is moved aside
under a timestamped name, and the newest good backup (or an empty database) takes its place.
Quitting changes nothing, so the next start asks again.
"""

from __future__ import annotations

from planner import APP_NAME
from planner.db.database import BackupInfo, DamagedDatabase, recover_damaged
from planner.ui.app.restore_dialog import plans_text, taken_text
from planner.ui.kit.prompter import Prompter

RESTORE, FRESH = "Restore that backup", "Start with no plans"


def recovery_text(damaged: DamagedDatabase, backup: BackupInfo | None) -> str:
    offer = (
        f"The newest good backup is from {taken_text(backup)}. It holds {plans_text(backup)}."
        if backup is not None
        else "There is no good backup to go back to."
    )
    kept = (
        "Your backups stay available from File › Restore from backup."
        if damaged.missing
        else "Whatever you choose, the damaged file is kept: it is moved aside, next to the data "
        "file, under a name with today's date. Your backups stay available from File › Restore "
        "from backup."
    )
    return (
        f"{APP_NAME} cannot use its data file: {damaged.problem}.\n\n"
        f"Nothing has been changed yet. {kept}\n\n{offer}\n\nQuit leaves everything as it is."
    )


def recover(prompter: Prompter, damaged: DamagedDatabase) -> str | None:
    """Ask, then recover; returns a line for the status bar, or None when the person quits."""
    backup = damaged.newest_good_backup()
    choices = [RESTORE, FRESH] if backup is not None else [FRESH]
    title = f"{APP_NAME}: the data file is {'missing' if damaged.missing else 'damaged'}"
    choice = prompter.choose(None, title, recovery_text(damaged, backup), choices, cancel="Quit")
    if choice is None:
        return None
    chosen = backup if choice == RESTORE else None
    moved = recover_damaged(damaged, chosen)
    kept = "" if moved is None else f" The damaged file was kept as {moved.name}."
    if chosen is not None:
        return f"Restored the backup from {taken_text(chosen)}.{kept}"
    return f"Started with no plans.{kept}"
