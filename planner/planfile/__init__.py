"""The versioned plan file: its format, the checks every value passes, the expense lines' tables,
the service that exports and imports whole plans, and its stores (`export_store` reads a plan's
rows into the file, `import_store` writes a checked file as a new plan, `bulk_store` many rows at
once)."""
