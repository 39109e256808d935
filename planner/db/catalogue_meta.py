"""Where the database records which catalogue it holds."""

FINGERPRINT_KEY = "catalogue_fingerprint"
