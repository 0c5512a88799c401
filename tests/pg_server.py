"""A real PostgreSQL server for the tests: Debian's binaries, a throwaway cluster, a private Unix socket.

Why this shape: the store contract must run against the server analysts will use, not a mock. The
cluster lives in a temporary folder and listens only on a socket in that folder (no TCP port to
collide with another run or another xdist worker). ``initdb`` refuses to run as root, and the CI runs
as root: then the cluster belongs to ``nobody`` and every server command runs as that user; the test
process (root) still reaches the socket. Readiness is ``pg_ctl -w``, bounded by a deadline.
"""

from __future__ import annotations

import contextlib
import os
import pwd
import shutil
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

PORT = 5432  # the socket is .s.PGSQL.5432 inside a private folder: no clash with anything else
SUPERUSER = "postgres"
# A role that must give a password (scram), to test the libpq ways of giving one and that none is shown.
PASSWORD_ROLE = "desk_pw"
PASSWORD = "p@ss:w/rd s3cret-Kw9"
START_DEADLINE = 60  # seconds pg_ctl may wait for the server to accept connections
UNPRIVILEGED = "nobody"


class NoPostgreSQL(Exception):
    """No PostgreSQL is installed here: the only reason the PostgreSQL tests may be skipped."""


def bindir() -> Path | None:
    """Where initdb and pg_ctl are: pg_config's answer, else the newest /usr/lib/postgresql/N/bin."""
    pg_config = shutil.which("pg_config")
    if pg_config:
        with contextlib.suppress(OSError, subprocess.SubprocessError):
            found = Path(subprocess.run([pg_config, "--bindir"], capture_output=True, text=True, check=True,
                                        timeout=30).stdout.strip())
            if (found / "initdb").exists() and (found / "pg_ctl").exists():
                return found
    candidates = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"),
                        key=lambda p: int(p.parent.parent.name) if p.parent.parent.name.isdigit() else 0)
    return candidates[-1].parent if candidates else None


