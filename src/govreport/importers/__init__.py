"""Built-in importers. Each module is an ordinary plugin registered through ``register_importers``."""
