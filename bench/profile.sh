#!/usr/bin/env bash
# Issue 7: where the time goes, for a case that misses its target. Not a measurement: a profile of the server
# (Java Flight Recorder, execution samples) and the CPU split between the server JVM and PostgreSQL while one
# case's load runs. Uses the database and the accounts a bench/run.sh left behind (run it with BENCH_KEEP=1, or
# copy secret.key and the *.tsv files of its GEMHOST_DATA to a directory).
#
#   bench/profile.sh DATA_DIR key|otp|signin [seconds, 30]
#
# key: case 2's load (wrk, gems.json); otp: case 3's (OtpLoad, 20/s); signin: case 4's (wrk gems.json while
# SignInLoad runs). Prints the top methods by own samples, the share of samples inside chosen code areas, and the
# CPU seconds of the server JVM and of all postgres processes. Output also in bench/results/profile-CASE-<time>/.
set -euo pipefail
cd "$(dirname "$0")/.."
KEEP=$1; CASE=$2; SECONDS_=${3:-30}
PORT=${BENCH_PORT:-8089}; DB=${BENCH_DB:-gemhost_bench}; URL=http://127.0.0.1:$PORT
OUT=bench/results/profile-$CASE-$(date -u +%Y%m%d-%H%M%S); mkdir -p "$OUT"
DATA=$(mktemp -d /tmp/gemhost-profile.XXXXXX); cp "$KEEP/secret.key" "$DATA/"
SERVER_PID=
trap '[ -n "$SERVER_PID" ] && kill $SERVER_PID 2>/dev/null; wait 2>/dev/null; rm -rf "$DATA"' EXIT

env -u GEMHOST_PBKDF2_ITERATIONS GEMHOST_PORT="$PORT" GEMHOST_DATA="$DATA" GEMHOST_DB=postgres GEMHOST_DB_USER=postgres \
    GEMHOST_DB_NAME="$DB" java -jar target/server/payara-micro.jar --nocluster --contextroot / \
    --addlibs target/server/postgresql.jar --prebootcommandfile server-config/preboot.asadmin \
    --postbootcommandfile server-config/postgres.asadmin --deploy target/gemhost.war > "$DATA/server.log" 2>&1 &
SERVER_PID=$!
until curl -sf "$URL/api/v1/health" > /dev/null; do kill -0 $SERVER_PID; sleep 2; done
KEY=$(head -1 "$KEEP/accounts.tsv" | cut -f5)
OTHER=$(head -1 "$KEEP/plain.tsv" | cut -f1)
tail -n 4 "$KEEP/plain.tsv" > "$DATA/logins.tsv"
# Accounts for the otp load: the last ones (run.sh used them for its warm-up only, long ago).
tail -n $(( (SECONDS_ + 30) * 10 )) "$KEEP/accounts.tsv" > "$DATA/otp.tsv"

cpu() { # clock ticks (utime + stime) of the server and of all postgres processes
  local s p=0 q
  s=$(awk '{print $14 + $15}' /proc/$SERVER_PID/stat)
  for q in $(pgrep -x postgres); do p=$(( p + $(awk '{print $14 + $15}' /proc/$q/stat 2>/dev/null || echo 0) )); done
  echo "$s $p"
}

load() {
  case $CASE in
    key) wrk -t2 -c32 -d"${1}s" -s bench/latency.lua -H "Authorization: $KEY" "$URL/api/v1/gems.json" ;;
    otp) java bench/OtpLoad.java "$URL" "$DATA/otp.tsv" "$OTHER" 20 "$1" 2 ;;
    signin) java bench/SignInLoad.java "$URL" "$DATA/logins.tsv" 4 $(( $1 + 6 )) & sleep 3
            wrk -t2 -c32 -d"${1}s" -s bench/latency.lua -H "Authorization: $KEY" "$URL/api/v1/gems.json"; wait ;;
  esac
}

echo "warm-up (the JIT needs a good minute on 2 cores)"; load 90 > /dev/null || true
# As run.sh: wait (up to 10 minutes) for a quiet machine, so the profile is of this load alone.
for _ in $(seq 1 60); do
  awk -v l="$(cut -d' ' -f1 /proc/loadavg)" 'BEGIN { exit !(l < 0.8) }' && break
  sleep 10
done
echo "load before the recording: $(cut -d' ' -f1-3 /proc/loadavg)" | tee "$OUT/quiet.txt"
read -r s0 p0 <<< "$(cpu)"
t0=$(awk '{print $1 + $2 + $3 + $4 + $5 + $6 + $7}' <(head -1 /proc/stat | cut -d' ' -f3-))
jcmd $SERVER_PID JFR.start name=bench settings=default filename="$OUT/rec.jfr" > /dev/null
load "$SECONDS_" | tee "$OUT/load.txt" || true
jcmd $SERVER_PID JFR.stop name=bench > /dev/null
read -r s1 p1 <<< "$(cpu)"
t1=$(awk '{print $1 + $2 + $3 + $4 + $5 + $6 + $7}' <(head -1 /proc/stat | cut -d' ' -f3-))

hz=$(getconf CLK_TCK)
{
  echo "case $CASE, $SECONDS_ s; CPU seconds: server JVM $(( (s1 - s0) / hz )), all postgres processes $(( (p1 - p0) / hz )), whole machine busy $(( (t1 - t0) / hz )) (2 cores = $(( 2 * SECONDS_ )) CPU s available)"
  jfr print --stack-depth 128 --events jdk.ExecutionSample "$OUT/rec.jfr" > "$DATA/samples.txt"
  total=$(grep -c 'jdk.ExecutionSample' "$DATA/samples.txt")
  echo "execution samples: $total"
  echo
  echo "top 25 methods by own samples:"
  awk '/stackTrace = \[/ { getline; sub(/^ +/, ""); sub(/ +line:.*/, ""); print }' "$DATA/samples.txt" \
    | sort | uniq -c | sort -rn | head -25
  echo
  echo "callers of the top method (5 frames):"
  awk '/stackTrace = \[/ { getline a; getline b; getline c; getline d; getline e; print a " <- " b " <- " c " <- " d " <- " e }' "$DATA/samples.txt" \
    | sed 's/  */ /g; s/ line: [0-9]*//g' | grep -F "$(awk '/stackTrace = \[/ { getline; sub(/^ +/, ""); sub(/ +line:.*/, ""); print }' "$DATA/samples.txt" | sort | uniq -c | sort -rn | head -1 | sed 's/^ *[0-9]* //')" \
    | sort | uniq -c | sort -rn | head -5
  echo
  echo "share of samples with a frame in (inclusive):"
  for area in 'io.gemhost.api.ApiGuard' 'io.gemhost.api.ApiKeys.authenticate' 'io.gemhost.gems.Gems' 'io.gemhost.mfa.SecondFactor' \
              'io.gemhost.account.Passwords' 'com.sun.crypto.provider.PBKDF2' 'org.postgresql' 'org.eclipse.persistence' \
              'com.sun.enterprise.transaction' 'org.glassfish.jersey' 'jakarta.faces|com.sun.faces' 'org.glassfish.grizzly' \
              'com.sun.ejb' 'org.jboss.weld'; do
    n=$(awk -v pat="$area" '/jdk.ExecutionSample/ { if (hit) c++; hit = 0 } $0 ~ pat { hit = 1 } END { if (hit) c++; print c + 0 }' "$DATA/samples.txt")
    printf '  %5.1f%%  %s\n' "$(awk -v n="$n" -v t="$total" 'BEGIN { print t ? 100 * n / t : 0 }')" "$area"
  done
} | tee "$OUT/profile.txt"
