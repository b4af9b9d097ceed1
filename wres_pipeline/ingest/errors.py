"""The error every ingest step raises for bad input: it names the file, and the row and column
where there is one, so the WRES team can go back to the trust with a precise question."""


SHOWN_CHARACTERS = 60


def shorten(value, limit: int = SHOWN_CHARACTERS) -> str:
    """A value as messages and event metadata quote it: whole when short, else its start and
    its length (a 10 MB field must not fill a terminal or the Dagster event log)."""
    text = str(value)
    if len(text) <= limit:
        return text
    return f"{text[:limit]}... ({len(text):,} characters)"


class ExtractError(Exception):
    """A raw extract that cannot be read or does not meet its contract."""

    def __init__(self, path, reason: str, row: int | None = None, column: str | None = None):
        self.path = str(path)
        self.reason = reason
        self.row = row
        self.column = column
        where = self.path
        if row is not None:
            where += f", row {row}"
        if column is not None:
            where += f", column '{column}'"
        super().__init__(f"{where}: {reason}")
