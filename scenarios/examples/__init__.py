"""Small example scenarios, one per feature set of the format (package data)."""
