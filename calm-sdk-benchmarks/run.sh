#!/usr/bin/env bash
# Builds calm-sdk-benchmarks and measures the SDK against hand-written java.net.http + Jackson (issue 7), and the
# relay against raw JDBC inserts and against the SDK called directly (issue 12). Every figure is a ratio against a
# baseline measured in the same run, against the same loopback server or database.
#
#   calm-sdk-benchmarks/run.sh [--short | --smoke] [--installed] [--offline] [--no-build]
#
#   --short      a quicker run (fewer rounds and blocks); the default is the full run (845 s in run E, on 2 cores)
#   --smoke      checks that every harness runs (tiny JMH runs, a 64 MiB file); its numbers mean nothing
#   --installed  build only this module, against the SDK modules installed in the local Maven repository
#                (default: build the SDK modules too, with -am)
#   --offline    pass -o to Maven
#   --no-build   reuse calm-sdk-benchmarks/target/benchmarks.jar
#
# The relay's PostgreSQL submit figure needs CALM_BENCH_PG_URL (and CALM_BENCH_PG_USER, CALM_BENCH_PG_PASSWORD):
# a database for benchmarks only, since the relay's tables are dropped in it before and after. Without it that
# figure is skipped with one line; the SQLite figures always run.
#
# Uses $JAVA_HOME/bin/java (else java on the PATH) for the build and the runs; JDK 17 or newer. Results go to
# calm-sdk-benchmarks/target/results: the JMH JSON files, one .properties file per harness, env.txt and summary.md
# (the table of BENCHMARKS.md).
set -euo pipefail

MODE=full
AM=-am
OFFLINE=
BUILD=1
for a in "$@"; do
  case "$a" in
    --short) MODE=short ;;
    --smoke) MODE=smoke ;;
    --installed) AM= ;;
    --offline) OFFLINE=-o ;;
    --no-build) BUILD=0 ;;
    -h|--help) sed -n '2,21p' "$0"; exit 0 ;;
    *) echo "unknown option: $a (see --help)" >&2; exit 2 ;;
  esac
done

HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
JAR="$HERE/target/benchmarks.jar"
OUT="$HERE/target/results"
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"

UPLOAD_MIB=1024; LIST_TIME=2s; TOKEN_TIME=1s
if [ "$MODE" = short ]; then
  LIST_ROUNDS=3; LIST_WI=1; LIST_I=2; INTERLEAVED_BLOCKS=15
  TOKEN_F=1; TOKEN_WI=2; TOKEN_I=3
  STAMPEDE_ROUNDS=10; STAMPEDE_WARMUP=2
  UPLOAD_ROUNDS=1; UPLOAD_ITER=2
  RELAY_BLOCKS=5; RELAY_BLOCK=100; RECOVERY_ENTRIES=10000
elif [ "$MODE" = smoke ]; then
  LIST_ROUNDS=1; LIST_WI=1; LIST_I=1; LIST_TIME=1s; INTERLEAVED_BLOCKS=2
  TOKEN_F=1; TOKEN_WI=1; TOKEN_I=1
  STAMPEDE_ROUNDS=2; STAMPEDE_WARMUP=1
  UPLOAD_ROUNDS=1; UPLOAD_ITER=1; UPLOAD_MIB=64
  RELAY_BLOCKS=1; RELAY_BLOCK=20; RECOVERY_ENTRIES=200
else
  LIST_ROUNDS=5; LIST_WI=3; LIST_I=5; INTERLEAVED_BLOCKS=40
  TOKEN_F=3; TOKEN_WI=3; TOKEN_I=5
  STAMPEDE_ROUNDS=30; STAMPEDE_WARMUP=3
  UPLOAD_ROUNDS=3; UPLOAD_ITER=3
  RELAY_BLOCKS=10; RELAY_BLOCK=200; RECOVERY_ENTRIES=10000
fi

