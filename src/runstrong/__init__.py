"""runstrong: training log, science core and planner for runners who strength-train."""

__version__ = "0.1.0"

__all__ = ["__version__"]
