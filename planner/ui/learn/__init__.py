"""The Learn page: the articles' reference content, searchable."""
