"""milestone-monitor: follow a dated public commitment through the news."""

__version__ = "0.1.0"
