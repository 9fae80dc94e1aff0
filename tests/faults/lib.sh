# Shared by the fault scripts: build once, start and stop the service, find its address. Sourced, not run.
# Everything started here is stopped by stop_all (trap it on EXIT); only processes this script started are signalled.

FAULTS_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$FAULTS_DIR/../.." && pwd)
STARTED_PIDS=()

need() {
    for tool in "$@"; do
        command -v "$tool" >/dev/null || { echo "missing: $tool (sudo apt-get install -y curl python3 sqlite3)" >&2; exit 2; }
    done
}

# Builds the Worker in Release into $SYN_BIN_DIR (or reuses SYN_BIN, a folder holding syndication.dll).
build_once() {
    if [[ -n "${SYN_BIN:-}" ]]; then
        SYN_BIN_DIR=$SYN_BIN
    else
        SYN_BIN_DIR=$WORK/bin
        echo "building the Worker (Release) into $SYN_BIN_DIR …" >&2
        dotnet publish "$REPO/src/Syndication.Worker" -c Release -o "$SYN_BIN_DIR" --nologo -v quiet >&2
    fi
}

syn() { dotnet "$SYN_BIN_DIR/syndication.dll" "$@"; }

# start_service DB LOG [extra args…]: starts `serve` on a free loopback port; sets SERVICE_PID and BASE.
start_service() {
    local db=$1 log=$2
    shift 2
    Syndication__Database=$db Syndication__Ingestion__Enabled=${INGESTION:-false} Syndication__SeedsPath=$REPO/seeds \
        dotnet "$SYN_BIN_DIR/syndication.dll" serve --urls http://127.0.0.1:0 "$@" >"$log" 2>&1 &
    SERVICE_PID=$!
    STARTED_PIDS+=("$SERVICE_PID")
    BASE=""
    for _ in $(seq 1 600); do
        BASE=$(grep -o 'Now listening on: http://127.0.0.1:[0-9]*' "$log" | head -1 | sed 's/Now listening on: //' || true)
        [[ -n "$BASE" ]] && break
        kill -0 "$SERVICE_PID" 2>/dev/null || { echo "the service stopped:" >&2; tail -20 "$log" >&2; return 1; }
        sleep 0.2
    done
    [[ -n "$BASE" ]] || { echo "the service did not start within 120 s" >&2; return 1; }
}

stop_service() {
    if [[ -n "${SERVICE_PID:-}" ]] && kill -0 "$SERVICE_PID" 2>/dev/null; then
        kill -TERM "$SERVICE_PID"
        wait "$SERVICE_PID" 2>/dev/null || true
    fi
    SERVICE_PID=""
}

stop_all() {
    for pid in "${STARTED_PIDS[@]}"; do
        kill -0 "$pid" 2>/dev/null && kill -TERM "$pid" 2>/dev/null
    done
    wait 2>/dev/null || true
}

# integrity DB: prints "ok" or SQLite's complaint.
integrity() { sqlite3 "$1" "PRAGMA integrity_check" | head -3 | tr '\n' ' '; }
