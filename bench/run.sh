#!/usr/bin/env bash
# Issue 7's benchmarks, the whole run: builds, starts gemhost (Payara Micro, the README's production launch line)
# on a fresh PostgreSQL database with a temporary GEMHOST_DATA, sets up the accounts through the pages and the API,
# runs cases 1-4, seeds 100,000 accounts and 10,000 gems, reruns cases 2 and 3, saves the query plans, stops the
# server and runs the JMH benchmarks. Results: bench/results/<time>/ (summary.md and the raw output of every step).
#
#   bench/run.sh                  # the full run (about 30-40 minutes on 2 cores, plus waits for a quiet machine)
#   BENCH_QUICK=1 bench/run.sh    # smoke test: short durations, fewer accounts, JMH with one short iteration
#
# Needs: JDK 17, Maven, wrk (apt-get install -y wrk), psql and a PostgreSQL at 127.0.0.1:5432 where the user
# postgres may create databases. Settings: BENCH_PORT (8089), BENCH_DB (gemhost_bench, dropped and recreated),
# BENCH_QUIET_MAX_S (1200), BENCH_SKIP_BUILD=1, BENCH_SKIP_JMH=1, BENCH_KEEP=1 (keep GEMHOST_DATA), BENCH_JAVA_OPTS.
set -euo pipefail
cd "$(dirname "$0")/.."

PORT=${BENCH_PORT:-8089}
DB=${BENCH_DB:-gemhost_bench}
URL=http://127.0.0.1:$PORT
QUIET_MAX=${BENCH_QUIET_MAX_S:-1200}
if [ "${BENCH_QUICK:-0}" = 1 ]; then
  D_WRK=5; D_OTP=10; W_OTP=4; WARM=5; ACCOUNTS=340; QUIET_MAX=${BENCH_QUIET_MAX_S:-30}; JMH_ARGS="-wi 0 -i 1 -r 1s -p iterations=60000"
else
  D_WRK=30; D_OTP=60; W_OTP=10; WARM=20; ACCOUNTS=1640; JMH_ARGS=""
fi
RATE=20
OTP_PAIRS=$(( (D_OTP + W_OTP) * RATE / 2 ))       # accounts one case-3 run uses
WARM_PAIRS=$(( WARM * RATE / 2 ))
OUT=bench/results/$(date -u +%Y%m%d-%H%M%S)$([ "${BENCH_QUICK:-0}" = 1 ] && echo -quick || true)
mkdir -p "$OUT"
DATA=$(mktemp -d /tmp/gemhost-bench.XXXXXX)
SERVER_PID=
BACKGROUND=()
exec > >(tee "$OUT/run.log") 2>&1

log() { echo "[$(date -u +%H:%M:%S)] $*"; }

cleanup() {
  for p in "${BACKGROUND[@]}"; do kill "$p" 2>/dev/null || true; done
  stop_server
  if [ "${BENCH_KEEP:-0}" = 1 ]; then log "GEMHOST_DATA kept in $DATA"; else rm -rf "$DATA"; fi
}
trap cleanup EXIT

psql_db() { psql -h 127.0.0.1 -U postgres -d "$DB" -v ON_ERROR_STOP=1 "$@"; }

# Payara Micro processes other than ours (another engineer's tests, say).
other_servers() {
  local p
  for p in $(pgrep -f payara-micro || true); do
    [ "$p" = "$SERVER_PID" ] && continue
    [ "$(cat /proc/"$p"/comm 2>/dev/null)" = java ] && echo -n "$p "
  done
  true
}

# Waits until the 1-minute load is below 0.8 and no other Payara Micro runs, for at most QUIET_MAX seconds.
wait_quiet() {
  local t0 load others
  t0=$(date +%s)
  while :; do
    load=$(cut -d' ' -f1 /proc/loadavg)
    others=$(other_servers)
    if awk -v l="$load" 'BEGIN { exit !(l < 0.8) }' && [ -z "$others" ]; then
      log "QUIET before $1: load $load after $(( $(date +%s) - t0 )) s"
      echo "$1 quiet load=$load waited=$(( $(date +%s) - t0 ))s" >> "$OUT/quiet.txt"
      return
    fi
    if (( $(date +%s) - t0 >= QUIET_MAX )); then
      log "NOT QUIET before $1 after ${QUIET_MAX} s: load $load, other Payara Micro: ${others:-none}; measuring anyway"
      echo "$1 NOT-quiet load=$load others=${others:-none} waited=${QUIET_MAX}s" >> "$OUT/quiet.txt"
      return
    fi
    sleep 10
  done
}

