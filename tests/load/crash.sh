#!/usr/bin/env bash
# The deadline hour (tests/load/deadline-hour.sh, same settings) with kill -9 of a server in the
# middle of the burst: the server is killed when half of DURATION has passed, started again two
# seconds later on the same data folder or database, and the people carry on with the same cookies
# (a step whose answer never came is retried after reloading the form). Then: every save and
# submission answered with success is in the database, no submitted month differs from its version,
# `PRAGMA integrity_check` is ok (SQLite), every person is still signed in; with two servers behind
# nginx (DATABASE=PostgreSQL, or SERVERS=2 on SQLite) the other server keeps answering meanwhile.
#
#   tests/load/crash.sh                          SQLite, the only server killed
#   DATABASE=PostgreSQL tests/load/crash.sh      PostgreSQL, one of two servers killed, nginx in front
exec env CRASH=1 "$(dirname "$0")/deadline-hour.sh" "$@"
