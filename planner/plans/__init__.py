"""Plans: their drafts and rules, and the service that lists, creates, renames, duplicates and deletes
them."""
