"""The rule engine: every check of a report, each declared once."""

from gongkai.core.checks.engine import RULES, CheckContext, Rule, run_checks

__all__ = ["RULES", "CheckContext", "Rule", "run_checks"]
