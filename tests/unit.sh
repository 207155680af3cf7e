#!/bin/sh
# Run the cmocka unit test binaries named on the command line.
set -u
fail=0
for t in "$@"; do
	"$t" || fail=1
done
exit $fail
