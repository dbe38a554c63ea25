"""Running a query or a search against the index: filters to SQL, ranked full text, sorting, columns.

Each field is read where the index keeps it: the `records` table for what every record has (id, kind,
symbol, title, status, date, path, validity), the `refs` table for references, `fields` for the rest.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..index import POINTS_AT, Index, Row, points_at
from .filters import Filter

COLUMNS: dict[str, str] = {
    "id": "r.id",
    "kind": "r.kind",
    "symbol": "r.symbol",
    "title": "r.title",
    "status": "r.status",
    "date": "r.date",
    "path": "r.path",
    "valid": "r.valid",
    "year": "CAST(substr(r.date, 1, 4) AS INTEGER)",
}
ALIASES: dict[str, tuple[str, ...]] = {"adopted": ("adoption.date",), "phrase": ("preamble.phrase", "operative.phrase")}
DEFAULT_COLUMNS = ("id", "kind", "date", "status", "title")
_ORDERINGS = ("<", "<=", ">", ">=")
_TEXT_COLUMNS = ("id", "symbol", "title", "path")  # sorted and compared ignoring case, as the fields table
MARK_START, MARK_END = "\x02", "\x03"  # around matched words in titles and snippets
_WEIGHTS = "10.0, 1.0, 5.0"  # title, words, names: a match in the title counts most


@dataclass
class Query:
    filters: list[Filter] = field(default_factory=list)
    text: str | None = None  # an FTS5 expression (query/words.py)
    sort: list[tuple[str, bool]] = field(default_factory=list)  # (field, descending); none: by rank or date
    limit: int | None = None
    columns: tuple[str, ...] = DEFAULT_COLUMNS
    snippets: bool = False  # a search's view: matched words marked in the title and a passage


@dataclass(slots=True)
class Hit:
    row: Row
    fields: dict[str, list[Any]]  # the values of the columns that are not the record's own (see values())
    title: str | None = None  # with MARK_START/MARK_END around matches (searches)
    snippet: str | None = None

    def values(self, column: str) -> list[Any]:
        """A column's values: one for most fields, any number for lists, none when the record has none."""
        if column in COLUMNS:
            value = self.row.date[:4] if column == "year" and self.row.date else getattr(self.row, column, None)
            if column == "year" and value is not None:
                value = int(value)
            return [] if value is None else [value]
        return self.fields.get(column, [])


@dataclass
class Result:
    hits: list[Hit]
    total: int  # matches before the limit
    columns: tuple[str, ...]


def run(index: Index, query: Query) -> Result:
    where, params = _where(query.filters, index.catalogue)
    source = "records r"
    extra = ""
    if query.text is not None:
        source = "text JOIN records r ON r.rec = text.rowid"
        where.insert(0, "text MATCH ?")
        params.insert(0, query.text)
        if query.snippets:
            extra = (
                f", highlight(text, 0, '{MARK_START}', '{MARK_END}'), "
                f"snippet(text, 1, '{MARK_START}', '{MARK_END}', '…', 24)"
            )
    condition = _balanced(where, "AND") if where else "1"
    order, order_params = _order(query, index.catalogue)
    limit = f" LIMIT {int(query.limit)}" if query.limit else ""
    # Only ids wanted (a list to pipe on): fetching the rest of a hundred thousand rows would be most of the work.
    lean = set(query.columns) <= {"id"} and not extra
    columns = (
        "r.rec, r.id, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL"
        if lean
        else "r.rec, r.id, r.kind, r.symbol, r.title, r.status, r.date, r.path, r.valid, r.problem"
    )
    sql = f"SELECT {columns}{extra} FROM {source} WHERE {condition} ORDER BY {order}{limit}"
    rows = index.db.execute(sql, [*params, *order_params]).fetchall()
    if query.limit and len(rows) >= query.limit:
        total = index.db.execute(f"SELECT count(*) FROM {source} WHERE {condition}", params).fetchone()[0]
    else:
        total = len(rows)
    hits = [Hit(Row.of(row), {}, *(row[10:12] if extra else ())) for row in rows]
    _fill(index, hits, query.columns)
    return Result(hits, total, query.columns)


def _where(filters: list[Filter], catalogue: dict[str, Any]) -> tuple[list[str], list[Any]]:
    clauses: list[str] = []
    params: list[Any] = []
    for item in filters:
        sql, values = _condition(item, catalogue)
        clauses.append(sql)
        params += values
    return clauses, params


def _condition(item: Filter, catalogue: dict[str, Any]) -> tuple[str, list[Any]]:
    negated = item.op in ("!=", "!~")
    if item.field in COLUMNS:
        sql, params = _test(COLUMNS[item.field], item)
        return (f"NOT coalesce({sql}, 0)" if negated else sql), params
    if item.type == "ref":
        sql, params = _ref_test(item)
        field_sql, field_params = _ref_field(item.field)
        subquery = f"SELECT rec FROM refs WHERE {field_sql}{sql}"
        params = [*field_params, *params]
    else:
        names = ALIASES.get(item.field, (item.field,))
        sql, params = _test("value", item)
        subquery = f"SELECT rec FROM fields WHERE name IN ({','.join('?' * len(names))}) AND {sql}"
        params = [*names, *params]
    return f"r.rec {'NOT IN' if negated else 'IN'} ({subquery})", params


