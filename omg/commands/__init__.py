"""One module a command; see omg/cli.py."""
