"""Storage adapter: SQLAlchemy 2.0 tables, Alembic migrations, repositories of domain objects."""

from runstrong.store.db import Store, make_engine, open_store
from runstrong.store.unit_of_work import UnitOfWork

__all__ = ["Store", "UnitOfWork", "make_engine", "open_store"]
