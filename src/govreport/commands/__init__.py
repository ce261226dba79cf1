"""Commands of ``govreport``, each in its own module with ``add_parser(commands)`` and ``run(args)``."""
