"""Former home of the lift arithmetic, kept so that scripts written against routecheck 0.1 still import.

New code imports :mod:`routes.lift`.
"""

from routes.lift import Case, LiftResult, VehicleClass, arithmetic, lift, lift_core, vehicle_class

__all__ = ["Case", "LiftResult", "VehicleClass", "arithmetic", "lift", "lift_core", "vehicle_class"]
