"""The hottest SELECTs, compiled once per database and run on the driver's own cursor.

Every audited read runs the same few statements: the session behind a token, a note's author,
the reader's standing to the client, the note, its addenda and its co-signature. SQLAlchemy Core
spends far more Python on each of them (execution context, events, result metadata) than the
database does; under load that was about a fifth of the server's GIL time
(`docs/performance.md`). A `Prepared` statement keeps the compiled SQL, its parameters in the
driver's order with their type conversions, and its columns' result conversions, and runs on
the cursor of the SQLAlchemy connection it is given, so inside that connection's transaction.

Rows have the statement's column names as attributes, like SQLAlchemy's.
`tests/integration/test_prepared.py` compares every answer with `Connection.execute`, on SQLite
and on PostgreSQL.
"""

from __future__ import annotations

from collections import namedtuple
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Select
from sqlalchemy.engine import Dialect
from sqlalchemy.exc import MultipleResultsFound, NoResultFound

# An IN list of up to this many ids is compiled for its length (once per length met); a
# longer one goes through SQLAlchemy. A page of a list (at most 200 items, `paging.MAX_LIMIT`)
# fits, so a page's standings and sealed names skip SQLAlchemy's per-call work too.
MAX_PREPARED_LIST = 256

Convert = Callable[[Any], Any] | None


@dataclass(frozen=True)
class _Slot:
    key: str  # the statement's parameter name
    index: int  # the position in an IN list, or -1 for a single value
    required: bool  # given with each call
    default: Any  # a literal the statement itself holds
    convert: Convert


@dataclass(frozen=True)
class _Compiled:
    sql: str
    slots: tuple[_Slot, ...]
    names: tuple[str, ...] | None  # the driver's named parameters; None when positional
    converts: tuple[Convert, ...]
    row: Any  # a named tuple class with the columns' names

    def parameters(self, params: Mapping[str, Any]) -> Sequence[Any] | dict[str, Any]:
        values = []
        # A parameter the statement uses several times (a standing's `now`, six times) is
        # converted once: a datetime's conversion costs more than the rest of a slot.
        converted: dict[str, Any] = {}
        for slot in self.slots:
            if slot.index < 0 and slot.key in converted:
                values.append(converted[slot.key])
                continue
            value = params[slot.key] if slot.required or slot.key in params else slot.default
            if slot.index >= 0:
                value = value[slot.index]
            if slot.convert is not None:
                value = slot.convert(value)
            if slot.index < 0:
                converted[slot.key] = value
            values.append(value)
        return values if self.names is None else dict(zip(self.names, values, strict=True))

    def rows(self, raw: Sequence[Sequence[Any]]) -> list[Any]:
        make, converts = self.row._make, self.converts
        if not any(converts):
            return [make(r) for r in raw]
        return [make([v if c is None or v is None else c(v) for v, c in zip(r, converts,
                                                                            strict=True)])
                for r in raw]


class Prepared:
    """A SELECT to run many times: `all` and `first` answer what `Connection.execute` would."""

    def __init__(self, statement: Select[Any, *tuple[Any, ...]]) -> None:
        self.statement = statement
        binds = statement.compile().binds.values()
        self._expanding = sorted(b.key for b in binds if b.expanding)
        self._required = {b.key for b in binds if b.required}
        self._compiled: dict[tuple[str, int], _Compiled] = {}

    def all(self, conn: Connection, params: Mapping[str, Any]) -> list[Any]:
        length = len(params[self._expanding[0]]) if self._expanding else 0
        if len(self._expanding) > 1 or (self._expanding and not 0 < length <= MAX_PREPARED_LIST):
            return list(conn.execute(self.statement, dict(params)).all())
        compiled = self._compiled.get((conn.dialect.name, length))
        if compiled is None:
            compiled = self._compile(conn.dialect, length)
        dbapi_connection = conn.connection.dbapi_connection
        assert dbapi_connection is not None
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute(compiled.sql, compiled.parameters(params))
            return compiled.rows(cursor.fetchall())
        finally:
            cursor.close()

    def first(self, conn: Connection, params: Mapping[str, Any]) -> Any | None:
        rows = self.all(conn, params)
        return rows[0] if rows else None

    def one(self, conn: Connection, params: Mapping[str, Any]) -> Any:
        """The only row, raising as SQLAlchemy's `Result.one` does when there is none or more."""
        rows = self.all(conn, params)
        if len(rows) != 1:
            raise (NoResultFound if not rows else MultipleResultsFound)(
                f"expected one row, got {len(rows)}")
        return rows[0]

    def _compile(self, dialect: Dialect, length: int) -> _Compiled:
        statement = self.statement
        # Stand-in values, only so that SQLAlchemy renders an IN list as `length` single
        # parameters (key_1 ... key_length); the real values come with each call.
        statement = statement.params({key: None for key in self._required}
                                     | {key: [None] * length for key in self._expanding})
        compiled = statement.compile(dialect=dialect,
                                     compile_kwargs={"render_postcompile": bool(length)})
        if compiled.escaped_bind_names:
            raise TypeError("a prepared statement's parameter names must need no escaping")
        order = compiled.positiontup if compiled.positional else [
            single for name in compiled.binds for single in (
                [f"{name}_{i}" for i in range(1, length + 1)] if name in self._expanding
                else [name])]
        assert order is not None
        slots = tuple(self._slot(compiled.binds, name, dialect) for name in order)
        columns = list(statement.selected_columns)
        built = _Compiled(
            sql=compiled.string, slots=slots,
            names=None if compiled.positional else tuple(order),
            converts=tuple(c.type.dialect_impl(dialect).result_processor(dialect, None)
                           for c in columns),
            row=_row_class([str(c.key) for c in columns]))
        self._compiled[(dialect.name, length)] = built
        return built

    def _slot(self, binds: Mapping[str, Any], name: str, dialect: Dialect) -> _Slot:
        for key in self._expanding:
            prefix = f"{key}_"
            if name not in binds and name.startswith(prefix) and name[len(prefix):].isdigit():
                convert = binds[key].type.dialect_impl(dialect).bind_processor(dialect)
                return _Slot(key, int(name[len(prefix):]) - 1, True, None, convert)
        bind = binds[name]
        convert = bind.type.dialect_impl(dialect).bind_processor(dialect)
        required = bind.key in self._required
        return _Slot(bind.key, -1, required, None if required else bind.effective_value, convert)


def _row_class(keys: list[str]) -> Any:
    """Rows like SQLAlchemy's for their readers: attributes by column name, `_mapping`."""
    base = namedtuple("PreparedRow", keys)  # type: ignore[misc]
    return type("PreparedRow", (base,), {"__slots__": (), "_mapping": property(base._asdict)})
