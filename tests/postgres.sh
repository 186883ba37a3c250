# Sourced by `make test`: make sure DATABASE_URL points at a PostgreSQL server that answers.
# Uses DATABASE_URL when set; otherwise the local server on 127.0.0.1:5432, starting the
# Debian cluster with pg_ctlcluster if it is down.

if [ -z "${DATABASE_URL:-}" ]; then
  export DATABASE_URL="postgres://postgres@127.0.0.1:5432/repayhelp"
  pg_up() { pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; }
  if ! command -v pg_isready >/dev/null 2>&1; then
    echo "make test: PostgreSQL client tools not found. Install PostgreSQL (apt-get install postgresql) or set DATABASE_URL." >&2
    return 1 2>/dev/null || exit 1
  fi
  if ! pg_up && command -v pg_ctlcluster >/dev/null 2>&1; then
    echo "make test: PostgreSQL is down; starting the local cluster(s)." >&2
    for version in $(ls /etc/postgresql 2>/dev/null); do
      for cluster in $(ls "/etc/postgresql/$version" 2>/dev/null); do
        pg_ctlcluster --skip-systemctl-redirect "$version" "$cluster" start 2>/dev/null || true
      done
    done
    for _ in $(seq 1 30); do pg_up && break; sleep 0.5; done
  fi
  if ! pg_up; then
    echo "make test: no PostgreSQL answers on 127.0.0.1:5432 and none could be started." >&2
    echo "           Start one, or set DATABASE_URL=postgres://user:password@host:port/dbname." >&2
    return 1 2>/dev/null || exit 1
  fi
fi
