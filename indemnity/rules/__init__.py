"""Rules as data: conditions, requirements, exclusions, covers and schemes."""
