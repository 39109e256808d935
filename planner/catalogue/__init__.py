"""The built-in catalogue: facts from the two source articles, validated when loaded, and synced
into the database.

Import from the submodules: `loader` (parse and validate), `model` (the records), `files`
(the fingerprint, cheap enough for every start), `errors`, `service` (the sync, which writes
through `sync_store`, `price_points_store` and `meta_store`).
"""