start_server() { # $1: name, then extra environment (NAME=VALUE ...)
  local name=$1; shift
  log "starting gemhost ($name) on port $PORT, database $DB, GEMHOST_DATA $DATA"
  env -u GEMHOST_PBKDF2_ITERATIONS -u GEMHOST_API_CODE_WINDOW_S GEMHOST_PORT="$PORT" GEMHOST_DATA="$DATA" GEMHOST_DB=postgres \
      GEMHOST_DB_USER=postgres GEMHOST_DB_NAME="$DB" "$@" \
      java ${BENCH_JAVA_OPTS:-} -jar target/server/payara-micro.jar --nocluster --contextroot / \
      --addlibs target/server/postgresql.jar --prebootcommandfile server-config/preboot.asadmin \
      --postbootcommandfile server-config/postgres.asadmin --deploy target/gemhost.war > "$DATA/server-$name.log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 150); do
    if curl -sf "$URL/api/v1/health" > /dev/null; then log "gemhost up (pid $SERVER_PID)"; return; fi
    kill -0 "$SERVER_PID" 2>/dev/null || { tail -50 "$DATA/server-$name.log"; log "server died"; exit 1; }
    sleep 2
  done
  tail -50 "$DATA/server-$name.log"; log "server did not come up"; exit 1
}

stop_server() {
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    log "stopping gemhost (pid $SERVER_PID)"
    kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true
  fi
  SERVER_PID=
}

# wrk with the percentile script; $1 output name, $2 seconds, rest: wrk arguments
run_wrk() {
  local name=$1 seconds=$2; shift 2
  vmstat 1 $(( seconds + 1 )) > "$OUT/$name.vmstat" &
  wrk -t2 -c32 -d"${seconds}s" -s bench/latency.lua "$@" | tee "$OUT/$name.txt"
  wait $!
}

# key=value from the RESULT line of a file
field() { grep -h '^RESULT' "$1" | tail -1 | tr ' ' '\n' | sed -n "s/^$2=//p" | sed 's#/s$##'; }

machine() {
  echo "date: $(date -u +%FT%TZ)"
  echo "commit: $(git rev-parse --short HEAD) ($(git status --porcelain | wc -l) uncommitted changes)"
  echo "cpu: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')"
  echo "memory: $(free -g | awk '/Mem:/ {print $2}') GiB"
  echo "kernel: $(uname -r)"
  echo "java: $(java -version 2>&1 | head -1)"
  echo "wrk: $(wrk --version 2>&1 | head -1 | cut -d' ' -f1-2)"
  echo "postgresql: $(psql -h 127.0.0.1 -U postgres -Atc 'SHOW server_version')"
  echo "payara micro: $(sed -n 's:.*<payara.version>\(.*\)</payara.version>.*:\1:p' pom.xml)"
}

# ---------------------------------------------------------------------------------------------------------------------
machine | tee "$OUT/machine.txt"
if [ "${BENCH_SKIP_BUILD:-0}" != 1 ]; then
  log "building the WAR (mvn -q package -DskipTests)"
  mvn -q package -DskipTests
fi
psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB"

# Setup through the pages at a low PBKDF2 cost (each MFA account costs 12 hashes: sign-up, ten recovery codes, Basic).
start_server setup GEMHOST_PBKDF2_ITERATIONS=1024
log "setting up $ACCOUNTS accounts at level UI and API, each with an API key and a gem"
GEMHOST_DATA="$DATA" java bench/Accounts.java "$URL" mfa "$ACCOUNTS" "$DATA/accounts.tsv" 4 | tee "$OUT/setup.txt"
stop_server

