import os
import sys

# `python -m omg` puts the working folder first on sys.path (as `python -P` would not), where a yaml.py
# added at the project root would be imported in place of PyYAML. omg itself is already found.
if not sys.flags.safe_path and sys.path and os.path.realpath(sys.path[0] or ".") == os.path.realpath(os.getcwd()):
    del sys.path[0]

from .cli import main  # noqa: E402 (after the working folder is dropped from the search path)

raise SystemExit(main())
