#!/bin/sh
# make test: the unit tests; the fuzz targets replaying their corpora; the mutant catalogue, each of which must be
# caught; every scenario on every ISA and engine (crossrt matrix, with
# JUnit and HTML in build/report); the stress scenario 20 times per ISA;
# steals visible in a procs=2 trace; Unicorn's byte-identical reruns;
# the runtime's invariants in a DEBUG=1 build; hostile guests; a fault
# injection smoke run; the host tools under ASan/UBSan; and a check that
# the HTML renders.
set -u
unit_tests=$1
scenarios=$2
status=0
start=$(date +%s)
last=none
phase() {	# ends the previous phase with its wall time, starts the next
	now=$(date +%s)
	[ $last = none ] || echo "   ($((now - last)) s)"
	last=$now
	[ $# = 0 ] || echo "== $*"
}
phase unit tests
sh tests/unit.sh $unit_tests || status=1
phase fuzz replay: the fuzz targets on their corpora and regression inputs
make --no-print-directory fuzz-replay || status=1
phase mutants
{ sh tests/mutants/build.sh && sh tests/mutants/run.sh; } || status=1
phase scenarios
build/host/crossrt matrix --mutants build/mutants/results.tsv $scenarios || status=1
phase stress: 20 runs per ISA, procs=2
sh tests/stress.sh || status=1
phase determinism: Unicorn, 3 runs per scenario and ISA, then 3 seeds
sh tests/determinism.sh >build/determinism.log || status=1
grep -v '^PASS' build/determinism.log
phase work stealing, procs=2
sh tests/steal.sh || status=1
phase runtime invariants: make DEBUG=1, every scenario under qemu, broken programs
sh tests/debug.sh || status=1
phase hostile guests: every case under unicorn and qemu on 3 ISAs, native on x86_64
sh tests/hostile.sh || status=1
phase fault injection smoke: 3 scenarios x 4 points per ISA
sh tests/faults.sh --smoke || status=1
phase sanitizers: host tools, unit tests, smoke and hostile runs under ASan/UBSan
make --no-print-directory sanitize >build/sanitize.log 2>&1 || { status=1; tail -n 30 build/sanitize.log; }
grep -E '^(sanitized crossrt|hostile):|^\[  (PASSED|FAILED)' build/sanitize.log
phase report
sh tests/render.sh build/report/index.html || status=1
phase
echo "make test: $(($(date +%s) - start)) s"
[ $status = 0 ] && echo "make test: all passed" || echo "make test: FAILED"
exit $status
