"""The built-in rules of ``govreport check``: a folder per group, the rule ``<group>.<name>`` in ``<group>/<name>.py``.

Each group is a plugin (its ``register_checks`` hook returns its rules, in order); a helper that
only one group uses lives in that group's folder with a leading underscore, the helpers several
groups share in :mod:`govreport.checks.support`.
"""
