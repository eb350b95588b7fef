"""The linter: checks a rule set before anyone relies on it (``indemnity lint``)."""
