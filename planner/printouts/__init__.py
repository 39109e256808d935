"""The printed documents, one module each, the parts they share, and the list of every printout by
name."""
