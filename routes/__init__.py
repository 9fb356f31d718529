"""routecheck: check quoted route distances and transit times against real geography."""

__version__ = "0.1.0"
