#!/usr/bin/env bash
# The whole benchmark in one command, on PostgreSQL, gemhost launched with the README's production line:
#   1 guard overhead: key-only GET /api/v1/gems.json (an account with 3 gems) against the floor GET /api/v1/health,
#     wrk with 32 connections, interleaved rounds, medians;
#   2 the OTP path cold: owner add/remove with a fresh code each at 20/s on a server that had only 30 s of warm-up,
#     against the floor (the health check, same client and schedule); then the server JVM's CPU per OTP request
#     against its CPU per GET /sign_in at the same rate;
#   3 side by side with Keycloak 26.7.3 (bench/keycloak.sh, same machine, same PostgreSQL, same password hashing):
#     complete browser sign-ins with password and TOTP at concurrency 4 and 16, and the wrong-password path;
#   4 scale: 1,000,000 accounts and 100,000 gems seeded (bench/seed.sql), then 1 and 2 again (2 on a fresh server),
#     sign-in and sign-up again;
#   5 memory: the servers' RSS after the runs, gemhost at a fixed heap (BENCH_XMX).
# Prints the table and writes it to bench/results/<time>.md (kept in git), the raw output of every step to
# bench/results/<time>/ (ignored by git).
#
#   bench/run.sh                  # about 35 minutes on 2 cores
#   BENCH_QUICK=1 bench/run.sh    # smoke test: short durations, a small seed
#
# Needs: JDK 17 (and Java 21+ for Keycloak, /usr/lib/jvm/temurin-25-jdk-amd64), Maven, wrk, Debian's ruby (gem build),
# psql and a PostgreSQL at 127.0.0.1:5432 where the user postgres may create databases. Settings: BENCH_PORT (8089),
# BENCH_DB (gemhost_bench, dropped and recreated), BENCH_XMX (512m), BENCH_SKIP_BUILD=1, BENCH_KEEP=1 (keep
# GEMHOST_DATA, for bench/profile.sh), BENCH_QUIET_MAX_S (300).
set -euo pipefail
cd "$(dirname "$0")/.."

PORT=${BENCH_PORT:-8089}
DB=${BENCH_DB:-gemhost_bench}
URL=http://127.0.0.1:$PORT
XMX=${BENCH_XMX:-512m}
QUIET_MAX=${BENCH_QUIET_MAX_S:-300}
RATE=20
# BENCH_ONLY_OTP=1: goal 2 alone (the OTP path, its floor and the CPU per request): no Keycloak, no seed
ONLY_OTP=${BENCH_ONLY_OTP:-0}
if [ "${BENCH_QUICK:-0}" = 1 ]; then
  OTP_S=10; OTP_WARM=5; CPU_S=10; CPU_WARM=10; ROUNDS=1; ROUND_S=3; GUARD_WARM=3; SIGNIN_S=8; SIGNIN_WARM=2; SEED_ACCOUNTS=20000; SEED_GEMS=2000
  QUIET_MAX=${BENCH_QUIET_MAX_S:-10}
else
  OTP_S=60; OTP_WARM=30; CPU_S=30; CPU_WARM=60; ROUNDS=3; ROUND_S=10; GUARD_WARM=30; SIGNIN_S=30; SIGNIN_WARM=20; SEED_ACCOUNTS=1000000; SEED_GEMS=100000
fi
SLICE=$(( (OTP_S + OTP_WARM) * RATE / 2 + 10 ))   # accounts one OTP run uses (each account once)
OUT=bench/results/$(date -u +%Y%m%d-%H%M%S)$([ "${BENCH_QUICK:-0}" = 1 ] && echo -quick || true)$([ "$ONLY_OTP" = 1 ] && echo -otp || true)
mkdir -p "$OUT"
DATA=$(mktemp -d /tmp/gemhost-bench.XXXXXX)
SERVER_PID=
exec > >(tee "$OUT/run.log") 2>&1

log() { echo "[$(date -u +%H:%M:%S)] $*"; }

