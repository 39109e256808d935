"""The Budget page: totals, expense lines, the estimate, the deposit and rates, and the charts."""
