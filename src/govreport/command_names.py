"""The names of govreport's own commands (a module of its own: the command line reads it at every start)."""

#: A plugin's command cannot take one of these names (tests/test_commands.py keeps the list equal to
#: the command line's).
BUILTIN_COMMANDS = frozenset(
    {
        "aggregate",
        "check",
        "collect",
        "compare",
        "completion",
        "formats",
        "import",
        "reference-docx",
        "render",
        "schema",
    }
)
