"""Shipped scenario files (package data; see game/resources.py)."""
