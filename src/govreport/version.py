"""The version of govreport (its own module: what reports it, the registry and the command line, need nothing else)."""

__version__ = "0.1.0"
