#!/bin/sh
# make sanitize with its output in build/sanitize.log: prints the verdict
# lines of the unit tests, the smoke matrix and the hostile guests, and the
# end of the log if it failed.
set -u
. tests/lib.sh
log=$B/sanitize.log
mkdir -p "$B"
make --no-print-directory sanitize >"$log" 2>&1
status=$?
grep -E '^(matrix|smoke|hostile):|^\[  (PASSED|FAILED)' "$log"
[ $status = 0 ] || tail -n 30 "$log"
exit $status
