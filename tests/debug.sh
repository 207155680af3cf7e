#!/bin/sh
# The runtime's invariant checks (make DEBUG=1, build/debug), under qemu on
# every ISA: every scenario at each of its procs counts must run as
# tests/scenarios expects; each program of tests/debug, which breaks one
# invariant on purpose, must stop with exit status 2, its stdout and, as its
# first fatal error, the line of its NAME.fatal.  On a loaded machine some
# scenarios' output order depends on timing (a preemption, a sleep): such a
# failure gets up to two more runs and is reported as flaky; a fatal error
# the scenario does not expect gets none.
#   sh tests/debug.sh            build (make DEBUG=1 targets), then run all
#   sh tests/debug.sh --nobuild  run what build/debug holds
set -u
. tests/lib.sh
D=$B/debug
case ${1:-} in
--nobuild) ;;
"") MAKEFLAGS= MAKELEVEL= make --no-print-directory -s -j2 DEBUG=1 targets || exit 1 ;;
*) echo "usage: sh tests/debug.sh [--nobuild]" >&2; exit 2 ;;
esac
status=0
"$CROSSRT" matrix --engine qemu --no-diff --retry 2 --timeout 60 --build "$D" --out "$D/scenarios" || status=1
"$CROSSRT" matrix --engine qemu --no-diff --timeout 60 --scenarios tests/debug --bin "$D/%a/debug" \
	--out "$D/broken" || status=1
exit $status
