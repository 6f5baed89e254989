"""The exercise library: exercises as data (``exercises.toml``) and a typed catalog to query them.

>>> from runstrong.library import load_catalog
>>> load_catalog().get("calf-press").primary_muscles
('calves',)
"""

from runstrong.library.catalog import Catalog, load_catalog
from runstrong.library.schema import (
    CATEGORIES,
    EQUIPMENT,
    GRADES,
    LEVELS,
    MUSCLES,
    PATTERNS,
    Category,
    Equipment,
    Evidence,
    Exercise,
    Fault,
    Grade,
    Level,
    Muscle,
    Pattern,
)

__all__ = [
    "CATEGORIES",
    "EQUIPMENT",
    "GRADES",
    "LEVELS",
    "MUSCLES",
    "PATTERNS",
    "Catalog",
    "Category",
    "Equipment",
    "Evidence",
    "Exercise",
    "Fault",
    "Grade",
    "Level",
    "Muscle",
    "Pattern",
    "load_catalog",
]
