"""The student page: plain HTML, CSS and JavaScript shipped as package data (no build step)."""
