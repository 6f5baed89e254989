"""Outward adapters to other services (HTTP clients); no database, no pages."""
