"""The plan: YAML with positions, the pydantic model, dates, checks, and the words every document uses.

Below views, diff and lint; above only the text layer.
"""
