"""Patient Journey Planner: plan a trip to South Korea for stem-cell treatment, offline."""

__version__ = "0.1.0"
APP_NAME = "Patient Journey Planner"
