#!/usr/bin/env bash
# The OTP path cold: owner add/remove with a fresh code each, at 20 requests/s for BENCH_OTP_S seconds, on a
# server that had only BENCH_WARM_S seconds of warm-up (bench/OtpLoad.java's warm-up), on a fresh PostgreSQL
# database. Accounts (level UI and API, a key, a gem each) are made first on a setup server at a low PBKDF2
# cost; the measured server then starts with every setting at its default.
#
#   bench/otp.sh              # 30 s warm-up, 60 s measured (about 6 minutes with the setup)
set -euo pipefail
cd "$(dirname "$0")/.."
DB=${BENCH_DB:-gemhost_otp}
PORT=18093
URL=http://127.0.0.1:$PORT
RATE=20
OTP_S=${BENCH_OTP_S:-60}
WARM_S=${BENCH_WARM_S:-30}
ACCOUNTS=$(( (OTP_S + WARM_S) * RATE / 2 + 10 ))
DATA=$(mktemp -d /tmp/gemhost-otp.XXXXXX)
OUT=bench/results/otp-$(date -u +%Y%m%d-%H%M%S)
mkdir -p "$OUT"
PID=
trap '[ -n "$PID" ] && kill "$PID" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$DATA"' EXIT
log() { echo "[$(date -u +%H:%M:%S)] $*" | tee -a "$OUT/run.log"; }

start() { # $1 name, then extra environment
  local name=$1; shift
  env -u GEMHOST_PBKDF2_ITERATIONS GEMHOST_PORT="$PORT" GEMHOST_DATA="$DATA" GEMHOST_DB=postgres GEMHOST_DB_USER=postgres \
      GEMHOST_DB_NAME="$DB" "$@" java ${BENCH_JAVA_OPTS:-} -jar target/server/payara-micro.jar --nocluster --contextroot / \
      --addlibs target/server/postgresql.jar --prebootcommandfile server-config/preboot.asadmin \
      --postbootcommandfile server-config/postgres.asadmin --deploy target/gemhost.war > "$OUT/server-$name.log" 2>&1 &
  PID=$!
  for _ in $(seq 1 150); do
    curl -sf "$URL/api/v1/health" > /dev/null && { log "$name server up"; return; }
    sleep 2
  done
  log "$name server did not come up"; exit 1
}
stop() { kill "$PID"; wait "$PID" 2>/dev/null || true; PID=; }

psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB"
start setup GEMHOST_PBKDF2_ITERATIONS=1024
log "setting up $ACCOUNTS accounts at UI and API, each with a key and a gem"
GEMHOST_DATA="$DATA" java bench/Accounts.java "$URL" mfa "$ACCOUNTS" "$DATA/accounts.tsv" 4 | tee -a "$OUT/setup.txt"
GEMHOST_DATA="$DATA" java bench/Accounts.java "$URL" plain 1 "$DATA/plain.tsv" | tee -a "$OUT/setup.txt"
stop
start measured
OTHER=$(head -1 "$DATA/plain.tsv" | cut -f1)
log "measuring: ${WARM_S} s warm-up then ${OTP_S} s at ${RATE}/s"
java bench/OtpLoad.java "$URL" "$DATA/accounts.tsv" "$OTHER" "$RATE" "$OTP_S" "$WARM_S" | tee "$OUT/otp.txt"
echo "$(nproc) cores, $(git rev-parse --short HEAD), $(date -u +%FT%TZ); RSS $(ps -o rss= -p "$PID" | awk '{printf "%d MiB", $1/1024}')" | tee -a "$OUT/otp.txt"
