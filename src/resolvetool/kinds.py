"""The kinds of record, their folders and files, in a module light enough for every command to import."""

from __future__ import annotations

KINDS: tuple[str, ...] = ("resolution", "agreement", "report", "session", "body", "organization", "instrument")
# The folder under records/ that holds each kind (docs/architecture.md §2); resolutions may sit in year subfolders.
FOLDER_BY_KIND: dict[str, str] = {
    "resolution": "resolutions",
    "agreement": "agreements",
    "report": "reports",
    "session": "sessions",
    "body": "bodies",
    "organization": "organizations",
    "instrument": "instruments",
}
KIND_BY_FOLDER: dict[str, str] = {folder: kind for kind, folder in FOLDER_BY_KIND.items()}
# Record files larger than this many bytes are refused (RT003) unless max-file-size says otherwise.
DEFAULT_MAX_FILE_SIZE = 1024 * 1024
