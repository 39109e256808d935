"""Recovery: the baseline and check-ins after treatment, the daily diary, scores and their change."""
