"""Helpers the rules of several groups, and the engine's context, share: labels, passages, numbers, bodies."""
