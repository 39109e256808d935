"""The application and its main window: start-up, the page registry, menus and actions, the plan wizard
and the plan dialogs, backups and restore."""