cleanup() {
  stop_server
  bench/keycloak.sh stop || true
  if [ "${BENCH_KEEP:-0}" = 1 ]; then log "GEMHOST_DATA kept in $DATA"; else rm -rf "$DATA"; fi
}
trap cleanup EXIT

psql_db() { psql -h 127.0.0.1 -U postgres -d "$DB" -v ON_ERROR_STOP=1 "$@"; }

# Waits until the machine is idle (at least 90 % idle CPU over 3 s: nothing else runs), for at most QUIET_MAX s.
wait_quiet() {
  local t0 idle
  t0=$(date +%s)
  while :; do
    idle=$(vmstat 3 2 | tail -1 | awk '{print $15}')
    if [ "$idle" -ge 90 ] || (( $(date +%s) - t0 >= QUIET_MAX )); then
      echo "$1 idle=${idle}% waited=$(( $(date +%s) - t0 ))s" >> "$OUT/quiet.txt"
      return
    fi
  done
}

start_server() { # $1: name, then extra environment (NAME=VALUE ...); JAVA_OPTS: extra JVM options
  local name=$1; shift
  log "starting gemhost ($name) on port $PORT, database $DB"
  env -u GEMHOST_PBKDF2_ITERATIONS -u GEMHOST_API_CODE_WINDOW_S -u GEMHOST_CACHE_ENTRIES GEMHOST_PORT="$PORT" \
      GEMHOST_DATA="$DATA" GEMHOST_DB=postgres GEMHOST_DB_USER=postgres GEMHOST_DB_NAME="$DB" "$@" \
      java ${JAVA_OPTS:-} -jar target/server/payara-micro.jar --nocluster --contextroot / \
      --addlibs target/server/postgresql.jar --prebootcommandfile server-config/preboot.asadmin \
      --postbootcommandfile server-config/postgres.asadmin --deploy target/gemhost.war > "$OUT/server-$name.log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 150); do
    if curl -sf "$URL/api/v1/health" > /dev/null; then log "gemhost up (pid $SERVER_PID)"; return; fi
    kill -0 "$SERVER_PID" 2>/dev/null || { tail -50 "$OUT/server-$name.log"; log "server died"; exit 1; }
    sleep 2
  done
  tail -50 "$OUT/server-$name.log"; log "server did not come up"; exit 1
}

stop_server() {
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    log "stopping gemhost (pid $SERVER_PID)"
    kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true
  fi
  SERVER_PID=
}

rss() { ps -o rss= -p "$1" | awk '{printf "%d MiB", $1/1024}'; }
# key=value from the last RESULT line of a file
field() { { grep -h '^RESULT' "$1" || true; } | tail -1 | tr ' ' '\n' | sed -n "s/^$2=//p" | sed 's#/s$##'; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "" || b == "" || b == 0) print "n/a"; else printf "%.2f", a / b }'; }
met() { awk "BEGIN { print (($1) ? \"met\" : \"**NOT met**\") }"; }

# Goal 1: ROUNDS interleaved rounds of floor and key-only gems.json; $1 name. Writes $OUT/$1.rounds (floor gems).
guard() {
  local r f g
  log "goal 1 ($1): warm-up ${GUARD_WARM} s each, then $ROUNDS interleaved rounds of ${ROUND_S} s, 32 connections"
  wrk -t2 -c32 -d"${GUARD_WARM}s" "$URL/api/v1/health" > /dev/null
  wrk -t2 -c32 -d"${GUARD_WARM}s" -H "Authorization: $GUARD_KEY" "$URL/api/v1/gems.json" > /dev/null
  : > "$OUT/$1.rounds"
  for r in $(seq 1 "$ROUNDS"); do
    wait_quiet "$1-round$r"
    wrk -t2 -c32 -d"${ROUND_S}s" -s bench/latency.lua "$URL/api/v1/health" | tee -a "$OUT/$1.txt" > "$OUT/round.txt"
    f=$(field "$OUT/round.txt" throughput)
    wrk -t2 -c32 -d"${ROUND_S}s" -s bench/latency.lua -H "Authorization: $GUARD_KEY" "$URL/api/v1/gems.json" | tee -a "$OUT/$1.txt" > "$OUT/round.txt"
    g=$(field "$OUT/round.txt" throughput)
    echo "$f $g" >> "$OUT/$1.rounds"
    log "round $r: floor $f req/s, gems.json $g req/s"
  done
}

