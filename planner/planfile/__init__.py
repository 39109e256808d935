"""The versioned plan file: its format, the checks every value passes, the expense lines' tables, and
the service that exports and imports whole plans."""
