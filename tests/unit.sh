#!/bin/sh
# Run the cmocka unit test binaries named on the command line, by default
# build/host/unit/NAME for every tests/unit/NAME.c.
set -u
. tests/lib.sh
[ $# -gt 0 ] || set -- $(ls tests/unit/*.c | sed "s|^tests/unit/\(.*\)\.c$|$B/host/unit/\1|")
fail=0
for t in "$@"; do
	"$t" || fail=1
done
exit $fail
