"""The subcommands that live in a module of their own: each has ``add_parser(commands)`` and ``run(args) -> int``."""
