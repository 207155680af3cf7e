#!/bin/sh
# make test: the unit tests, then every scenario on every ISA and engine.
set -u
unit_tests=$1
scenarios=$2
status=0
echo "== unit tests"
sh tests/unit.sh $unit_tests || status=1
echo "== scenarios"
sh tests/scenarios.sh $scenarios || status=1
[ $status = 0 ] && echo "make test: all passed" || echo "make test: FAILED"
exit $status
