"""The Overview page: the plan at a glance and the journey ahead."""
