"""kehoach: a Kế hoạch in one plan.yaml, rendered to Decree-30 documents."""

__version__ = "0.1.0"
