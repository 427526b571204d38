#!/usr/bin/env bash
# Keycloak 26.7.3 side by side with gemhost: outside the product, for the benchmark only.
# Starts Keycloak in production mode (kc.sh build once, then start --optimized) over plain HTTP on 127.0.0.1, on a
# fresh PostgreSQL database, with a realm "bench" imported at startup from a gemhost users tsv, so that
# bench/SignInOtpLoad.java can sign the same users in through both systems' real pages.
#
#   bench/keycloak.sh start USERS.tsv   # (re)starts Keycloak; returns once the realm's login page answers
#   bench/keycloak.sh stop
#
# USERS.tsv: email, handle, password, base32 TOTP key per line, tab-separated, further columns ignored
# (bench/Accounts.java mfa writes such a file). The realm "bench":
#   - password policy hashAlgorithm(pbkdf2-sha256) and hashIterations(600000) (gemhost's hash and cost); the users'
#     passwords are imported already hashed that way (one hash per distinct password, made here), so an import
#     of thousands of users takes seconds and no sign-in re-hashes the password;
#   - OTP policy TOTP, HmacSHA1, 6 digits, 30 s, look-around 1 (as gemhost), codes not reusable (the default); each
#     user's OTP credential holds its base32 key as is (secretEncoding BASE32), so the codes are gemhost's;
#   - browser flow "bench browser": a copy of the default one where the OTP form is REQUIRED (not conditional)
#     after the username/password form; no Kerberos, no identity provider redirector (both inactive by default);
#   - brute-force detection off (Keycloak's default; gemhost's throttle is always on: see SignInOtpLoad's output);
#   - a public client "bench" (standard flow, PKCE not required) whose redirect URI is the account console,
#     /realms/bench/account/, the "signed-in page" the load client lands on;
#   - users: username = handle, the email, verified, first and last name set (the default user profile requires
#     them, else Keycloak shows "update profile"), no required actions, a password and an OTP credential.
#
# Settings: KC_BENCH_PORT (18180), KC_BENCH_DB (keycloak_bench, dropped and recreated on start), KC_BENCH_HOME
# (target/keycloak, the unpacked distribution; its log: KC_BENCH_HOME/keycloak.log, pid: KC_BENCH_HOME/keycloak.pid),
# KC_BENCH_JAVA_HOME (/usr/lib/jvm/temurin-25-jdk-amd64; Keycloak 26 needs Java 21+), KC_BENCH_JAVA_OPTS_HEAP
# (unset: kc.sh's default outside a container, -Xms64m -Xmx512m).
# Needs: Maven (the distribution comes from Maven Central), psql and a PostgreSQL at 127.0.0.1:5432 where the user
# postgres may create databases without a password, curl, unzip.
set -euo pipefail
USERS_TSV=${2:+$(realpath -- "$2")}   # before the cd: the path may be relative to the caller's directory
cd "$(dirname "$0")/.."