# The measured server: every setting at its default (GEMHOST_PBKDF2_ITERATIONS 600000).
start_server measured
GEMHOST_DATA="$DATA" java bench/Accounts.java "$URL" plain 5 "$DATA/plain.tsv" | tee -a "$OUT/setup.txt"
OTHER=$(head -1 "$DATA/plain.tsv" | cut -f1)
tail -n 4 "$DATA/plain.tsv" > "$DATA/logins.tsv"
KEY=$(head -1 "$DATA/accounts.tsv" | cut -f5)
# Account slices: warm-up, case 3, case 3 at scale: no account is used twice.
tail -n +$(( ACCOUNTS - WARM_PAIRS + 1 )) "$DATA/accounts.tsv" > "$DATA/warm.tsv"
head -n "$OTP_PAIRS" "$DATA/accounts.tsv" > "$DATA/otp-small.tsv"
tail -n +$(( OTP_PAIRS + 1 )) "$DATA/accounts.tsv" | head -n "$OTP_PAIRS" > "$DATA/otp-scaled.tsv"
log "gems.json with the key of $(head -1 "$DATA/accounts.tsv" | cut -f1): $(curl -s -H "Authorization: $KEY" "$URL/api/v1/gems.json")"

log "warm-up (not measured): health, gems.json, owner changes, sign-ins"
wrk -t2 -c32 -d"${WARM}s" "$URL/api/v1/health" > /dev/null
wrk -t2 -c32 -d"${WARM}s" -H "Authorization: $KEY" "$URL/api/v1/gems.json" > /dev/null
java bench/OtpLoad.java "$URL" "$DATA/warm.tsv" "$OTHER" "$RATE" "$(( WARM - 2 ))" 2 > /dev/null
java bench/SignInLoad.java "$URL" "$DATA/logins.tsv" 4 5 > /dev/null

wait_quiet case1
log "case 1: floor, GET /api/v1/health, 32 connections, ${D_WRK} s"
run_wrk case1 "$D_WRK" "$URL/api/v1/health"

wait_quiet case2
log "case 2: key only, GET /api/v1/gems.json, 32 connections, ${D_WRK} s"
run_wrk case2 "$D_WRK" -H "Authorization: $KEY" "$URL/api/v1/gems.json"

wait_quiet case3
log "case 3: key + OTP, owner add/remove at ${RATE}/s for ${D_OTP} s (+${W_OTP} s warm-up)"
vmstat 1 $(( D_OTP + W_OTP )) > "$OUT/case3.vmstat" &
java bench/OtpLoad.java "$URL" "$DATA/otp-small.tsv" "$OTHER" "$RATE" "$D_OTP" "$W_OTP" | tee "$OUT/case3.txt" || true
wait $!

wait_quiet case4
log "case 4: case 2 while 4 threads sign in with passwords"
java bench/SignInLoad.java "$URL" "$DATA/logins.tsv" 4 $(( D_WRK + 10 )) > "$OUT/case4-signins.txt" &
BACKGROUND+=($!)
sleep 5
run_wrk case4 "$D_WRK" -H "Authorization: $KEY" "$URL/api/v1/gems.json"
wait "${BACKGROUND[-1]}"
cat "$OUT/case4-signins.txt"

log "seeding 100,000 accounts and 10,000 gems (bench/seed.sql)"
psql_db -f bench/seed.sql | tee "$OUT/seed.txt"
wrk -t2 -c32 -d"${WARM}s" -H "Authorization: $KEY" "$URL/api/v1/gems.json" > /dev/null

wait_quiet case2-scaled
log "case 2 at scale"
run_wrk case2-scaled "$D_WRK" -H "Authorization: $KEY" "$URL/api/v1/gems.json"

wait_quiet case3-scaled
log "case 3 at scale"
vmstat 1 $(( D_OTP + W_OTP )) > "$OUT/case3-scaled.vmstat" &
java bench/OtpLoad.java "$URL" "$DATA/otp-scaled.tsv" "$OTHER" "$RATE" "$D_OTP" "$W_OTP" | tee "$OUT/case3-scaled.txt" || true
wait $!

log "indexes and query plans (bench/explain.sql)"
DIGEST=$(printf %s "$KEY" | sha256sum | cut -d' ' -f1)
psql_db -v digest="$DIGEST" -v handle="$(head -1 "$DATA/accounts.tsv" | cut -f2)" -v other="$OTHER" \
  -f bench/explain.sql > "$OUT/explain.txt"
psql_db -Atc "SHOW synchronous_commit; SHOW shared_buffers;" > "$OUT/postgres-settings.txt"
stop_server

