#!/bin/sh
# crossrt against Go: each scenario with a Go twin (tests/scenarios/NAME.go)
# is run under Unicorn on every ISA twice, crossrt's build and Go 1.19's, and
# `crossrt diff --across impl` must find the two runtimes' shared events
# EQUAL (docs/impl-diff.md), except where tests/impl/xfail names a reason:
# there the diff must find a difference (at the event the reason names, if
# it names one), or the phase fails until the list says so; skipped runs
# print their reason.  Then a real divergence must be
# found at the right event: a trace altered at one event, and a scenario
# against another's Go twin; and a pair that is not one crossrt trace and one
# Go trace is refused with one line.
# Go twins are built with -gcflags='-N -l' (no open-coded defers, no
# inlining: package main's defers go through the runtime as crossrt's do),
# as build/go/ARCH/NAME-N beside tests/gobin.sh's builds, in its Go cache.
set -u
. tests/lib.sh
OUT=$B/go
export GOCACHE="$PWD/$OUT/cache" GO111MODULE=off CGO_ENABLED=0 GOFLAGS=-trimpath

# NAME ARCH KIND: the reason tests/impl/xfail gives, if it lists that run as KIND
listed() {
	awk -v n="$1" -v a="$2" -v k="$3" '!/^#/ && $1 == n && ($2 == a || $2 == "*") && $3 == k {
		$1 = $2 = $3 = ""; sub(/^ +/, ""); print; exit }' tests/impl/xfail
}

build() {	# arch name: build/go/ARCH/NAME-N, rebuilt when its source is newer
	bin=$OUT/$1/$2-N
	src=tests/scenarios/$2.go
	[ "$bin" -nt "$src" ] && return 0
	mkdir -p "$OUT/$1"
	GOARCH=$(arch_info "$1" goarch) nice go build -gcflags='-N -l' -o "$bin" "$src"
}

# arch name: both runs traced (compressed: pingpong's are 75 MB each as JSON), then diffed into
# $OUT/ARCH/NAME.impl.txt; the diff's exit status
pair() {
	f=$OUT/$1/$2.impl
	envs=
	[ -f "tests/scenarios/$2.env" ] && envs=$(sed 's/^/--env /' "tests/scenarios/$2.env")
	# shellcheck disable=SC2086
	"$CROSSRT" run --engine unicorn --arch "$1" --timeout 20 $envs --trace "$f.c.trace.zst" \
		"$B/$1/tests/$2" >/dev/null 2>&1
	"$CROSSRT" run --engine unicorn --arch "$1" --timeout 20 --budget 250000000 --trace "$f.go.trace.zst" \
		"$OUT/$1/$2-N" >/dev/null 2>&1
	"$CROSSRT" diff --across impl "$f.c.trace.zst" "$f.go.trace.zst" >"$f.txt" 2>&1
}

fail=0 n=0
check() {	# what, why not ("" if as expected)
	n=$((n + 1))
	if [ -n "$2" ]; then
		echo "FAIL  $1: $2"
		fail=$((fail + 1))
	else
		echo "PASS  $1"
	fi
}

