"""Protecting the data folder with a passphrase: turning it on, changing it, turning it off."""