# Goal 2: $1 name, $2 accounts file, $3 "floor" for the same schedule against the health check (what the machine and
# the client add to any request at this rate). OtpLoad's own warm-up is the server's only one.
otp() {
  wait_quiet "$1"
  log "goal 2 ($1): ${3:-owner add/remove} at ${RATE}/s, ${OTP_WARM} s warm-up, ${OTP_S} s measured"
  $BJ bench/OtpLoad.java "$URL" "$2" "$OTHER" "$RATE" "$OTP_S" "$OTP_WARM" ${3:-} | tee "$OUT/$1.txt" || true
}

# Goal 2's CPU: the server JVM's CPU (utime + stime from /proc, all its threads) per request of one load at RATE/s,
# warm: $1 name, $2 accounts file, $3 a path to GET instead of the OTP request (OtpLoad's /PATH). The OTP load runs
# right after goal 2's, so its server is warm; a GET first gets CPU_WARM s of the same load. Counts every request
# OtpLoad sends (its 2 s lead-in too), as bench/profile.sh's pass A. Writes "$1 ms_per_request" to $OUT/$1.cpu.
cpu() {
  local t0 t1 hz=$(getconf CLK_TCK)
  if [ -n "${3:-}" ]; then
    log "goal 2 CPU ($1): GET $3 at ${RATE}/s, ${CPU_WARM} s warm-up"
    $BJ bench/OtpLoad.java "$URL" "$2" "$OTHER" "$RATE" "$CPU_WARM" 2 "$3" > "$OUT/$1-warm.txt" || true
  fi
  wait_quiet "$1"
  log "goal 2 CPU ($1): $([ -n "${3:-}" ] && echo "GET $3" || echo "owner add/remove") at ${RATE}/s, 2 + ${CPU_S} s, server JVM CPU from /proc"
  t0=$(awk '{print $14 + $15}' /proc/"$SERVER_PID"/stat)
  $BJ bench/OtpLoad.java "$URL" "$2" "$OTHER" "$RATE" "$CPU_S" 2 ${3:-} | tee "$OUT/$1.txt" || true
  t1=$(awk '{print $14 + $15}' /proc/"$SERVER_PID"/stat)
  awk -v t=$(( t1 - t0 )) -v hz="$hz" -v r=$(( (CPU_S + 2) * RATE )) -v n="$1" 'BEGIN { printf "%s %.2f\n", n, 1000 * t / hz / r }' \
      | tee "$OUT/$1.cpu"
}

# Goal 3: $1 system (gemhost|keycloak), $2 base URL, $3 concurrency, $4 mode (right|wrong-password), $5 name
signins() {
  wait_quiet "$5"
  log "goal 3 ($5): $1, $4, concurrency $3, ${SIGNIN_WARM} s warm-up, ${SIGNIN_S} s"
  WARMUP_S=$SIGNIN_WARM $BJ bench/SignInOtpLoad.java "$1" "$2" "$DATA/signins.tsv" "$3" "$SIGNIN_S" "$4" \
      2> "$OUT/$5.err" | tee "$OUT/$5.txt" || true
}

machine() {
  echo "date: $(date -u +%FT%TZ)"
  echo "commit: $(git rev-parse --short HEAD) ($(git status --porcelain | wc -l) uncommitted changes)"
  echo "cpu: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')"
  echo "memory: $(free -g | awk '/Mem:/ {print $2}') GiB"
  echo "java: $(java -version 2>&1 | head -1); gemhost heap -Xmx$XMX"
  echo "wrk: $(wrk --version 2>&1 | head -1 | cut -d' ' -f1-2)"
  echo "postgresql: $(psql -h 127.0.0.1 -U postgres -Atc 'SHOW server_version') (synchronous_commit $(psql -h 127.0.0.1 -U postgres -Atc 'SHOW synchronous_commit'))"
  echo "payara micro: $(sed -n 's:.*<payara.version>\(.*\)</payara.version>.*:\1:p' pom.xml | head -1)"
}

