"""Command-line adapter: parses arguments, calls services, formats results."""
