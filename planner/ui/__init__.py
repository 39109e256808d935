"""PySide6 user interface. Talks to the rest of the app only through the features' services."""
