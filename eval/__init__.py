"""mteval: machine-translation quality evaluation for English→Arabic news."""

__version__ = "0.1.0"
SCHEMA_VERSION = 1
