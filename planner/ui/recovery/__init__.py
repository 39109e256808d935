"""The Recovery page: diary, check-ins, activities and exercises, progress."""
