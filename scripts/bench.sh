#!/usr/bin/env bash
# make bench: the intake figures of ENGINEERING.md, measured side by side on
# this machine — the raw Postgres ceiling (pgbench committing a lead's row,
# event and job in one statement), then the intake API, single leads and
# arrays, closed and open loop, and the server's peak RSS. Prints one table.
# The leads carry every field of the intake API as a marketing automation
# fills them (api/apitest: a persona, notes of a few hundred characters, six
# extra fields; about 850 bytes); one row repeats the single leads with six
# fields, as the first benchmarks sent.
set -euo pipefail
cd "$(dirname "$0")/.."
eval "$(scripts/postgres.sh test)"
admin=$TEST_DATABASE_URL
db=armistice_bench_$$
url=${admin%/*}/$db?sslmode=disable
secret=bench-secret-0123456789
addr=127.0.0.1:$((20000 + RANDOM % 20000))
duration=${BENCH_DURATION:-10s}
pgbench=$(command -v pgbench || ls /usr/lib/postgresql/*/bin/pgbench | tail -n 1)

go build -o bin/armistice ./cmd/armistice
go build -o bin/armistice-load ./cmd/armistice-load
psql "$admin" -qc "CREATE DATABASE $db"
trap 'kill $server 2>/dev/null || true; wait 2>/dev/null; psql "$admin" -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)"' EXIT

# The ceiling: what Postgres commits per second for the same writes.
psql "$url" -q <<'SQL'
CREATE TABLE bench_leads (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, external_id text UNIQUE, email text, name text, company text, received_at timestamptz);
CREATE TABLE bench_events (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, lead_id bigint, kind text, at timestamptz);
CREATE TABLE bench_jobs (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, kind text, args jsonb, state text, scheduled_at timestamptz);
SQL
cat > /tmp/armistice-pgbench-$$.sql <<'SQL'
WITH l AS (INSERT INTO bench_leads (external_id, email, name, company, received_at)
           VALUES ('pgb-' || :client_id || '-' || random(), 'x@example.com', 'X', 'Y', now()) RETURNING id),
     e AS (INSERT INTO bench_events (lead_id, kind, at) SELECT id, 'received', now() FROM l)
INSERT INTO bench_jobs (kind, args, state, scheduled_at) SELECT 'announce', jsonb_build_object('lead_id', id), 'available', now() FROM l;
SQL
# Each run starts from a checkpoint, so that writing out what came before
# (a test suite's databases, the previous run) does not land in it.
checkpoint() { psql "$admin" -qc CHECKPOINT 2>/dev/null || true; } # needs a superuser; skipped otherwise
checkpoint
pg_tps=$("$pgbench" -n -c 32 -j 2 -T "${duration%s}" -f /tmp/armistice-pgbench-$$.sql "$url" 2>/dev/null | awk '/^tps/ {printf "%.0f", $3}')
rm -f /tmp/armistice-pgbench-$$.sql

DATABASE_URL=$url ARMISTICE_HTTP_ADDR=$addr ARMISTICE_WEBHOOK_SECRET=$secret bin/armistice serve >/tmp/armistice-bench-$$.log 2>&1 &
server=$!
for _ in $(seq 1 100); do curl -sf "http://$addr/healthz" >/dev/null 2>&1 && break; sleep 0.2; done
peak=0
watch_rss() { while kill -0 $server 2>/dev/null; do r=$(ps -o rss= -p $server | tr -d ' '); [ "${r:-0}" -gt "$peak" ] && peak=$r && echo $peak >/tmp/armistice-rss-$$; sleep 0.2; done; }
watch_rss & watcher=$!

load() { bin/armistice-load -url "http://$addr/api/v1/leads" -secret $secret -d "$duration" "$@"; }
checkpoint; single=$(load -c 32)
checkpoint; thin=$(load -c 32 -thin)
checkpoint; array=$(load -c 4 -batch 1000)
checkpoint; fixed=$(load -rate 500)
kill $watcher 2>/dev/null || true
rss=$(( $(cat /tmp/armistice-rss-$$ 2>/dev/null || echo 0) / 1024 ))
rm -f /tmp/armistice-rss-$$ /tmp/armistice-bench-$$.log

