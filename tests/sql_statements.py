"""Record the SQL statements an engine runs: for tests of how many queries work costs."""
from contextlib import contextmanager

from sqlalchemy import event


@contextmanager
def statements_run(engine):
    """Yield a list that grows by each SQL statement the engine runs inside the block."""
    statements = []

    def record(_conn, _cursor, statement, *_args):
        statements.append(statement)
    event.listen(engine, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", record)
