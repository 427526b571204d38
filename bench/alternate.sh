#!/usr/bin/env bash
# Two builds of gemhost against each other on goal 2 (the OTP path and its floor), alternated on fresh servers, so
# that a change is judged against the machine of the same minutes and not against an older run:
#
#   bench/alternate.sh DATA_DIR A.war B.war [rounds, 3]
#
# DATA_DIR: secret.key and the *.tsv files of run.sh's GEMHOST_DATA (run it with BENCH_KEEP=1). For each round, A then
# B: a fresh server on run.sh's database (PostgreSQL, every setting at its default, -Xmx512m), OtpLoad's OTP case
# (30 s warm-up, 60 s measured, 20/s), then the floor (GET /api/v1/health) with the same client and schedule. Every
# OTP pass uses the same 920 accounts, minutes apart, so each code is still one the account never sent. Prints each pass's p50 and p99, the medians
# per build and their ratios to the floor; the summary becomes a section of bench/results/YYYY-MM.md.
# BENCH_A_JAVA_OPTS, BENCH_B_JAVA_OPTS: JVM options for one side only (the same WAR twice compares two settings).
set -euo pipefail
cd "$(dirname "$0")/.."
KEEP=$1; A=$2; B=$3; ROUNDS=${4:-3}
PORT=${BENCH_PORT:-8089}; DB=${BENCH_DB:-gemhost_bench}; URL=http://127.0.0.1:$PORT; XMX=${BENCH_XMX:-512m}
OUT=bench/results/alternate-$(date -u +%Y%m%d-%H%M%S); mkdir -p "$OUT"
DATA=$(mktemp -d /tmp/gemhost-alternate.XXXXXX); cp "$KEEP/secret.key" "$DATA/"
SERVER_PID=
mkdir -p target/bench-classes && javac -d target/bench-classes bench/lib/*.java
BJ="java -cp target/bench-classes"
stop() { if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=; fi; }
trap 'stop; rm -rf "$DATA"' EXIT
exec > >(tee "$OUT/alternate.txt") 2>&1
field() { { grep -h '^RESULT' "$1" || true; } | tail -1 | tr ' ' '\n' | sed -n "s/^$2=//p"; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
quiet() { # at least 90 % idle over 3 s, as run.sh waits, at most 5 minutes
  for _ in $(seq 1 100); do
    read -r a b <<< "$(awk '/^cpu / {print $2+$3+$4+$5+$6+$7+$8, $5+$6}' /proc/stat)"; sleep 3
    read -r c d <<< "$(awk '/^cpu / {print $2+$3+$4+$5+$6+$7+$8, $5+$6}' /proc/stat)"
    awk -v t=$(( c - a )) -v i=$(( d - b )) 'BEGIN { exit !(t > 0 && i / t >= 0.9) }' && return 0
  done
}
OTHER=$(head -1 "$KEEP/plain.tsv" | cut -f1)
PAIRS=$(( 92 * 10 ))   # OtpLoad: (30 + 60 + 2) s at 20/s, a pair of requests per account
sed -n "1,${PAIRS}p" "$KEEP/accounts.tsv" > "$DATA/round.tsv"
[ "$(wc -l < "$DATA/round.tsv")" -eq "$PAIRS" ] || { echo "$KEEP/accounts.tsv has fewer than $PAIRS accounts"; exit 1; }
echo "date: $(date -u +%FT%TZ); A: $A ($(sha256sum "$A" | cut -c1-12)); B: $B ($(sha256sum "$B" | cut -c1-12)); $ROUNDS rounds"
for r in $(seq 1 "$ROUNDS"); do
  for build in A B; do
    war=$A; [ "$build" = B ] && war=$B
    opts=BENCH_${build}_JAVA_OPTS
    env -u GEMHOST_PBKDF2_ITERATIONS GEMHOST_PORT="$PORT" GEMHOST_DATA="$DATA" GEMHOST_DB=postgres GEMHOST_DB_USER=postgres \
        GEMHOST_DB_NAME="$DB" java -Xmx"$XMX" ${!opts:-} -jar target/server/payara-micro.jar --nocluster --contextroot / \
        --addlibs target/server/postgresql.jar --prebootcommandfile server-config/preboot.asadmin \
        --postbootcommandfile server-config/postgres.asadmin --deploy "$war" > "$OUT/server-$r$build.log" 2>&1 &
    SERVER_PID=$!
    until curl -sf "$URL/api/v1/health" > /dev/null; do kill -0 $SERVER_PID; sleep 2; done
    quiet
    $BJ bench/OtpLoad.java "$URL" "$DATA/round.tsv" "$OTHER" 20 60 30 > "$OUT/otp-$r$build.txt" || true
    quiet
    $BJ bench/OtpLoad.java "$URL" "$DATA/round.tsv" "$OTHER" 20 60 30 floor > "$OUT/floor-$r$build.txt" || true
    stop
    echo "round $r $build: OTP p50 $(field "$OUT/otp-$r$build.txt" p50_ms) p99 $(field "$OUT/otp-$r$build.txt" p99_ms)" \
         "($(field "$OUT/otp-$r$build.txt" ok) of $(field "$OUT/otp-$r$build.txt" requests) ok);" \
         "floor p50 $(field "$OUT/floor-$r$build.txt" p50_ms) p99 $(field "$OUT/floor-$r$build.txt" p99_ms)" | tee -a "$OUT/rounds.txt"
  done
done
{
  echo "A: \`$A\` ${BENCH_A_JAVA_OPTS:-}, B: \`$B\` ${BENCH_B_JAVA_OPTS:-}; medians of the rounds, ms; the ratio is the OTP path's over the floor's of the same pass."
  echo
  echo "| build | OTP p50 | floor p50 | p50 ratio (≤ 2 ×) | OTP p99 | floor p99 | p99 ratio (≤ 1.5 ×) |"
  echo "|---|---|---|---|---|---|---|"
  for build in A B; do
    m() { for r in $(seq 1 "$ROUNDS"); do field "$OUT/$1-$r$build.txt" "$2"; done | median; }
    rp() { for r in $(seq 1 "$ROUNDS"); do awk -v a="$(field "$OUT/otp-$r$build.txt" "$1")" -v b="$(field "$OUT/floor-$r$build.txt" "$1")" 'BEGIN { printf "%.2f\n", a / b }'; done | median; }
    echo "| $build | $(m otp p50_ms) | $(m floor p50_ms) | $(rp p50_ms) × | $(m otp p99_ms) | $(m floor p99_ms) | $(rp p99_ms) × |"
  done
  echo
  echo "Each pass (ms):"
  echo
  sed 's/^/    /' "$OUT/rounds.txt"
} | tee "$OUT/summary.md"
. bench/lib/results.sh
keep_summary "$(basename "$OUT") (bench/alternate.sh, $ROUNDS rounds)" "$OUT/summary.md"
