#!/usr/bin/env bash
# Finds or starts a PostgreSQL server for `make run` and `make test`, and
# prints the export line for its URL on stdout; what it did goes to stderr.
#
#   scripts/postgres.sh run    DATABASE_URL for the bot (database "armistice")
#   scripts/postgres.sh test   TEST_DATABASE_URL for the tests (the maintenance
#                              database; each test creates its own)
#
# In order: the variable if it is already set; a server on 127.0.0.1:5432;
# a container if Docker runs here; else Debian's postgresql, installed and
# started (as root).
set -euo pipefail

mode=${1:?usage: postgres.sh run|test}
say() { echo "postgres: $*" >&2; }

var=DATABASE_URL
[ "$mode" = test ] && var=TEST_DATABASE_URL
if [ -n "${!var:-}" ]; then
	say "using $var from the environment"
	echo "export $var='${!var}'"
	exit 0
fi

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

apt_install() {
	command -v apt-get >/dev/null || { say "cannot install $*: no apt-get; install PostgreSQL or set $var"; exit 1; }
	say "installing Debian's $* (apt-get)"
	as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
	as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >&2
}

port_open() { (exec 3<>/dev/tcp/127.0.0.1/5432) 2>/dev/null; }

wait_ready() {
	for _ in $(seq 1 60); do
		if PGCONNECT_TIMEOUT=2 psql "$1" -Atqc 'select 1' >/dev/null 2>&1; then return 0; fi
		sleep 1
	done
	say "the server did not accept connections at ${1%%\?*} within 60 s"
	exit 1
}

user_url=""
if port_open; then
	say "found a server on 127.0.0.1:5432"
	command -v psql >/dev/null || apt_install postgresql-client
	for candidate in "postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable" \
		"postgres://postgres:postgres@127.0.0.1:5432/postgres?sslmode=disable"; do
		if PGCONNECT_TIMEOUT=3 psql "$candidate" -Atqc 'select 1' >/dev/null 2>&1; then user_url=$candidate; break; fi
	done
	[ -n "$user_url" ] || { say "cannot log in to it as postgres (no password, or password 'postgres'); set $var"; exit 1; }
elif command -v docker >/dev/null && docker info >/dev/null 2>&1; then
	say "no server on 127.0.0.1:5432; starting one with Docker (container armistice-postgres)"
	docker rm -f armistice-postgres >/dev/null 2>&1 || true
	docker run -d --name armistice-postgres -p 127.0.0.1:5432:5432 -e POSTGRES_PASSWORD=postgres postgres:16-alpine >&2
	command -v psql >/dev/null || apt_install postgresql-client
	user_url="postgres://postgres:postgres@127.0.0.1:5432/postgres?sslmode=disable"
	wait_ready "$user_url"
else
	say "no server on 127.0.0.1:5432 and no Docker; using Debian's postgresql"
	command -v pg_ctlcluster >/dev/null && ls /etc/postgresql/*/main >/dev/null 2>&1 || apt_install postgresql
	version=$(ls /etc/postgresql | sort -V | tail -n 1)
	say "starting cluster $version/main"
	as_root pg_ctlcluster --skip-systemctl-redirect "$version" main start >&2 || as_root pg_ctlcluster "$version" main start >&2
	for _ in $(seq 1 30); do port_open && break; sleep 1; done
	# Debian's cluster asks for a password over TCP: give postgres the
	# password "postgres" (the server listens on localhost only).
	as_root su postgres -c "psql -Atqc \"ALTER USER postgres PASSWORD 'postgres'\"" >/dev/null
	user_url="postgres://postgres:postgres@127.0.0.1:5432/postgres?sslmode=disable"
	wait_ready "$user_url"
fi

if [ "$mode" = run ]; then
	if [ "$(psql "$user_url" -Atqc "select 1 from pg_database where datname = 'armistice'")" != 1 ]; then
		psql "$user_url" -qc 'CREATE DATABASE armistice' >&2
		say "created database armistice"
	fi
	echo "export DATABASE_URL='${user_url/\/postgres\?/\/armistice?}'"
else
	echo "export TEST_DATABASE_URL='$user_url'"
fi