# what runs: arch name, one a line
runs() {
	for a in $ARCHES; do
		case " $(engines "$a") " in *" unicorn "*) ;; *) continue ;; esac
		for src in tests/scenarios/*.go; do
			p=$(basename "$src" .go)
			[ -z "$(listed "$p" "$a" skip)" ] && printf '%s\t%s\n' "$a" "$p"
		done
	done
}

# the build, both runs and the diff, a pair a CPU; each leaves its diff's exit status in .rc
pairjob() {
	rm -f "$OUT/$1/$2.impl.rc"
	build "$1" "$2" || return 0
	pair "$1" "$2"
	echo $? >"$OUT/$1/$2.impl.rc"
}
jobentry "$@"

runs | sed 's/^/pairjob\t/' | parallel

for a in $ARCHES; do
	case " $(engines "$a") " in *" unicorn "*) ;; *) continue ;; esac
	for src in tests/scenarios/*.go; do
		p=$(basename "$src" .go)
		s=$(listed "$p" "$a" skip)
		[ -n "$s" ] && { echo "SKIP  $p $a: $s"; continue; }
		rc=$(cat "$OUT/$a/$p.impl.rc" 2>/dev/null) || { check "$p $a" "go build failed"; continue; }
		x=$(listed "$p" "$a" xfail)
		n=$((n + 1))
		at=$(echo "$x" | sed -n 's/.*\(event #[0-9]*\).*/\1/p')
		if [ -n "$x" ] && [ $rc = 1 ] && grep -q "^DIFFERENT: first at ${at:+$at:}" "$OUT/$a/$p.impl.txt"; then
			echo "XFAIL $p $a: $x"
		elif [ -n "$x" ] && [ $rc = 1 ]; then
			echo "FAIL  $p $a: expected to differ at $at: $(grep -m1 '^DIFFERENT' "$OUT/$a/$p.impl.txt")"
			fail=$((fail + 1))
		elif [ -n "$x" ]; then
			echo "XPASS $p $a: expected to differ ($x): $(grep -m1 -E '^(EQUAL|crossrt diff:)' "$OUT/$a/$p.impl.txt")"
			fail=$((fail + 1))
		elif [ $rc != 0 ]; then
			echo "FAIL  $p $a: $(grep -m1 -E '^(DIFFERENT|crossrt diff:)' "$OUT/$a/$p.impl.txt")"
			fail=$((fail + 1))
		else
			echo "PASS  $p $a: $(grep -m1 '^EQUAL' "$OUT/$a/$p.impl.txt")"
		fi
	done
done

# A real divergence, found where it is: recoverhelper's Go trace with its
# panic value changed, and ex2's crossrt trace against ex3's Go twin.
a=$(echo $ARCHES | cut -d' ' -f1)
f=$OUT/$a/recoverhelper.impl
zstd -dcq "$f.go.trace.zst" | sed 's/"gostr:\\"p\\""/"gostr:\\"q\\""/' >"$f.altered.trace"
"$CROSSRT" diff --across impl "$f.c.trace.zst" "$f.altered.trace" >"$f.altered.txt" 2>&1
rc=$?
why=
[ $rc = 1 ] || why="exit $rc, not 1"
grep -qx 'DIFFERENT: first at event #2: panic value: "p" vs "q" (crossrt vs go1.19[.0-9]*)' "$f.altered.txt" ||
	why="${why:+$why; }$(grep -m1 -E '^(EQUAL|DIFFERENT|crossrt)' "$f.altered.txt")"
check "a changed panic value is found at its event" "$why"

"$CROSSRT" diff --across impl "$OUT/$a/ex2.impl.c.trace.zst" "$OUT/$a/ex3.impl.go.trace.zst" >"$OUT/$a/ex2-ex3.impl.txt" 2>&1
rc=$?
why=
[ $rc = 1 ] || why="exit $rc, not 1"
# ex3's m panics again where ex2's m returns (its deferreturn)
grep -qx 'DIFFERENT: first at event #4: event: deferreturn vs panic (crossrt vs go1.19[.0-9]*)' "$OUT/$a/ex2-ex3.impl.txt" ||
	why="${why:+$why; }$(grep -m1 -E '^(EQUAL|DIFFERENT|crossrt)' "$OUT/$a/ex2-ex3.impl.txt")"
check "ex2 against ex3's Go twin differs at event #4, m's second panic" "$why"

# not one crossrt trace and one Go trace: one line, exit 2
"$CROSSRT" diff --across impl "$f.c.trace.zst" "$f.c.trace.zst" >/dev/null 2>"$f.err"
rc=$?
why=
[ $rc = 2 ] && [ "$(wc -l <"$f.err")" = 1 ] && grep -q 'needs one crossrt trace and one Go trace' "$f.err" ||
	why="exit $rc: $(cat "$f.err")"
check "two crossrt traces are refused" "$why"

echo "impl: $((n - fail)) of $n checks as expected"
[ "$fail" = 0 ]
