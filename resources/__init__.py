"""What the app reads at run time: the catalogue, the style sheet and the icons.

This folder installs as the package `planner.resources`; read it through `planner.paths`.
"""