if [ "${BENCH_SKIP_JMH:-0}" != 1 ]; then
  log "JMH: building bench/jmh"
  mvn -q -f bench/jmh/pom.xml package
  wait_quiet jmh
  log "JMH: hot code"
  java -jar bench/jmh/target/benchmarks.jar $JMH_ARGS -rf csv -rff "$OUT/jmh.csv" | tee "$OUT/jmh.txt"
fi

# ---------------------------------------------------------------------------------------------------------------------
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b == 0 || a == "" || b == "") print "n/a"; else printf "%.2f", a / b }'; }
yes_no() { awk -v c="$1" 'BEGIN { print (c ? "met" : "NOT met") }'; }
c1=$(field "$OUT/case1.txt" throughput); c2=$(field "$OUT/case2.txt" throughput); c2p99=$(field "$OUT/case2.txt" p99_ms)
c3p99=$(field "$OUT/case3.txt" p99_ms); c4p99=$(field "$OUT/case4.txt" p99_ms)
s2=$(field "$OUT/case2-scaled.txt" throughput); s2p99=$(field "$OUT/case2-scaled.txt" p99_ms); s3p99=$(field "$OUT/case3-scaled.txt" p99_ms)
row() { # case file
  printf '| %s | %s/s | %s ms | %s ms |' "$1" "$(field "$2" throughput)" "$(field "$2" p50_ms)" "$(field "$2" p99_ms)"
}
{
  echo "# Issue 7 benchmark run $(basename "$OUT")"
  echo
  sed 's/^/    /' "$OUT/machine.txt"
  echo
  echo "| case | throughput | p50 | p99 | target | figure | met |"
  echo "|---|---|---|---|---|---|---|"
  echo "$(row '1 floor: GET /api/v1/health, 32 conn' "$OUT/case1.txt") (the floor) | | |"
  echo "$(row '2 key only: GET /api/v1/gems.json, 32 conn' "$OUT/case2.txt") case 2 >= 0.7 x case 1 throughput | $(ratio "$c2" "$c1") x | $(yes_no "$(awk -v a="$c2" -v b="$c1" 'BEGIN{print (a >= 0.7*b)}')") |"
  echo "$(row "3 key + OTP: owner add/remove, ${RATE}/s" "$OUT/case3.txt") p99 <= 25 ms | $c3p99 ms | $(yes_no "$(awk -v a="$c3p99" 'BEGIN{print (a != "" && a <= 25)}')") |"
  echo "$(row '4 case 2 while 4 threads sign in' "$OUT/case4.txt") p99 <= 3 x case 2 p99 | $(ratio "$c4p99" "$c2p99") x | $(yes_no "$(awk -v a="$c4p99" -v b="$c2p99" 'BEGIN{print (a <= 3*b)}')") |"
  echo "$(row '2 at scale (100k accounts, 10k gems)' "$OUT/case2-scaled.txt") within 1.3 x of case 2 (throughput, p99) | $(ratio "$c2" "$s2") x, $(ratio "$s2p99" "$c2p99") x | $(yes_no "$(awk -v a="$s2" -v b="$c2" -v p="$s2p99" -v q="$c2p99" 'BEGIN{print (a*1.3 >= b && p <= 1.3*q)}')") |"
  echo "$(row '3 at scale (100k accounts, 10k gems)' "$OUT/case3-scaled.txt") within 1.3 x of case 3 (p99), and p99 <= 25 ms | $(ratio "$s3p99" "$c3p99") x | $(yes_no "$(awk -v p="$s3p99" -v q="$c3p99" 'BEGIN{print (p != "" && p <= 1.3*q && p <= 25)}')") |"
  echo
  echo "Sign-ins during case 4: $(grep '^RESULT' "$OUT/case4-signins.txt" | cut -d' ' -f2-)"
  echo
  echo "Quiet machine before each case:"
  echo
  sed 's/^/    /' "$OUT/quiet.txt"
  if [ -f "$OUT/jmh.txt" ]; then
    echo
    echo "JMH (goal: Totp.verify <= 10 us):"
    echo
    grep -E '^(Benchmark|HotCode)' "$OUT/jmh.txt" | sed 's/^/    /'
  fi
} > "$OUT/summary.md"
cat "$OUT/summary.md"
log "results in $OUT"
