"""Helpers the command line and the window share that need Qt's core (no widgets, no GUI): the
lock that keeps one copy of the app per data folder, and writing a file atomically and
owner-only. QtCore is allowed here and nowhere else outside planner/ui; QtWidgets and QtGui
are not (tests/test_architecture.py holds both)."""
