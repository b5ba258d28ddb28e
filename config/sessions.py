"""Django's database sessions, with the two statements every page runs written as plain SQL.

Each wizard page reads the session and most of them write it. Django's backend sends both
through the ORM: building the query costs more than the database takes to answer it, and an
update runs in a transaction of its own (three round trips). This store keeps Django's table,
format, expiry and error handling, and reads or updates a row with one statement each; creating
and deleting a session stay Django's own (see README, Performance)."""

from __future__ import annotations

from django.contrib.sessions.backends import db
from django.contrib.sessions.backends.base import UpdateError
from django.db import connections, router
from django.utils import timezone

# The table name is Django's own (quoted), never anything a request sent.
SELECT = "SELECT session_data FROM {table} WHERE session_key = %s AND expire_date > %s"
UPDATE = "UPDATE {table} SET session_data = %s, expire_date = %s WHERE session_key = %s"


class SessionStore(db.SessionStore):
    def _connection(self, *, write: bool):
        alias = (router.db_for_write if write else router.db_for_read)(self.model)
        connection = connections[alias]
        return connection, connection.ops.quote_name(self.model._meta.db_table)

    def load(self) -> dict:
        connection, table = self._connection(write=False)
        now = connection.ops.adapt_datetimefield_value(timezone.now())
        with connection.cursor() as cursor:
            sql = SELECT.format(table=table)  # nosec B608
            cursor.execute(sql, [self.session_key, now])
            row = cursor.fetchone()
        if row is None:
            self._session_key = None
            return {}
        return self.decode(row[0])

    def save(self, must_create: bool = False) -> None:
        if self.session_key is None or must_create:
            super().save(must_create=must_create)
            return
        data = self.encode(self._get_session())
        connection, table = self._connection(write=True)
        expires = connection.ops.adapt_datetimefield_value(self.get_expiry_date())
        with connection.cursor() as cursor:
            sql = UPDATE.format(table=table)  # nosec B608
            cursor.execute(sql, [data, expires, self.session_key])
            if cursor.rowcount != 1:
                # Deleted meanwhile (signed out elsewhere, or expired and cleared): Django's
                # middleware answers with SessionInterrupted, as with its own backend.
                raise UpdateError
