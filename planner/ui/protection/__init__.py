"""Protecting the data with a passphrase: the start-up unlock, choosing or changing the
passphrase (with its recovery sheet), File › Protection…, and the lock when the person is away.
Each piece takes callbacks for what it asks of the data, so none of it reads the database."""
