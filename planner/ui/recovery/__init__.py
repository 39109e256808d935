"""The Recovery page: check-ins, the daily diary and the progress charts."""
