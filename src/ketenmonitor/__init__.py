"""ketenmonitor: the Dutch trafficking chain monitor as reproducible software."""

__version__ = "0.1.0"