class PgServer:
    """One running cluster; ``url(db)`` names a database in it, ``fresh_database()`` makes a new one."""

    def __init__(self, root: Path, binaries: Path) -> None:
        self.root = root
        self.bin = binaries
        self.data = root / "data"
        self.log = root / "server.log"
        self.socket_dir = root
        self._as_user: list[str] = []
        self._owner: pwd.struct_passwd | None = None
        if os.geteuid() == 0:
            self._owner = pwd.getpwnam(UNPRIVILEGED)
            self._as_user = ["setpriv", f"--reuid={self._owner.pw_uid}", f"--regid={self._owner.pw_gid}",
                             "--clear-groups", "--"]

    # -- the cluster -------------------------------------------------------------------------

    def _run(self, *argv: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
        done = subprocess.run([*self._as_user, *argv], cwd=self.root, capture_output=True, text=True,
                              timeout=timeout, env={**os.environ, "LC_ALL": "C.UTF-8"})
        if done.returncode != 0:
            tail = self.log.read_text(errors="replace")[-2000:] if self.log.exists() else ""
            raise RuntimeError(f"{argv[0]} failed ({done.returncode}): {done.stdout}{done.stderr}{tail}")
        return done

    def init(self) -> None:
        if self._owner is not None:
            os.chown(self.root, self._owner.pw_uid, self._owner.pw_gid)
        os.chmod(self.root, 0o700)
        self._run(str(self.bin / "initdb"), "-D", str(self.data), "-U", SUPERUSER, "-E", "UTF8",
                  "--locale=C.UTF-8", "--auth=trust", "--no-sync")
        # The password role must prove it knows the password; everyone else (the fixture) is trusted.
        (self.data / "pg_hba.conf").write_text(f"local all {PASSWORD_ROLE} scram-sha-256\nlocal all all trust\n")
        with (self.data / "postgresql.conf").open("a") as conf:
            conf.write("\nlisten_addresses = ''\n"
                       f"unix_socket_directories = '{self.socket_dir}'\n"
                       f"port = {PORT}\n"
                       # A throwaway cluster: durability is not what these tests check.
                       "fsync = off\nsynchronous_commit = off\nfull_page_writes = off\n"
                       "max_connections = 200\n")

    def start(self) -> None:
        self._run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-l", str(self.log), "-w",
                  "-t", str(START_DEADLINE), "start", timeout=START_DEADLINE + 30)

    def stop(self) -> None:
        self._run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", "fast", "-w",
                  "-t", str(START_DEADLINE), "stop", timeout=START_DEADLINE + 30)

    def running(self) -> bool:
        done = subprocess.run([*self._as_user, str(self.bin / "pg_ctl"), "-D", str(self.data), "status"],
                              cwd=self.root, capture_output=True, text=True, timeout=60)
        return done.returncode == 0

    # -- what tests use ----------------------------------------------------------------------

    def url(self, dbname: str, *, user: str = SUPERUSER, password: str | None = None) -> str:
        """A postgresql:// URL reaching ``dbname`` over the private socket."""
        auth = quote(user, safe="") + (f":{quote(password, safe='')}" if password is not None else "")
        return f"postgresql://{auth}@/{dbname}?host={quote(str(self.socket_dir), safe='/')}&port={PORT}"

    def admin(self, sql: str, *params: object, dbname: str = "postgres") -> list[tuple[object, ...]]:
        """Run ``sql`` as the superuser (set-up the store itself must not do: databases, roles)."""
        import psycopg

        with psycopg.connect(self.url(dbname), autocommit=True) as conn:
            cur = conn.execute(sql, params or None)
            return cur.fetchall() if cur.description else []

    def desk_roles(self, database: str) -> tuple[str, str]:
        """The README's reviewer and viewer roles on ``database`` (whose tables exist), and a login
        role in each: (reviewer, viewer). Roles are per server, so their names carry the database's."""
        suffix = database[-8:]
        reviewers, viewers, ana, max_ = (f"{n}_{suffix}" for n in ("desk_reviewers", "desk_viewers", "ana", "max"))
        for statement in (f"CREATE ROLE {reviewers} NOLOGIN", f"CREATE ROLE {viewers} NOLOGIN",
                          f"GRANT USAGE ON SCHEMA public TO {reviewers}, {viewers}",
                          f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {reviewers}",
                          f"GRANT SELECT ON ALL TABLES IN SCHEMA public TO {viewers}",
                          f"CREATE ROLE {ana} LOGIN IN ROLE {reviewers}",
                          f"CREATE ROLE {max_} LOGIN IN ROLE {viewers}"):
            self.admin(statement, dbname=database)
        return ana, max_

    def fresh_database(self) -> str:
        """A new, empty database: every test starts from nothing, like a new state file."""
        name = f"t_{uuid.uuid4().hex[:16]}"
        self.admin(f'CREATE DATABASE "{name}"')
        self.admin(f'GRANT ALL ON DATABASE "{name}" TO {PASSWORD_ROLE}')
        self.admin(f"GRANT ALL ON SCHEMA public TO {PASSWORD_ROLE}", dbname=name)
        return name


@contextlib.contextmanager
def running_server() -> Iterator[PgServer]:
    """Start a cluster, yield it, and stop and delete it however the tests end."""
    binaries = bindir()
    if binaries is None:
        raise NoPostgreSQL("no PostgreSQL installed (no pg_config, no /usr/lib/postgresql/*/bin/initdb): "
                           "apt-get install postgresql")
    root = Path(tempfile.mkdtemp(prefix="briefing-pg-"))
    server = PgServer(root, binaries)
    try:
        server.init()
        server.start()
        _create_password_role(server)
        yield server
    finally:
        with contextlib.suppress(Exception):
            if server.running():
                server.stop()
        shutil.rmtree(root, ignore_errors=True)


def _create_password_role(server: PgServer) -> None:
    """CREATE ROLE takes no parameters: the password goes in as a quoted literal, composed by psycopg."""
    import psycopg
    from psycopg import sql

    with psycopg.connect(server.url("postgres"), autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE ROLE {} LOGIN PASSWORD {}").format(sql.Identifier(PASSWORD_ROLE),
                                                                        sql.Literal(PASSWORD)))
