"""The pieces every page and dialog shares: forms, widgets, tables, rich text, the prompter, the page
and panel bases, the app's signals and icon."""