# ---------------------------------------------------------------------------------------------------------------------
for c in wrk gem psql curl vmstat jcmd; do
  command -v "$c" > /dev/null || { echo "bench/run.sh needs $c (apt-get install -y wrk ruby postgresql-client curl procps)"; exit 1; }
done
machine | tee "$OUT/machine.txt"
if [ "${BENCH_SKIP_BUILD:-0}" != 1 ]; then
  log "building the WAR (mvn -q package -DskipTests)"
  mvn -q package -DskipTests
fi
# The bench clients' shared code (bench/lib), which each client finds on its class path.
mkdir -p target/bench-classes && javac -d target/bench-classes bench/lib/*.java
BJ="java -cp target/bench-classes"
psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB"

# Setup through the pages and the API at a low PBKDF2 cost (each MFA account costs 12 hashes).
start_server setup GEMHOST_PBKDF2_ITERATIONS=1024
log "setting up $(( 2 * SLICE )) accounts at level UI and API, each with an API key and a gem"
GEMHOST_DATA="$DATA" $BJ bench/Accounts.java "$URL" mfa $(( 2 * SLICE )) "$DATA/accounts.tsv" 4 | tee "$OUT/setup.txt"
GEMHOST_DATA="$DATA" $BJ bench/Accounts.java "$URL" plain 2 "$DATA/plain.tsv" | tee -a "$OUT/setup.txt"
OTHER=$(sed -n 1p "$DATA/plain.tsv" | cut -f1)
GUARD_EMAIL=$(sed -n 2p "$DATA/plain.tsv" | cut -f1)
GUARD_KEY=$(curl -sf -u "$GUARD_EMAIL:$(sed -n 2p "$DATA/plain.tsv" | cut -f3)" -d "name=guard&index_rubygems=true&push_rubygem=true" "$URL/api/v1/api_key")
for i in 1 2 3; do
  dir="$DATA/gem$i"; mkdir -p "$dir"
  cat > "$dir/g.gemspec" <<SPEC
Gem::Specification.new do |s|
  s.name = "guard-$(date +%s)-$i"; s.version = "1.0.$i"; s.summary = "bench"; s.authors = ["bench"]; s.files = []; s.license = "MIT"
end
SPEC
  (cd "$dir" && gem build g.gemspec > /dev/null 2>&1)
  curl -sf -H "Authorization: $GUARD_KEY" -H "Content-Type: application/octet-stream" --data-binary @"$(ls "$dir"/*.gem)" \
      "$URL/api/v1/gems" >> "$OUT/setup.txt"; echo >> "$OUT/setup.txt"
done
stop_server
# Slices: A for the OTP run on the small database and the sign-ins at scale, B for the sign-ins on the small
# database and the OTP run at scale. Every use of an account is at a later 30 s step than the one before.
head -n "$SLICE" "$DATA/accounts.tsv" > "$DATA/slice-a.tsv"
tail -n +$(( SLICE + 1 )) "$DATA/accounts.tsv" > "$DATA/slice-b.tsv"
cp "$DATA/slice-b.tsv" "$DATA/signins.tsv"

# Keycloak with the same users (same password, same TOTP keys) on the same PostgreSQL.
if [ "$ONLY_OTP" = 0 ]; then
  log "starting Keycloak (bench/keycloak.sh) with the $(wc -l < "$DATA/accounts.tsv") users"
  bench/keycloak.sh start "$DATA/accounts.tsv" | tee "$OUT/keycloak-start.txt"
fi
KC_URL=http://127.0.0.1:${KC_BENCH_PORT:-18180}

# The measured server: every setting at its default (GEMHOST_PBKDF2_ITERATIONS 600000), the heap fixed.
JAVA_OPTS="-Xmx$XMX" start_server measured
# Each account gets a password hash at the production cost: one made by this server at sign-up, for the same password.
GEMHOST_DATA="$DATA" $BJ bench/Accounts.java "$URL" plain 1 "$DATA/hash.tsv" >> "$OUT/setup.txt"
psql_db -qc "UPDATE account SET password_hash = (SELECT password_hash FROM account WHERE email = '$(cut -f1 "$DATA/hash.tsv")')"
psql_db -Atc "SELECT split_part(password_hash, ':', 2) AS iterations, count(*) FROM account GROUP BY 1" > "$OUT/hashes.txt"

otp otp-small "$DATA/slice-a.tsv"
# The CPU pass uses slice A again: its codes must be of a step after the last one goal 2 used (the DELETE's, one ahead).
awk -F'\t' -v s=$(( $(date +%s) / 30 + 1 )) 'BEGIN { OFS = "\t" } { $7 = s; print }' "$DATA/slice-a.tsv" > "$DATA/slice-a-again.tsv"
otp floor-small "$DATA/slice-a.tsv" floor
cpu cpu-otp "$DATA/slice-a-again.tsv"
cpu cpu-signin-page "$DATA/slice-a.tsv" /sign_in
if [ "$ONLY_OTP" = 0 ]; then
guard guard-small
for c in 4 16; do
  signins gemhost "$URL" "$c" right "signin-gemhost-c$c"
  signins keycloak "$KC_URL" "$c" right "signin-keycloak-c$c"
done
for c in 4 16; do
  signins gemhost "$URL" "$c" wrong-password "wrong-gemhost-c$c"
  signins keycloak "$KC_URL" "$c" wrong-password "wrong-keycloak-c$c"
done
SIGNUP_SMALL=$( { /usr/bin/time -f %e env GEMHOST_DATA="$DATA" $BJ bench/Accounts.java "$URL" plain 10 "$DATA/signup-small.tsv" > /dev/null; } 2>&1 | tail -1)
RSS_SMALL=$(rss "$SERVER_PID")

log "seeding $SEED_ACCOUNTS accounts and $SEED_GEMS gems (bench/seed.sql)"
SEED_T0=$(date +%s)
psql_db -v accounts="$SEED_ACCOUNTS" -v gems="$SEED_GEMS" -f bench/seed.sql | tee "$OUT/seed.txt"
SEED_S=$(( $(date +%s) - SEED_T0 ))
stop_server
JAVA_OPTS="-Xmx$XMX" start_server scaled
otp otp-scaled "$DATA/slice-b.tsv"
guard guard-scaled
cp "$DATA/slice-a.tsv" "$DATA/signins.tsv"
signins gemhost "$URL" 4 right signin-gemhost-c4-scaled
SIGNUP_SCALED=$( { /usr/bin/time -f %e env GEMHOST_DATA="$DATA" $BJ bench/Accounts.java "$URL" plain 10 "$DATA/signup-scaled.tsv" > /dev/null; } 2>&1 | tail -1)
RSS_SCALED=$(rss "$SERVER_PID")
jcmd "$SERVER_PID" GC.heap_info > "$OUT/heap-scaled.txt" 2>&1 || true
KC_PID=$(cat "${KC_BENCH_HOME:-target/keycloak}/keycloak.pid")
RSS_KC=$(rss "$(pgrep -P "$KC_PID" java || echo "$KC_PID")")
log "indexes and query plans (bench/explain.sql)"
psql_db -v digest="$(printf %s "$GUARD_KEY" | sha256sum | cut -d' ' -f1)" -v handle="$(head -1 "$DATA/accounts.tsv" | cut -f2)" \
  -v other="$OTHER" -f bench/explain.sql > "$OUT/explain.txt" 2>&1 || true
stop_server
bench/keycloak.sh stop || true
else
  stop_server
  # the rows of the other goals are left out of the table; their inputs are empty
  touch "$OUT/guard-small.rounds" "$OUT/guard-scaled.rounds" "$OUT/otp-scaled.txt"
  SEED_S=; SIGNUP_SMALL=; SIGNUP_SCALED=; RSS_SMALL=; RSS_SCALED=; RSS_KC=
fi

# ---------------------------------------------------------------------------------------------------------------------
F=$(cut -d' ' -f1 "$OUT/guard-small.rounds" | median); G=$(cut -d' ' -f2 "$OUT/guard-small.rounds" | median)
FS=$(cut -d' ' -f1 "$OUT/guard-scaled.rounds" | median); GS=$(cut -d' ' -f2 "$OUT/guard-scaled.rounds" | median)
P=$(field "$OUT/otp-small.txt" p99_ms); PS=$(field "$OUT/otp-scaled.txt" p99_ms); PF=$(field "$OUT/floor-small.txt" p99_ms)
M=$(field "$OUT/otp-small.txt" p50_ms); MF=$(field "$OUT/floor-small.txt" p50_ms)
CO=$(cut -d' ' -f2 "$OUT/cpu-otp.cpu" 2>/dev/null || true); CS=$(cut -d' ' -f2 "$OUT/cpu-signin-page.cpu" 2>/dev/null || true)
sgn() { echo "$(field "$OUT/$1.txt" rate) /s, p50 $(field "$OUT/$1.txt" p50_ms) ms, p99 $(field "$OUT/$1.txt" p99_ms) ms ($(field "$OUT/$1.txt" completed) done, $(field "$OUT/$1.txt" failed) failed)"; }
side() { # $1 name suffix: gemhost >= keycloak in rate, <= in p99
  local gr kr gp kp
  gr=$(field "$OUT/$1-gemhost-$2.txt" rate); kr=$(field "$OUT/$1-keycloak-$2.txt" rate)
  gp=$(field "$OUT/$1-gemhost-$2.txt" p99_ms); kp=$(field "$OUT/$1-keycloak-$2.txt" p99_ms)
  echo "rate $(ratio "$gr" "$kr") ×, p99 $(ratio "$gp" "$kp") × | $(met "\"$gr\" != \"\" && \"$kr\" != \"\" && $gr >= $kr && $gp <= $kp")"
}
{
  echo "# gemhost benchmark run $(basename "$OUT") (bench/run.sh)"
  echo
  sed 's/^/    /' "$OUT/machine.txt"
  echo
  echo "| goal | measured | target | figure | met? |"
  echo "|---|---|---|---|---|"
  echo "| 1 floor: GET /api/v1/health, 32 conn (median of $ROUNDS × ${ROUND_S} s) | $F req/s | | | |"
  echo "| 1 key-only GET /api/v1/gems.json, 3 gems, 32 conn | $G req/s | ≥ 0.7 × floor | $(ratio "$G" "$F") × | $(met "\"$G\" != \"\" && $G >= 0.7 * $F") |"
  echo "| 2 OTP path cold: owner add/remove, fresh code, ${RATE}/s, ${OTP_WARM} s warm-up | p50 $(field "$OUT/otp-small.txt" p50_ms) ms, p99 $P ms, max $(field "$OUT/otp-small.txt" max_ms) ms ($(field "$OUT/otp-small.txt" ok) of $(field "$OUT/otp-small.txt" requests) ok) | p99 ≤ 15 ms | $P ms | $(met "\"$P\" != \"\" && $P <= 15") |"
  echo "| 2 floor at the same rate: GET /api/v1/health, same client and schedule, right after | p50 $MF ms, p99 $PF ms, max $(field "$OUT/floor-small.txt" max_ms) ms | (what any request costs here) | | |"
  echo "| 2 OTP path against the floor, p50 | $M ms / $MF ms | ≤ 2 × | $(ratio "$M" "$MF") × | $(met "\"$M\" != \"\" && \"$MF\" != \"\" && $M <= 2 * $MF") |"
  echo "| 2 OTP path against the floor, p99 | $P ms / $PF ms | ≤ 1.5 × | $(ratio "$P" "$PF") × | $(met "\"$P\" != \"\" && \"$PF\" != \"\" && $P <= 1.5 * $PF") |"
  echo "| 2 server JVM CPU per request, warm, ${RATE}/s: OTP request / GET /sign_in (from /proc, every thread) | $CO ms / $CS ms | ≤ 3 × | $(ratio "$CO" "$CS") × | $(met "\"$CO\" != \"\" && \"$CS\" != \"\" && $CO <= 3 * $CS") |"
  for c in 4 16; do
    echo "| 3 sign-in with TOTP, concurrency $c: gemhost | $(sgn "signin-gemhost-c$c") | | | |"
    echo "| 3 sign-in with TOTP, concurrency $c: Keycloak 26.7.3 | $(sgn "signin-keycloak-c$c") | gemhost ≥ Keycloak (rate), ≤ (p99) | $(side signin "c$c") |"
  done
  for c in 4 16; do
    echo "| 3 wrong password, concurrency $c: gemhost | $(sgn "wrong-gemhost-c$c") | | | |"
    echo "| 3 wrong password, concurrency $c: Keycloak 26.7.3 | $(sgn "wrong-keycloak-c$c") | (the attacker's cost; for the record) | | |"
  done
  echo "| 4 seed: +$SEED_ACCOUNTS accounts, +$SEED_GEMS gems (bench/seed.sql) | $SEED_S s | minutes | | |"
  echo "| 4 at scale: floor | $FS req/s | | | |"
  echo "| 4 at scale: key-only gems.json | $GS req/s | within 1.3 × of goal 1 | $(ratio "$GS" "$FS") × floor; throughput $(ratio "$GS" "$G") × small | $(met "\"$GS\" != \"\" && $GS * 1.3 >= $G && $GS >= 0.7 * $FS") |"
  echo "| 4 at scale: OTP path cold (fresh server) | p50 $(field "$OUT/otp-scaled.txt" p50_ms) ms, p99 $PS ms ($(field "$OUT/otp-scaled.txt" ok) of $(field "$OUT/otp-scaled.txt" requests) ok) | within 1.3 × of goal 2 | $(ratio "$PS" "$P") × | $(met "\"$PS\" != \"\" && $PS <= 1.3 * $P") |"
  echo "| 4 at scale: sign-in with TOTP, concurrency 4 | $(sgn signin-gemhost-c4-scaled) | unaffected | rate $(ratio "$(field "$OUT/signin-gemhost-c4-scaled.txt" rate)" "$(field "$OUT/signin-gemhost-c4.txt" rate)") × small | |"
  echo "| 4 sign-up, 10 accounts through the pages (incl. email confirmation) | small $SIGNUP_SMALL s, at scale $SIGNUP_SCALED s | unaffected | $(ratio "$SIGNUP_SCALED" "$SIGNUP_SMALL") × | |"
  echo "| 5 memory: gemhost RSS after the small-database runs / after the scaled runs | $RSS_SMALL / $RSS_SCALED at -Xmx$XMX (passed: no OutOfMemoryError: $(grep -c OutOfMemoryError "$OUT"/server-*.log | awk -F: '{s+=$2} END {print s}') in the logs) | | | |"
  echo "| 5 memory: gemhost heap after the scaled runs (jcmd GC.heap_info) | $(grep -m1 -o 'total [0-9]*K, used [0-9]*K' "$OUT/heap-scaled.txt" || echo n/a) | | | |"
  echo "| 5 memory: Keycloak RSS after its runs (its default heap settings) | $RSS_KC | | | |"
  echo
  echo "Quiet machine before each measurement (idle CPU over 3 s):"
  echo
  sed 's/^/    /' "$OUT/quiet.txt"
  echo
  echo "Password hashes during the sign-in runs (iterations, accounts): $(tr '\n' ' ' < "$OUT/hashes.txt")"
} | if [ "$ONLY_OTP" = 1 ]; then grep -v -E '^\| [1345] '; else cat; fi > "$OUT/summary.md"
cat "$OUT/summary.md"
. bench/lib/results.sh
keep_summary "$(basename "$OUT") (bench/run.sh)" "$OUT/summary.md"
log "results in $OUT"
