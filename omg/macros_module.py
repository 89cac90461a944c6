"""The module mkdocs-macros loads, in place of a `main.py` at the project root.

mkdocs-macros runs the module its `module_name` option names on every build;
omg/mkdocs_plugin.py names this one, so nothing a pull request adds at the root
runs. Loaded by file path as a module of its own: it imports nothing.
"""


def define_env(env):
    """Nothing to add: guide text sees only the macros of omg/macros.py, in their sandbox."""
