"""The Checklist page: its items as a table, and the dialog that adds or edits one."""