# JDK 24+ warns when JMH uses sun.misc.Unsafe; allow it in the launcher and in every fork. JDK 17 rejects the flag.
FEATURE="$("$JAVA" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}')"
UNSAFE=()
JMH_JVM_ARGS=()
NATIVE=()
if [ "${FEATURE%%.*}" -ge 22 ]; then
  NATIVE=(--enable-native-access=ALL-UNNAMED) # the relay figures load the SQLite driver's native library
fi
if [ "${FEATURE%%.*}" -ge 24 ]; then
  UNSAFE=(--sun-misc-unsafe-memory-access=allow)
  JMH_JVM_ARGS=(-jvmArgsAppend --sun-misc-unsafe-memory-access=allow)
fi

START=$(date +%s)
cd "$ROOT"
if [ "$BUILD" = 1 ]; then
  echo "== build: ./mvnw -B -q $OFFLINE -Pbenchmarks -pl calm-sdk-benchmarks $AM package -DskipTests"
  ./mvnw -B -q $OFFLINE -Pbenchmarks -pl calm-sdk-benchmarks $AM package -DskipTests
fi
test -f "$JAR" || { echo "missing $JAR; run without --no-build" >&2; exit 1; }
rm -rf "$OUT"
mkdir -p "$OUT"

{
  echo "date: $(date -u '+%Y-%m-%d %H:%M:%S UTC')"
  echo "command: calm-sdk-benchmarks/run.sh $*"
  echo "mode: $MODE"
  echo "cpu: $(nproc) cores, $(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)"
  echo "memory: $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo)"
  echo "os: $(uname -sr)"
  echo "java: $("$JAVA" -version 2>&1 | tr '\n' ' ')"
  echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
} > "$OUT/env.txt"
cat "$OUT/env.txt"

jmh() { "$JAVA" ${UNSAFE[@]+"${UNSAFE[@]}"} -jar "$JAR" "$@" ${JMH_JVM_ARGS[@]+"${JMH_JVM_ARGS[@]}"} -foe true; }

echo "== 1. listing 100 transport requests: $LIST_ROUNDS rounds, one JMH run per benchmark, order reversed every round"
BENCHES=(baseline sdk sdkNoListener baselineAsync sdkWithCredentials)
for r in $(seq 1 "$LIST_ROUNDS"); do
  if [ $((r % 2)) = 1 ]; then ORDER=(0 1 2 3 4); else ORDER=(4 3 2 1 0); fi
  for i in "${ORDER[@]}"; do
    b="${BENCHES[$i]}"
    jmh "ListTransportsBenchmark.$b\$" -f 1 -wi "$LIST_WI" -i "$LIST_I" -w "$LIST_TIME" -r "$LIST_TIME" \
      -rf json -rff "$OUT/jmh-list-$r-$b.json" > "$OUT/jmh-list-$r-$b.log" 2>&1 \
      || { tail -40 "$OUT/jmh-list-$r-$b.log"; exit 1; }
    grep -E '^ListTransports' "$OUT/jmh-list-$r-$b.log" | sed "s/^/   round $r: /"
  done
  echo "   load: $(cut -d' ' -f1-3 /proc/loadavg)"
done

echo "== 1 (cross-check). the same calls in interleaved blocks, with process CPU time"
"$JAVA" -cp "$JAR" io.github.calmsdk.benchmarks.ListTransportsInterleaved \
  --blocks "$INTERLEAVED_BLOCKS" --out "$OUT" 2>&1 | grep -v '^SLF4J'

echo "== 2a. fresh token read (JMH, -prof gc)"
jmh TokenReadBenchmark -f "$TOKEN_F" -wi "$TOKEN_WI" -i "$TOKEN_I" -w "$TOKEN_TIME" -r "$TOKEN_TIME" -prof gc \
  -rf json -rff "$OUT/jmh-token.json" > "$OUT/jmh-token.log" 2>&1 \
  || { tail -40 "$OUT/jmh-token.log"; exit 1; }
grep -E '^(Benchmark|TokenRead)' "$OUT/jmh-token.log"

echo "== 2b. stampede: 256 threads on an expired token"
"$JAVA" -cp "$JAR" io.github.calmsdk.benchmarks.TokenStampede \
  --rounds "$STAMPEDE_ROUNDS" --warmup "$STAMPEDE_WARMUP" --out "$OUT" 2>&1 | grep -v '^SLF4J'

