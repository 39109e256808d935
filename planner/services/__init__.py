"""Use cases: one function per user action, each one unit of work on the database.

Functions take the `Database` opened at start-up and return plain dataclasses, never live
ORM objects. The UI calls only this package.
"""
