"""Record ids from addresses and forms: only numbers the database can hold. A bigger one (`/learners/99999999999999999999/`)
would raise OverflowError on SQLite and NumericValueOutOfRange on PostgreSQL, a 500, where nobody is there: a 404."""

from django.urls import register_converter

# The largest BigAutoField (and so AutoField) value: a signed 64-bit integer.
MAX_ID = 2**63 - 1


def id_or_none(value) -> int | None:
    """`value` (a form's or query's text) as an id the database can look up, or None: there is no such record."""
    try:
        number = int(str(value).strip())
    except ValueError:
        return None
    return number if 0 < number <= MAX_ID else None


class IdConverter:
    """`<id:…>` in our URL patterns: an id the database can hold, else the pattern does not match (a 404)."""

    regex = "[0-9]{1,19}"

    def to_python(self, value: str) -> int:
        number = id_or_none(value)
        if number is None:
            raise ValueError(value)  # the resolver reads this as "no match"
        return number

    def to_url(self, value) -> str:
        return str(value)


def register() -> None:
    register_converter(IdConverter, "id")
