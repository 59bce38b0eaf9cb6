"""Alembic environment of the store.

``Store`` runs ``upgrade head`` itself, handing over its own connection (in
``config.attributes["connection"]``, inside its transaction). From the shell:

    alembic -c src/dossier/store/alembic.ini -x url=sqlite:///dossier.db upgrade head
    alembic -c src/dossier/store/alembic.ini -x url=postgresql+psycopg://... current

The URL comes from ``-x url=...``, else ``$DOSSIER_DB``, else ``sqlite:///dossier.db``.
"""

from __future__ import annotations

import os
from logging.config import fileConfig

from alembic import context

from dossier.config import DEFAULT_DB_URL
from dossier.store.engine import create_store_engine
from dossier.store.schema import include_name, metadata

config = context.config


def _configure(**kwargs) -> None:
    context.configure(
        target_metadata=metadata,
        include_name=include_name,
        render_as_batch=True,  # SQLite alters tables by copying them
        compare_type=True,
        **kwargs,
    )


def _url() -> str:
    return context.get_x_argument(as_dictionary=True).get("url") or os.environ.get("DOSSIER_DB") or DEFAULT_DB_URL


def run_offline() -> None:
    _configure(url=_url(), literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()


def run_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _configure(connection=connection)
        with context.begin_transaction():
            context.run_migrations()
        return
    engine = create_store_engine(_url())
    try:
        with engine.connect() as connection:
            connection.execution_options(dossier_write=True)
            _configure(connection=connection)
            with context.begin_transaction():
                context.run_migrations()
    finally:
        engine.dispose()


if config.config_file_name is not None and config.attributes.get("connection") is None:
    fileConfig(config.config_file_name, disable_existing_loggers=False)

if context.is_offline_mode():
    run_offline()
else:
    run_online()