def _test(column: str, item: Filter) -> tuple[str, list[Any]]:
    """The positive test of one filter on one column (negation is applied by the caller)."""
    if item.values == ("*",):
        return f"{column} IS NOT NULL", []
    if item.op in ("~", "!~"):
        # LIKE ignores the case of ASCII letters only; other text is compared case-folded.
        tests = [
            f"{column} LIKE ? ESCAPE '\\'" if value.isascii() else f"instr(fold({column}), ?) > 0"
            for value in item.values
        ]
        return _balanced(tests, "OR"), [_like(v) if v.isascii() else v.casefold() for v in item.values]
    if item.type == "date":
        if item.op in ("=", "!="):
            return _balanced([f"{column} BETWEEN ? AND ?"] * len(item.values), "OR"), [
                bound for pair in item.values for bound in pair
            ]
        low, high = item.values[0]
        bound = {"<": low, ">=": low, "<=": high, ">": high}[item.op]
        return f"{column} {item.op} ?", [bound]
    if item.type == "text" and item.op in _ORDERINGS:  # text compares as it sorts: ignoring case
        value = item.values[0]
        return (
            (f"{column} COLLATE NOCASE {item.op} ?", [value])
            if value.isascii()
            else (f"fold({column}) {item.op} ?", [value.casefold()])
        )
    if item.op in ("=", "!="):
        if item.type in ("number", "bool", "enum"):  # enum choices are lower-case words: compared exactly
            return f"{column} IN ({','.join('?' * len(item.values))})", list(item.values)
        plain = [value for value in item.values if value.isascii()]
        other = [value.casefold() for value in item.values if not value.isascii()]
        tests = [f"{column} COLLATE NOCASE IN ({','.join('?' * len(plain))})"] if plain else []
        tests += [f"fold({column}) IN ({','.join('?' * len(other))})"] if other else []
        return _balanced(tests, "OR"), [*plain, *other]
    return f"{column} {item.op} ?", [item.values[0]]


def _ref_test(item: Filter) -> tuple[str, list[Any]]:
    if item.values == ("*",):
        return "1", []
    if item.op in ("~", "!~"):
        # Distinct references are far fewer than references: look for the words among them.
        return (
            "ref IN (SELECT ref FROM refnames WHERE " + " OR ".join(["ref LIKE ? ESCAPE '\\'"] * len(item.values)) + ")"
        ), [_like(value) for value in item.values]
    tests, params = [], []
    for value in item.values:
        value = value.lower()
        if "#" in value:
            tests.append("ref = ?")
            params.append(value)
        else:
            tests.append(f"({POINTS_AT})")  # the record, or any part of it
            params += points_at(value)
    return _balanced(tests, "OR"), params


def _ref_field(name: str) -> tuple[str, list[Any]]:
    """The test of the field a reference stands in, for a reference field or the derived refs and cites."""
    if name == "refs":
        return "", []
    if name == "cites":  # references in the words: preamble.refs, operative.items.refs, annexes.refs ...
        return "field LIKE '%.refs' AND ", []
    return "field = ? AND ", [name]


def _balanced(tests: list[str], joiner: str) -> str:
    """Tests joined by OR or AND as a balanced tree: SQLite limits how deeply an expression may nest, and a
    list of ten thousand ids pasted into one filter must not reach it."""
    if len(tests) == 1:
        return tests[0]
    middle = len(tests) // 2
    return f"({_balanced(tests[:middle], joiner)} {joiner} {_balanced(tests[middle:], joiner)})"


def _like(value: str) -> str:
    return "%" + value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _order(query: Query, catalogue: dict[str, Any]) -> tuple[str, list[Any]]:
    if not query.sort:
        if query.text is not None:
            return f"bm25(text, {_WEIGHTS}), r.id", []
        return "coalesce(r.date, '~'), r.id", []  # undated records last; the records_order index serves it
    terms: list[str] = []
    params: list[Any] = []
    for name, descending in query.sort:
        expression, values = _sort_value(name, descending, catalogue)
        terms.append(f"{expression} IS NULL, {expression} {'DESC' if descending else 'ASC'}")
        params += values * 2
    return ", ".join([*terms, "r.id"]), params


def _sort_value(name: str, descending: bool, catalogue: dict[str, Any]) -> tuple[str, list[Any]]:
    """An SQL expression giving one value per record to sort on: for a list, its first value."""
    if name in COLUMNS:
        return (f"{COLUMNS[name]} COLLATE NOCASE" if name in _TEXT_COLUMNS else COLUMNS[name]), []
    if catalogue.get(name, {}).get("type") == "ref":
        field_sql, field_params = _ref_field(name)
        return f"(SELECT ref FROM refs WHERE {field_sql}rec = r.rec ORDER BY pos LIMIT 1)", field_params
    names = ALIASES.get(name, (name,))
    return (
        f"(SELECT value FROM fields WHERE rec = r.rec AND name IN ({','.join('?' * len(names))}) ORDER BY pos LIMIT 1)",
        list(names),
    )


def _fill(index: Index, hits: list[Hit], columns: tuple[str, ...]) -> None:
    """Each hit's values for the columns that the records table does not hold."""
    by_rec = {hit.row.rec: hit for hit in hits}
    recs = list(by_rec)
    for column in columns:
        if column in COLUMNS:
            continue
        is_ref = index.catalogue.get(column, {}).get("type") == "ref"
        for start in range(0, len(recs), 500):
            part = recs[start : start + 500]
            marks = ",".join("?" * len(part))
            if is_ref:
                field_sql, field_params = _ref_field(column)
                rows = index.db.execute(
                    f"SELECT rec, ref FROM refs WHERE {field_sql}rec IN ({marks}) ORDER BY rec, pos",
                    [*field_params, *part],
                )
            else:
                names = ALIASES.get(column, (column,))
                rows = index.db.execute(
                    f"SELECT rec, value FROM fields WHERE rec IN ({marks}) AND name IN "
                    f"({','.join('?' * len(names))}) ORDER BY rec, pos",
                    [*part, *names],
                )
            for rec, value in rows:
                by_rec[rec].fields.setdefault(column, []).append(value)
