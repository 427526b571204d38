#!/usr/bin/env bash
# Where the time goes, for a case that misses its target. Not the measurement (that is run.sh): a fresh
# server on the database a bench/run.sh left behind, one case's load, and
#   pass A (no profiler): throughput, the CPU seconds of the server JVM, of the postgres backends of its database and
#          of the whole machine, and PostgreSQL's commits and WAL flushes per request;
#   pass B: the same load under Java Flight Recorder (bench/sampling.jfc: execution samples only), then the top
#          methods by own samples and the share of samples inside chosen code areas.
#
#   bench/profile.sh DATA_DIR floor|key|otp|page [seconds, 30]
#
# DATA_DIR: secret.key and the *.tsv files of run.sh's GEMHOST_DATA (run it with BENCH_KEEP=1, or copy them).
# floor: case 1's load (wrk, health); key: case 2's load (wrk, gems.json); otp: case 3's (OtpLoad, 20/s, accounts unused for half an hour or more);
# page: GET /sign_in with OtpLoad's client and schedule at 20/s (what run.sh compares the OTP request's CPU with).
# PROFILE_JFR=0 skips pass B. Output in bench/results/profile-CASE-<time>/ (ignored by git), kept as a section of bench/results/YYYY-MM.md.
set -euo pipefail
cd "$(dirname "$0")/.."
KEEP=$1; CASE=$2; SECONDS_=${3:-30}
PORT=${BENCH_PORT:-8089}; DB=${BENCH_DB:-gemhost_bench}; URL=http://127.0.0.1:$PORT
OUT=bench/results/profile-$CASE-$(date -u +%Y%m%d-%H%M%S); mkdir -p "$OUT"
DATA=$(mktemp -d /tmp/gemhost-profile.XXXXXX); cp "$KEEP/secret.key" "$DATA/"
SERVER_PID=
mkdir -p target/bench-classes && javac -d target/bench-classes bench/lib/*.java   # the bench clients' shared code
BJ="java -cp target/bench-classes"
cleanup() {
  if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
  rm -rf "$DATA"
  . bench/lib/results.sh && keep_summary "$(basename "$OUT") (bench/profile.sh)" "$OUT/profile.txt"
}
trap cleanup EXIT
exec > >(tee "$OUT/profile.txt") 2>&1

env -u GEMHOST_PBKDF2_ITERATIONS GEMHOST_PORT="$PORT" GEMHOST_DATA="$DATA" GEMHOST_DB=postgres GEMHOST_DB_USER=postgres \
    GEMHOST_DB_NAME="$DB" java -jar target/server/payara-micro.jar --nocluster --contextroot / \
    --addlibs target/server/postgresql.jar --prebootcommandfile server-config/preboot.asadmin \
    --postbootcommandfile server-config/postgres.asadmin --deploy target/gemhost.war > "$DATA/server.log" 2>&1 &
SERVER_PID=$!
until curl -sf "$URL/api/v1/health" > /dev/null; do kill -0 $SERVER_PID; sleep 2; done
KEY=$(head -1 "$KEEP/accounts.tsv" | cut -f5)
OTHER=$(head -1 "$KEEP/plain.tsv" | cut -f1)
# otp: three slices of accounts, for the warm-up and the two passes (each account used once).
PAIRS=$(( (SECONDS_ + 2) * 10 ))
sed -n "1,${PAIRS}p" "$KEEP/accounts.tsv" > "$DATA/otp-warm.tsv"
sed -n "$(( PAIRS + 1 )),$(( 2 * PAIRS ))p" "$KEEP/accounts.tsv" > "$DATA/otp-A.tsv"
sed -n "$(( 2 * PAIRS + 1 )),$(( 3 * PAIRS ))p" "$KEEP/accounts.tsv" > "$DATA/otp-B.tsv"

load() { # $1 seconds, $2 slice
  case $CASE in
    floor) wrk -t2 -c32 -d"${1}s" -s bench/latency.lua "$URL/api/v1/health" ;;
    key) wrk -t2 -c32 -d"${1}s" -s bench/latency.lua -H "Authorization: $KEY" "$URL/api/v1/gems.json" ;;
    otp) $BJ bench/OtpLoad.java "$URL" "$DATA/otp-$2.tsv" "$OTHER" 20 "$1" 2 ;;
    page) $BJ bench/OtpLoad.java "$URL" "$DATA/otp-$2.tsv" "$OTHER" 20 "$1" 2 /sign_in ;;
  esac
}

ticks() { # utime + stime: server JVM, the postgres backends of this database; whole machine busy (all but idle and iowait)
  local p=0 q
  for q in $(psql -h 127.0.0.1 -U postgres -d "$DB" -Atc "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"); do p=$(( p + $(awk '{print $14 + $15}' /proc/"$q"/stat 2>/dev/null || echo 0) )); done
  echo "$(awk '{print $14 + $15}' /proc/$SERVER_PID/stat) $p $(head -1 /proc/stat | awk '{print $2 + $3 + $4 + $7 + $8 + $9}')"
}
threads() { # where the server JVM's CPU goes: ticks of its request and Hazelcast threads, then the JIT's and the GC's
  # time (ms) from the JVM's own counters, since compiler threads come and go
  local t
  for t in /proc/$SERVER_PID/task/*; do
    echo "$(cat "$t/comm" 2>/dev/null)|$(sed 's/.*) //' "$t/stat" 2>/dev/null | awk '{print $12 + $13}')"
  done | awk -F '|' -v hz="$(getconf CLK_TCK)" '{ g = $1 ~ /^http-thread-poo/ ? "request threads" : $1 ~ /^hz\./ ? "Hazelcast threads" : "";
    if (g != "") c[g] += $2 } END { for (g in c) printf "%s\t%.0f\n", g, 1000 * c[g] / hz }'
  jcmd "$SERVER_PID" PerfCounter.print 2>/dev/null | awk -F= '/^sun.os.hrt.frequency=/ { f = $2 } /^sun.ci.(standardTime|osrTime)=/ { ci += $2 }
    /^sun.gc.collector.[0-9]+.time=/ { gc += $2 } END { printf "JIT compiling\t%.0f\nGC pauses\t%.0f\n", 1000 * ci / f, 1000 * gc / f }'
}
pg() { psql -h 127.0.0.1 -U postgres -d "$DB" -Atc "SELECT (SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()) || ' ' || (SELECT wal_sync FROM pg_stat_wal)"; }

quiet() { # as run.sh: up to 10 minutes for a 1-minute load below 0.8
  for _ in $(seq 1 60); do
    awk -v l="$(cut -d' ' -f1 /proc/loadavg)" 'BEGIN { exit !(l < 0.8) }' && break
    sleep 10
  done
  echo "load before $1: $(cut -d' ' -f1-3 /proc/loadavg)"
}

WARM=$( [ "$CASE" = otp ] || [ "$CASE" = page ] && echo "$SECONDS_" || echo 90 )
echo "warm-up: $WARM s of the load (the JIT needs a good minute on 2 cores)"
load "$WARM" warm > /dev/null || true
hz=$(getconf CLK_TCK)

quiet "pass A"
threads > "$DATA/threads0"; read -r s0 p0 m0 <<< "$(ticks)"; read -r c0 w0 <<< "$(pg)"
load "$SECONDS_" A | tee "$DATA/A.txt" || true
read -r s1 p1 m1 <<< "$(ticks)"; read -r c1 w1 <<< "$(pg)"; threads > "$DATA/threads1"
requests=$(grep -h '^RESULT' "$DATA/A.txt" | tr ' ' '\n' | sed -n 's/^requests=//p')
# OtpLoad also sends the requests of its 2 s warm-up, which the database counts too.
{ [ "$CASE" = otp ] || [ "$CASE" = page ]; } && requests=$(( (SECONDS_ + 2) * 20 ))
echo "pass A ($CASE, $SECONDS_ s, no profiler): CPU seconds: server JVM $(( (s1 - s0) / hz )), its postgres backends" \
     "$(( (p1 - p0) / hz )), whole machine $(( (m1 - m0) / hz )) of $(( 2 * SECONDS_ ))"
awk -v r="$requests" -v c=$(( c1 - c0 )) -v w=$(( w1 - w0 )) -v s=$(( s1 - s0 )) -v p=$(( p1 - p0 )) -v hz="$hz" 'BEGIN {
  printf "per request (of %d sent): %.2f ms server JVM CPU, %.2f ms postgres CPU, %.1f commits in its database, %.1f WAL flushes (whole PostgreSQL cluster)\n",
    r, 1000 * s / hz / r, 1000 * p / hz / r, c / r, w / r }'

echo "of which, per request (CPU of the request and Hazelcast threads; time the JIT compiled and the GC paused):"
sort "$DATA/threads0" > "$DATA/t0"; sort "$DATA/threads1" > "$DATA/t1"
join -t "$(printf '\t')" -a 2 -e 0 -o 0,1.2,2.2 "$DATA/t0" "$DATA/t1" \
  | awk -F '\t' -v r="$requests" '{ printf "  %-18s %.2f ms\n", $1, ($3 - $2) / r }'
[ "${PROFILE_JFR:-1}" = 0 ] && exit 0
quiet "pass B"
jcmd $SERVER_PID JFR.start name=bench settings="$PWD/bench/sampling.jfc" filename="$PWD/$OUT/rec.jfr" > /dev/null
load "$SECONDS_" B || true
jcmd $SERVER_PID JFR.stop name=bench > /dev/null
jfr print --stack-depth 128 --events jdk.ExecutionSample "$OUT/rec.jfr" > "$DATA/samples.txt"
total=$(grep -c 'jdk.ExecutionSample' "$DATA/samples.txt")
echo "pass B (JFR execution samples): $total samples"
echo
echo "top 20 methods by own samples:"
awk '/stackTrace = \[/ { getline; sub(/^ +/, ""); sub(/ +line:.*/, ""); print }' "$DATA/samples.txt" | sort | uniq -c | sort -rn | head -20
echo
echo "share of samples with a frame in (inclusive, so they overlap):"
for area in 'io.gemhost.apikey.ApiKeys.authenticate' 'io.gemhost.gems.Gems' 'io.gemhost.mfa.SecondFactor' 'io.gemhost.mfa.CodeWindows' \
            'io.gemhost.totp' 'org.postgresql' 'org.eclipse.persistence' 'com.sun.enterprise.transaction' 'com.sun.ejb' \
            'org.jboss.weld' 'org.glassfish.jersey' 'org.glassfish.grizzly' 'javax.naming|com.sun.enterprise.naming'; do
  n=$(awk -v pat="$area" '/jdk.ExecutionSample/ { if (hit) c++; hit = 0 } $0 ~ pat { hit = 1 } END { if (hit) c++; print c + 0 }' "$DATA/samples.txt")
  printf '  %5.1f%%  %s\n' "$(awk -v n="$n" -v t="$total" 'BEGIN { print t ? 100 * n / t : 0 }')" "$area"
done
