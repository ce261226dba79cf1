"""Built-in exporters. Each module is an ordinary plugin registered through ``register_exporters``."""
