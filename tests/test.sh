#!/bin/sh
# make test: the phases of tests/phases, in order, each announced with what
# it proves and followed by its wall time; the last line says whether all
# passed.  A phase that fails does not stop the others.
# Usage: sh tests/test.sh [PHASE...]   (default: every phase)
set -u
tab=$(printf '\t')
status=0 failed=
start=$(date +%s)
while IFS=$tab read -r name cmd what; do
	case $name in '' | '#'*) continue ;; esac
	if [ $# -gt 0 ]; then
		case " $* " in *" $name "*) ;; *) continue ;; esac
	fi
	echo "== $name: $what"
	t0=$(date +%s)
	sh -c "$cmd" </dev/null || { status=1; failed="$failed $name"; }
	echo "   ($(($(date +%s) - t0)) s)"
done <tests/phases
echo "make test: $(($(date +%s) - start)) s"
if [ $status = 0 ]; then
	echo "make test: all passed"
else
	echo "make test: FAILED:$failed"
fi
exit $status
