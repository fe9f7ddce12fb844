"""依申请公开 as plain data: statuses, channels, outcomes, applicant types, roles, the clock.

Nothing here imports Django; the web shell stores these values and calls these functions.
"""
