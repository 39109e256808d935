"""What the catalogue tells the forms and the Learn page: conditions, countries, currencies, sources
and the Learn items, read from the database."""
