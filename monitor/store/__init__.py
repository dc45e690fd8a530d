"""Storage: SQLAlchemy engine, ORM models, migrations and the queries the pipeline uses.

ORM objects stay inside this package; queries return dataclasses.
"""