VERSION=26.7.3
PORT=${KC_BENCH_PORT:-18180}
DB=${KC_BENCH_DB:-keycloak_bench}
KC_HOME=${KC_BENCH_HOME:-target/keycloak}
mkdir -p "$(dirname "$KC_HOME")"
KC_HOME=$(cd "$(dirname "$KC_HOME")" && pwd)/$(basename "$KC_HOME")
export JAVA_HOME=${KC_BENCH_JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
if [ -n "${KC_BENCH_JAVA_OPTS_HEAP:-}" ]; then export JAVA_OPTS_KC_HEAP=$KC_BENCH_JAVA_OPTS_HEAP; fi
PID_FILE=$KC_HOME/keycloak.pid
LOG=$KC_HOME/keycloak.log
URL=http://127.0.0.1:$PORT
REDIRECT=$URL/realms/bench/account/
# Build-time options (kc.sh build): PostgreSQL; no health or metrics endpoints (their defaults, named so that a
# change shows; gemhost's benchmark path has neither).
BUILD_OPTS=(--db=postgres --health-enabled=false --metrics-enabled=false)

log() { echo "[$(date -u +%H:%M:%S)] $*"; }

stop() {
  if [ -f "$PID_FILE" ]; then
    local pid
    pid=$(cat "$PID_FILE")
    if kill -0 "$pid" 2>/dev/null; then
      log "stopping Keycloak (pid $pid)"
      kill "$pid"   # kc.sh passes the TERM on to its java process and waits for it
      for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
      if kill -0 "$pid" 2>/dev/null; then
        log "Keycloak did not stop in 30 s: killing it"
        pkill -KILL -P "$pid" 2>/dev/null || true
        kill -KILL "$pid" 2>/dev/null || true
      fi
    fi
    rm -f "$PID_FILE"
  fi
}

# The distribution from Maven Central (no transitive dependencies: its POM names a repository we cannot reach),
# unpacked once into KC_HOME, built once for the options above.
install() {
  if [ ! -x "$KC_HOME/bin/kc.sh" ]; then
    local zip dl
    zip=$(dirname "$KC_HOME")/keycloak-quarkus-dist-$VERSION.zip
    if [ ! -f "$zip" ]; then
      log "fetching keycloak-quarkus-dist $VERSION from Maven Central"
      dl=$(mktemp -d)   # mvn runs outside any project
      (cd "$dl" && env -u JAVA_HOME mvn -q dependency:copy -Dartifact=org.keycloak:keycloak-quarkus-dist:$VERSION:zip \
        -DoutputDirectory="$(dirname "$KC_HOME")")
      rmdir "$dl"
    fi
    log "unpacking $zip into $KC_HOME"
    rm -rf "$KC_HOME.unzip"
    unzip -q "$zip" -d "$KC_HOME.unzip"
    mv "$KC_HOME.unzip/keycloak-$VERSION" "$KC_HOME"
    rmdir "$KC_HOME.unzip"
  fi
  if [ "$(cat "$KC_HOME/bench-build.txt" 2>/dev/null)" != "${BUILD_OPTS[*]}" ]; then
    log "kc.sh build ${BUILD_OPTS[*]}"
    "$KC_HOME/bin/kc.sh" build "${BUILD_OPTS[@]}" > "$KC_HOME/build.log" 2>&1 || { tail -30 "$KC_HOME/build.log"; exit 1; }
    echo "${BUILD_OPTS[*]}" > "$KC_HOME/bench-build.txt"
  fi
}

# Writes the realm JSON from the users tsv with a small single-file Java program (hashes each distinct password
# once, PBKDF2WithHmacSHA256, 600000 iterations, a 256-bit key and a 16-byte salt, as Keycloak's
# Pbkdf2Sha256PasswordHashProviderFactory does).
realm() { # $1 users tsv, $2 output json
  local gen=$KC_HOME/BenchRealm.java
  cat > "$gen" <<'JAVA'
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/** java BenchRealm.java USERS.tsv OUT.json REDIRECT_URI: the realm "bench" (see bench/keycloak.sh). */
public class BenchRealm {
    static final int ITERATIONS = 600_000;

    public static void main(String[] args) throws Exception {
        Map<String, String> hashes = new HashMap<>();   // password -> secretData
        List<String> users = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of(args[0]))) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split("\t");
            String email = f[0], handle = f[1], password = f[2], key = f[3].replace(" ", "").toUpperCase();
            String secret = hashes.computeIfAbsent(password, BenchRealm::hash);
            users.add("{\"username\":" + q(handle) + ",\"email\":" + q(email) + ",\"firstName\":\"Bench\",\"lastName\":" + q(handle)
                    + ",\"enabled\":true,\"emailVerified\":true,\"requiredActions\":[],\"credentials\":["
                    + "{\"type\":\"password\",\"secretData\":" + q(secret) + ",\"credentialData\":"
                    + q("{\"hashIterations\":" + ITERATIONS + ",\"algorithm\":\"pbkdf2-sha256\",\"additionalParameters\":{}}") + "},"
                    + "{\"type\":\"otp\",\"userLabel\":\"bench\",\"secretData\":" + q("{\"value\":\"" + key + "\"}") + ",\"credentialData\":"
                    + q("{\"subType\":\"totp\",\"digits\":6,\"counter\":0,\"period\":30,\"algorithm\":\"HmacSHA1\",\"secretEncoding\":\"BASE32\"}")
                    + "}]}");
        }
        String realm = "{\"realm\":\"bench\",\"enabled\":true,\"sslRequired\":\"external\",\"registrationAllowed\":false,"
                + "\"loginWithEmailAllowed\":true,\"duplicateEmailsAllowed\":false,\"bruteForceProtected\":false,"
                + "\"passwordPolicy\":\"hashAlgorithm(pbkdf2-sha256) and hashIterations(" + ITERATIONS + ")\","
                + "\"otpPolicyType\":\"totp\",\"otpPolicyAlgorithm\":\"HmacSHA1\",\"otpPolicyDigits\":6,\"otpPolicyPeriod\":30,"
                + "\"otpPolicyLookAheadWindow\":1,\"otpPolicyCodeReusable\":false,"
                // The default browser flow with the OTP step REQUIRED rather than conditional.
                + "\"browserFlow\":\"bench browser\",\"authenticatorConfig\":[],\"authenticationFlows\":["
                + "{\"alias\":\"bench browser\",\"description\":\"cookie, or password then OTP\",\"providerId\":\"basic-flow\","
                + "\"topLevel\":true,\"builtIn\":false,\"authenticationExecutions\":["
                + "{\"authenticator\":\"auth-cookie\",\"requirement\":\"ALTERNATIVE\",\"priority\":10,\"authenticatorFlow\":false,\"userSetupAllowed\":false},"
                + "{\"requirement\":\"ALTERNATIVE\",\"priority\":20,\"authenticatorFlow\":true,\"flowAlias\":\"bench forms\",\"userSetupAllowed\":false}]},"
                + "{\"alias\":\"bench forms\",\"description\":\"password then OTP\",\"providerId\":\"basic-flow\","
                + "\"topLevel\":false,\"builtIn\":false,\"authenticationExecutions\":["
                + "{\"authenticator\":\"auth-username-password-form\",\"requirement\":\"REQUIRED\",\"priority\":10,\"authenticatorFlow\":false,\"userSetupAllowed\":false},"
                + "{\"authenticator\":\"auth-otp-form\",\"requirement\":\"REQUIRED\",\"priority\":20,\"authenticatorFlow\":false,\"userSetupAllowed\":false}]}],"
                + "\"clients\":[{\"clientId\":\"bench\",\"name\":\"bench\",\"enabled\":true,\"publicClient\":true,\"protocol\":\"openid-connect\","
                + "\"standardFlowEnabled\":true,\"directAccessGrantsEnabled\":false,\"implicitFlowEnabled\":false,"
                + "\"consentRequired\":false,\"redirectUris\":[" + q(args[2] + "*") + "],\"webOrigins\":[\"+\"],\"attributes\":{}}],"
                + "\"users\":[\n" + String.join(",\n", users) + "\n]}\n";
        Files.writeString(Path.of(args[1]), realm);
        System.out.printf("realm bench: %d users, %d password hash(es) -> %s%n", users.size(), hashes.size(), args[1]);
    }

    /** Keycloak's password secretData: {"value": base64 key, "salt": base64 salt, "additionalParameters": {}}. */
    static String hash(String password) {
        try {
            byte[] salt = new byte[16];
            new SecureRandom().nextBytes(salt);
            byte[] key = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                    .generateSecret(new PBEKeySpec(password.toCharArray(), salt, ITERATIONS, 256)).getEncoded();
            Base64.Encoder b64 = Base64.getEncoder();
            return "{\"value\":\"" + b64.encodeToString(key) + "\",\"salt\":\"" + b64.encodeToString(salt) + "\",\"additionalParameters\":{}}";
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A JSON string. */
    static String q(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append('"').toString();
    }
}
JAVA
  "$JAVA_HOME/bin/java" "$gen" "$1" "$2" "$REDIRECT"
}