# The chat side, in-process against slackemu: acks at 200 interactions/s,
# and the time from a 201 to the lead's card with Slack's limit lifted.
chat=$(go test -run '^$' -bench 'AckLatencyAt200PerSecond|WebhookToCard' -benchtime 1x ./cmd/armistice/ 2>/dev/null | grep ^Benchmark)
digest=$(go test -run '^$' -bench ComposeDigestOverAMillionLeads -benchtime 20x ./handlers/ 2>/dev/null | grep ^Benchmark)
# A burst of 500 leads at Slack's one message a second per channel: over a
# pool of 10 reps, to every rep's DMs (measured); into one channel without
# a pool (its first 30 cards measured, the rest extrapolated).
burst=$(go test -run '^$' -bench 'BurstToPoolDMs|BurstToOneChannel' -benchtime 1x ./cmd/armistice/ 2>/dev/null | grep ^Benchmark)
metric() { printf '%s\n%s\n%s\n' "$chat" "$digest" "$burst" | grep "$1" | sed -E "s|.* ([0-9.]+) $2.*|\1|"; }

field() { sed -E "s/.*$1 ([0-9.]+[a-zµ]*).*/\1/" <<<"$2"; }
rate() { sed -E 's/.*: ([0-9]+) leads\/s.*/\1/' <<<"$1"; }
ratio=$(awk -v a="$(rate "$single")" -v b="$pg_tps" 'BEGIN { if (b > 0) printf "%.0f%%", 100 * a / b; else print "–" }')
echo
echo "Armistice bench — $(date -u +%Y-%m-%d), $(nproc) cores, $(uname -m), Postgres on the same machine"
echo "Leads with every field of the intake API, about 850 bytes each (api/apitest), unless the row says six fields."
printf '| %-44s | %-26s | %-22s |\n' "what" "measured" "target"
printf '|%s|%s|%s|\n' "----------------------------------------------" "----------------------------" "------------------------"
printf '| %-44s | %-26s | %-22s |\n' "pgbench, a lead's row+event+job, 32 clients" "$pg_tps commits/s" "(the ceiling)"
printf '| %-44s | %-26s | %-22s |\n' "signed single-lead intake, 32 senders" "$(rate "$single") leads/s" ">= 2,000 leads/s"
printf '| %-44s | %-26s | %-22s |\n' "  … as a share of pgbench" "$ratio" ">= 75%"
printf '| %-44s | %-26s | %-22s |\n' "  … latency p50 / p99" "$(field p50 "$single") / $(field p99 "$single")" ""
printf '| %-44s | %-26s | %-22s |\n' "  … with six-field leads" "$(rate "$thin") leads/s" ""
printf '| %-44s | %-26s | %-22s |\n' "array intake, 1,000 leads a request" "$(rate "$array") leads/s" ">= 30,000 leads/s"
printf '| %-44s | %-26s | %-22s |\n' "500 req/s open loop: p99" "$(field p99 "$fixed")" "< 50 ms"
printf '| %-44s | %-26s | %-22s |\n' "peak RSS of serve under intake load" "$rss MB" "< 100 MB"
printf '| %-44s | %-26s | %-22s |\n' "acks at 200 interactions/s: p50 / p99" "$(metric AckLatency p50-ms) / $(metric AckLatency p99-ms) ms" "p99 < 10 ms"
printf '| %-44s | %-26s | %-22s |\n' "webhook to card: p50 / p95" "$(metric WebhookToCard p50-ms) / $(metric WebhookToCard p95-ms) ms" "p95 < 100 ms"
printf '| %-44s | %-26s | %-22s |\n' "daily digest over 1,000,000 leads" "$(metric ComposeDigest ms/digest) ms" "< 250 ms"
printf '| %-44s | %-26s | %-22s |\n' "500 leads, pool of 10: every rep's DMs" "$(metric BurstToPoolDMs s-all-DMs) s (measured)" "≈ 50 s (50 a DM at 1/s)"
printf '| %-44s | %-26s | %-22s |\n' "  … without a pool, one channel" "$(metric BurstToOneChannel s-500-extrapolated) s (30 measured)" "≈ 497 s (the limit)"
