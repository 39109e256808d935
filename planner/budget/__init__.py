"""The budget: expense lines and their totals, the trip estimate, the deposit, the home comparison,
rates as the budget uses them, and the services that save and sum them."""
