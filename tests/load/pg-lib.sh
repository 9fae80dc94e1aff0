# Shared by the load scripts (source it): a private PostgreSQL server in a folder, from Debian's postgresql package.
#   start_postgres DIR [SETTING...]   initdb and pg_ctl start in DIR on a free loopback port (as the postgres user when
#                                     run as root: initdb refuses root), each SETTING passed as `-c SETTING`; sets $pgport
#   stop_postgres DIR                 stops it at once (a no-op when it was never started)
#   pg_connection DB                  the Npgsql connection string of database DB on it (user postgres, trust)
# The server runs with synchronous_commit=off, the nearest match of SQLite's WAL with synchronous=NORMAL (a crash may
# lose the last commits, never corrupt): the figures compare engines, not fsync speeds.
# The newest /usr/lib/postgresql/N/bin with initdb and pg_ctl (as tests/Syndication.Testing/PostgresServer.cs finds
# it), or empty when Debian's postgresql is not installed.
pgbin=''
for pgbin_candidate in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V); do
  if [[ -x $pgbin_candidate/initdb && -x $pgbin_candidate/pg_ctl ]]; then pgbin=$pgbin_candidate; fi
done
as_postgres=()
[[ $(id -u) == 0 ]] && as_postgres=(runuser -u postgres --)

start_postgres() {
  local dir=$1 setting options=''
  shift
  for setting in "$@"; do options+=" -c $setting"; done
  pgport=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
  mkdir -p "$dir"
  chmod a+x "$(dirname "$dir")"
  [[ -n ${as_postgres[*]} ]] && chown postgres:postgres "$dir"
  "${as_postgres[@]}" "$pgbin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
  "${as_postgres[@]}" "$pgbin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
    -o "-p $pgport -c listen_addresses=127.0.0.1 -k $dir -c synchronous_commit=off -c max_connections=200$options" start >/dev/null
}

stop_postgres() {
  [[ -d $1/data ]] && "${as_postgres[@]}" "$pgbin/pg_ctl" -D "$1/data" -m immediate -w stop >/dev/null 2>&1
  return 0
}

pg_connection() { echo "Host=127.0.0.1;Port=$pgport;Username=postgres;Database=$1;Maximum Pool Size=50"; }
