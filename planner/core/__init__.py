"""What every feature shares: money, rates, time zones, dates, the clock, validation, search,
countries, paths and limits. No Qt and no SQLAlchemy here."""
