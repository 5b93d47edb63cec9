"""Jaring: employment social security coverage for Indonesian regions."""

__version__ = "0.1.0"
