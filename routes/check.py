"""Former home of the verify pipeline, kept so that scripts written against routecheck 0.1 still import.

New code imports :mod:`routes.verify`.
"""

from routes.contract import Report
from routes.verify import run_modes, verify

__all__ = ["Report", "run_modes", "verify"]
