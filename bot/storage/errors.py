"""Storage errors of our own, so nothing above storage handles sqlite3 exceptions."""


class StorageError(Exception):
    """Any failure inside the storage layer."""


class MigrationError(StorageError):
    """The schema could not be brought up to date."""


class NotFound(StorageError):
    """The item asked for does not exist."""


class Conflict(StorageError):
    """The write would break a uniqueness rule or the item's state changed meanwhile."""
