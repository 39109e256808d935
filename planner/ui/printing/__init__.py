"""Printing any printout: the print dialog, laying the pages out, and keeping each table row on one
page."""