start() { # $1 users tsv
  local users=$1 t0 pid auth
  [ -f "$users" ] || { echo "no such users tsv: $users" >&2; exit 2; }
  stop
  install
  t0=$(date +%s)
  rm -rf "$KC_HOME/data/import"
  mkdir -p "$KC_HOME/data/import"
  realm "$users" "$KC_HOME/data/import/bench-realm.json"
  psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB"
  log "starting Keycloak $VERSION on $URL, database $DB, log $LOG"
  # Runtime options: a local cache (one node, as gemhost runs here: no JGroups cluster over jdbc-ping, which
  # production mode would start by default); plain HTTP on 127.0.0.1 (from a local address, sslRequired=external
  # allows it); the hostname fixed to that URL (so hostname-strict does not matter); an empty database password
  # (trust authentication).
  nohup "$KC_HOME/bin/kc.sh" start --optimized --import-realm --cache=local \
    --db-url="jdbc:postgresql://127.0.0.1:5432/$DB" --db-username=postgres --db-password= \
    --http-enabled=true --http-host=127.0.0.1 --http-port="$PORT" \
    --hostname="$URL" > "$LOG" 2>&1 < /dev/null &
  pid=$!
  echo "$pid" > "$PID_FILE"
  auth="$URL/realms/bench/protocol/openid-connect/auth?client_id=bench&response_type=code&scope=openid&redirect_uri=$REDIRECT"
  for _ in $(seq 1 180); do
    if curl -sf -o /dev/null "$auth"; then
      log "Keycloak up (pid $pid, java $(pgrep -P "$pid" java || true)), realm bench with $(grep -vc '^[[:space:]]*$' "$users") users, $(( $(date +%s) - t0 )) s from the users tsv to the login page (realm file, database, start, import)"
      return
    fi
    if ! kill -0 "$pid" 2>/dev/null; then
      tail -50 "$LOG"; rm -f "$PID_FILE"; log "Keycloak died"; exit 1
    fi
    sleep 1
  done
  tail -50 "$LOG"; stop; log "Keycloak did not answer in 180 s"; exit 1
}

case "${1:-}" in
  start) [ $# -eq 2 ] || { echo "usage: $0 start USERS.tsv" >&2; exit 2; }; start "$USERS_TSV" ;;
  stop) stop ;;
  *) echo "usage: $0 start USERS.tsv | stop" >&2; exit 2 ;;
esac
