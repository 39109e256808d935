"""The built-in catalogue: facts from the two source articles, validated when loaded.

Import from the submodules: `loader` (parse and validate), `model` (the records), `files`
(the fingerprint, cheap enough for every start), `errors`.
"""
