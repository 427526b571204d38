#!/usr/bin/env bash
# The guard's overhead with and without the read cache, in one run: two gemhost nodes on one fresh
# PostgreSQL database, node A with the read cache (the default), node B with GEMHOST_CACHE_ENTRIES=0;
# one account with an API key that owns 3 gems; then interleaved rounds (floor on A, key-only gems.json
# on A, the same on B), wrk with 32 connections, BENCH_ROUND_S seconds each; medians of BENCH_ROUNDS.
#
#   bench/guard.sh            # 3 rounds of 10 s (about 4 minutes with the setup)
#
# Needs what bench/run.sh needs (JDK 17, wrk, psql, PostgreSQL at 127.0.0.1:5432, a built target/).
set -euo pipefail
cd "$(dirname "$0")/.."
DB=${BENCH_DB:-gemhost_guard}
ROUNDS=${BENCH_ROUNDS:-3}
ROUND_S=${BENCH_ROUND_S:-10}
PORT_A=18091
PORT_B=18092
DATA=$(mktemp -d /tmp/gemhost-guard.XXXXXX)
OUT=bench/results/guard-$(date -u +%Y%m%d-%H%M%S)
mkdir -p "$OUT"
PIDS=()
trap 'for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$DATA"' EXIT
log() { echo "[$(date -u +%H:%M:%S)] $*" | tee -a "$OUT/run.log"; }

psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB"
node() { # $1 port, $2 name, then extra environment
  local port=$1 name=$2; shift 2
  mkdir -p "$DATA/$name"
  env GEMHOST_PORT="$port" GEMHOST_DATA="$DATA/shared" GEMHOST_DB=postgres GEMHOST_DB_USER=postgres GEMHOST_DB_NAME="$DB" "$@" \
      java -jar target/server/payara-micro.jar --nocluster --contextroot / \
      --addlibs target/server/postgresql.jar --prebootcommandfile server-config/preboot.asadmin \
      --postbootcommandfile server-config/postgres.asadmin --deploy target/gemhost.war > "$OUT/server-$name.log" 2>&1 &
  PIDS+=($!)
  for _ in $(seq 1 150); do
    curl -sf "http://127.0.0.1:$port/api/v1/health" > /dev/null && return
    sleep 2
  done
  log "node $name did not come up"; exit 1
}
log "starting node A (read cache on) and node B (GEMHOST_CACHE_ENTRIES=0)"
node $PORT_A a
node $PORT_B b GEMHOST_CACHE_ENTRIES=0
grep -q "listening on gemhost_cache" "$OUT/server-a.log" && log "node A: read cache listening"

GEMHOST_DATA="$DATA/shared" java bench/Accounts.java "http://127.0.0.1:$PORT_A" plain 1 "$DATA/plain.tsv" > "$OUT/setup.txt"
EMAIL=$(head -1 "$DATA/plain.tsv" | cut -f1)
PASSWORD=$(head -1 "$DATA/plain.tsv" | cut -f3)
KEY=$(curl -sf -u "$EMAIL:$PASSWORD" -d "name=guard&index_rubygems=true&push_rubygem=true" "http://127.0.0.1:$PORT_A/api/v1/api_key")
for i in 1 2 3; do
  dir="$DATA/gem$i"; mkdir -p "$dir"; name="guard$(date +%s%N | tail -c 9)x$i"
  cat > "$dir/g.gemspec" <<SPEC
Gem::Specification.new do |s|
  s.name = "$name"; s.version = "1.0.$i"; s.summary = "bench"; s.authors = ["bench"]; s.files = []; s.license = "MIT"
end
SPEC
  (cd "$dir" && gem build g.gemspec > /dev/null 2>&1)
  curl -sf -H "Authorization: $KEY" -H "Content-Type: application/octet-stream" --data-binary @"$(ls "$dir"/*.gem)" \
      "http://127.0.0.1:$PORT_A/api/v1/gems" >> "$OUT/setup.txt"; echo >> "$OUT/setup.txt"
done
log "gems.json on A: $(curl -s -H "Authorization: $KEY" "http://127.0.0.1:$PORT_A/api/v1/gems.json")"

log "warm-up (not measured)"
for port in $PORT_A $PORT_B; do
  wrk -t2 -c32 -d"${WARM_S:-30}s" "http://127.0.0.1:$port/api/v1/health" > /dev/null
  wrk -t2 -c32 -d"${WARM_S:-30}s" -H "Authorization: $KEY" "http://127.0.0.1:$port/api/v1/gems.json" > /dev/null
done
rps() { wrk -t2 -c32 -d"${ROUND_S}s" "$@" | tee -a "$OUT/wrk.txt" | awk '/Requests\/sec/ {print $2}'; }
for r in $(seq 1 "$ROUNDS"); do
  f=$(rps "http://127.0.0.1:$PORT_A/api/v1/health")
  c=$(rps -H "Authorization: $KEY" "http://127.0.0.1:$PORT_A/api/v1/gems.json")
  u=$(rps -H "Authorization: $KEY" "http://127.0.0.1:$PORT_B/api/v1/gems.json")
  echo "$f $c $u" >> "$OUT/rounds.txt"
  log "round $r: floor $f req/s, gems.json cached $c req/s, uncached $u req/s"
done
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
F=$(cut -d' ' -f1 "$OUT/rounds.txt" | median)
C=$(cut -d' ' -f2 "$OUT/rounds.txt" | median)
U=$(cut -d' ' -f3 "$OUT/rounds.txt" | median)
{
  echo "| case (median of $ROUNDS interleaved rounds of ${ROUND_S} s, 32 connections) | req/s | × floor |"
  echo "|---|---|---|"
  echo "| floor: GET /api/v1/health | $F | 1.00 |"
  echo "| key-only GET /api/v1/gems.json (3 gems), read cache on | $C | $(awk -v a="$C" -v b="$F" 'BEGIN {printf "%.2f", a/b}') |"
  echo "| the same, GEMHOST_CACHE_ENTRIES=0 | $U | $(awk -v a="$U" -v b="$F" 'BEGIN {printf "%.2f", a/b}') |"
  echo
  echo "$(nproc) cores, $(git rev-parse --short HEAD), $(date -u +%FT%TZ); node A RSS $(ps -o rss= -p "${PIDS[0]}" | awk '{printf "%d MiB", $1/1024}')"
} | tee "$OUT/summary.md"
