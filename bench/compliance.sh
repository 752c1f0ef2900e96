#!/usr/bin/env bash
# Compliance benchmark of activity-service: 2,000 organisations (20 units × a party committee, 80
# branches, 18 groups) with held counts for 2025 (12 months) and 2026 (January–November), then
# GET /api/compliance for the whole city (month, quarter, year), one unit and one branch, 100 times
# each after a warm-up, over HTTP with a signed token. Prints p50 / p95 / max per query.
#
# Runs the service in-process against the test infrastructure (embedded Kafka, MongoDB wire-protocol
# emulator in memory — or real MongoDB/Kafka through Testcontainers when Docker exists), as
# ComplianceBenchmarkIT; it does not need ./platform. Knobs: ROUNDS=100, OUT=<file> (also write the
# table there). Goal: p95 < 200 ms for the whole city.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

ROUNDS=${ROUNDS:-100}
OUT=${OUT:-$PWD/activity-service/target/compliance-bench.txt}
mkdir -p "$(dirname "$OUT")"
flock /tmp/mvn.lock ./mvnw -o -q -B -pl activity-service verify -Dbench=true -Dbench.rounds="$ROUNDS" \
  -Dbench.out="$OUT" -Dit.test=ComplianceBenchmarkIT -Dtest=NoSuchTest -Dsurefire.failIfNoSpecifiedTests=false \
  -Dfailsafe.failIfNoSpecifiedTests=false >/dev/null
echo "| date | query | requests | p50 ms | p95 ms | max ms | overdue organisations |"
echo "|---|---|---:|---:|---:|---:|---:|"
cat "$OUT"
