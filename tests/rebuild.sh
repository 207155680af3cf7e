#!/bin/sh
# `make` rebuilds what changed: in a copy of the tree with a built
# build/host and build/ARCH, for each ISA, `make ARCH=A` has nothing to do;
# after an edit of arch-A/switch.S it rebuilds that object, the ISA's
# libruntime.a and its programs, and nothing of the host or another ISA;
# after an edit of a header (arch-A/tls.h) it recompiles the runtime files
# that include it; and plain `make` would build every ISA.
set -u
B=${B:-build}
tmp=$(mktemp -d /tmp/crossrt-rebuild.XXXXXX) || exit 1
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
check() {	# description, then a test command
	what=$1
	shift
	if "$@"; then
		pass=$((pass + 1))
	else
		echo "FAIL  rebuild: $what"
		fail=$((fail + 1))
	fi
}
newer() { [ "$tmp/src/$1" -nt "$tmp/stamp" ]; }
older() { ! newer "$1"; }
mk() { make -C "$tmp/src" --no-print-directory "$@" 2>&1; }

arches=$(make -s --no-print-directory print-arches)
for a in $arches; do
	rm -rf "$tmp/src" && mkdir -p "$tmp/src/$B" || exit 1
	tar -cf - --exclude="./$B" --exclude=./.git . | tar -xf - -C "$tmp/src" || exit 1
	cp -a "$B/host" "$B/$a" "$tmp/src/$B/" || exit 1
	check "$a: make ARCH=$a right after a build has nothing to do" \
		sh -c "make -C '$tmp/src' --no-print-directory ARCH=$a | grep -q 'Nothing to be done'"
	sleep 1 && touch "$tmp/stamp" && sleep 1
	echo '/* edited */' >>"$tmp/src/arch-$a/switch.S"
	mk ARCH="$a" >"$tmp/log" || { echo "FAIL  rebuild: $a: make ARCH=$a failed"; cat "$tmp/log"; fail=$((fail + 1)); continue; }
	check "$a: switch.o rebuilt after arch-$a/switch.S changed" newer "$B/$a/obj/arch/switch.o"
	check "$a: libruntime.a rebuilt" newer "$B/$a/libruntime.a"
	check "$a: the scenario programs relinked" newer "$B/$a/tests/gosched3"
	check "$a: the other runtime objects kept" older "$B/$a/obj/proc.o"
	check "$a: the host tools kept" older "$B/host/crossrt"
	for o in $arches; do
		[ "$o" = "$a" ] || check "$a: nothing built for $o" test ! -e "$tmp/src/$B/$o"
	done
	sleep 1 && touch "$tmp/stamp" && sleep 1
	echo '/* edited */' >>"$tmp/src/arch-$a/tls.h"
	mk ARCH="$a" >"$tmp/log"
	check "$a: proc.o recompiled after arch-$a/tls.h changed" newer "$B/$a/obj/proc.o"
	check "$a: make ARCH=$a builds the unit tests after one changed" \
		sh -c "make -C '$tmp/src' -n -W tests/unit/test_facts.c ARCH=$a | grep -q 'unit/test_facts '"
	check "$a: make ARCH=$a then has nothing to do" \
		sh -c "make -C '$tmp/src' --no-print-directory ARCH=$a | grep -q 'Nothing to be done'"
	check "$a: make DEBUG=1 ARCH=$a would build into $B/debug" \
		sh -c "make -C '$tmp/src' -n DEBUG=1 ARCH=$a 2>&1 | grep -q -- '-o $B/debug/$a/obj/proc.o'"
	check "$a: plain make would build the other ISAs too" \
		sh -c "make -C '$tmp/src' -n | grep -q 'obj/proc.o' && [ \"\$(make -C '$tmp/src' -n | grep -c -- '-c runtime/proc.c')\" = $(($(echo $arches | wc -w) - 1)) ]"
done
echo "rebuild: $pass passed, $fail failed"
[ "$fail" = 0 ]