echo "== 3. export of a $UPLOAD_MIB MiB sparse file, each side in a child JVM with -Xmx64m"
"$JAVA" -cp "$JAR" io.github.calmsdk.benchmarks.UploadThroughput \
  --size-mib "$UPLOAD_MIB" --rounds "$UPLOAD_ROUNDS" --warmup 1 --iterations "$UPLOAD_ITER" --xmx 64m --out "$OUT" \
  2>&1 | grep -v '^SLF4J'

echo "== 4. paging 1,000 and 10,000 features in pages of 100 (-Xmx64m)"
"$JAVA" -Xmx64m -cp "$JAR" io.github.calmsdk.benchmarks.PagingHeap --counts 1000,10000 --out "$OUT" \
  2>&1 | grep -v '^SLF4J'

echo "== 5. footprint: calm-sdk-deployment's runtime class path (dependency:build-classpath -DincludeScope=runtime)"
VERSION="$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' calm-sdk-deployment/pom.xml | head -1)"
if [ -n "$AM" ]; then
  # the SDK modules as built now: their jars in target/, and the third-party jars from the local repository
  ./mvnw -B -q $OFFLINE -pl calm-sdk-deployment -am package dependency:build-classpath -DskipTests \
    -DincludeScope=runtime -Dmdep.outputFile="$OUT/deployment-classpath.txt"
  DEPLOYMENT_JAR="$ROOT/calm-sdk-deployment/target/calm-sdk-deployment-$VERSION.jar"
else
  # the SDK modules as installed in the local repository
  ./mvnw -B -q $OFFLINE dependency:build-classpath -pl calm-sdk-deployment \
    -DincludeScope=runtime -Dmdep.outputFile="$OUT/deployment-classpath.txt"
  DEPLOYMENT_JAR="${MAVEN_REPO_LOCAL:-$HOME/.m2/repository}/io/github/calmsdk/calm-sdk-deployment/$VERSION/calm-sdk-deployment-$VERSION.jar"
fi
"$JAVA" -cp "$JAR" io.github.calmsdk.benchmarks.Footprint \
  --classpath-file "$OUT/deployment-classpath.txt" --jar "$DEPLOYMENT_JAR" --out "$OUT"

echo "== 6. relay: durable submit (SQLite, PostgreSQL) vs a raw JDBC insert; dispatch vs the SDK in a loop"
PG_ARGS=()
if [ -n "${CALM_BENCH_PG_URL:-}" ]; then
  PG_ARGS=(--pg-url "$CALM_BENCH_PG_URL" --pg-user "${CALM_BENCH_PG_USER:-}" --pg-password "${CALM_BENCH_PG_PASSWORD:-}")
else
  echo "   PostgreSQL submit figure skipped: CALM_BENCH_PG_URL is not set"
fi
"$JAVA" ${NATIVE[@]+"${NATIVE[@]}"} -cp "$JAR" io.github.calmsdk.benchmarks.RelayThroughput \
  --blocks "$RELAY_BLOCKS" --block "$RELAY_BLOCK" --out "$OUT" ${PG_ARGS[@]+"${PG_ARGS[@]}"} 2>&1 | grep -v '^SLF4J'

echo "== 7. relay: recovery after SIGKILL with $RECOVERY_ENTRIES entries in flight (SQLite)"
"$JAVA" ${NATIVE[@]+"${NATIVE[@]}"} -cp "$JAR" io.github.calmsdk.benchmarks.RelayRecovery \
  --entries "$RECOVERY_ENTRIES" --out "$OUT" 2>&1 | grep -v '^SLF4J'

echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$OUT/env.txt"
echo "elapsed: $(( $(date +%s) - START )) s" >> "$OUT/env.txt"
echo
echo "== summary ($OUT/summary.md)"
tail -2 "$OUT/env.txt"
"$JAVA" -cp "$JAR" io.github.calmsdk.benchmarks.Report --dir "$OUT"
