#!/bin/sh
# A program the project has never seen, as a user has it: built with
# `crossrt cc --arch all`, run by path in `crossrt matrix` (absolute and
# relative; it sleeps and keeps clock readings live, and its traces must
# still agree across engines and ISAs), its traces read by `show --table`,
# `debug` and `export`, built again by an installed crossrt from another folder and
# with the installed pkg-config files; the one-line errors for what is
# missing; DEFER and RESULT refusing what they cannot do, in words; and
# every subcommand's --help.
set -u
. tests/lib.sh
top=$(pwd)
CROSSRT=$top/$CROSSRT
tmp=$(mktemp -d /tmp/crossrt-userpath.XXXXXX) || exit 1
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
check() {	# description, then a test command
	what=$1
	shift
	if "$@" >"$tmp/log" 2>&1; then
		pass=$((pass + 1))
	else
		echo "FAIL  userpath: $what"
		sed 's/^/      /' "$tmp/log" | head -20
		fail=$((fail + 1))
	fi
}
qemu_of() { arch_info "$1" qemu; }

mkdir -p "$tmp/proj" "$tmp/elsewhere"
cat >"$tmp/proj/pipeline.c" <<'PROG'
#include "crossrt.h"

static void report(long n)		/* DEFER of a void f(long) */
{
	printf("deferred report %ld\n", n);
}

static void addten(volatile long *r)
{
	*r += 10;
}

static void catch(void)
{
	any e = recover();
	if (!isnil(e))
		printf("recovered: %s\n", (const char *)e.data);
}

static void stage(void *arg)
{
	chan c = arg;
	for (long i = 1; i <= 3; i++)
		chansend1(c, &i);
	closechan(c);
}

static long sum(chan c)
{
	RESULT(long, total) = 0;
	long v;
	DEFER(addten, &total);
	while (chanrecv2(c, &v))
		total += v;
	DEFERRETURN(total);
}

static void nap(void)
{
	int64_t t0 = nanotime();	/* live across the sleep: a clock reading at probes */

	timeSleep(3 * Millisecond);
	if (nanotime() - t0 < 3 * Millisecond)
		printf("slept too little\n");
}

static void mustpanic(void)
{
	DEFER(catch, 0);
	panic("pipeline broke");
	DEFERRETURN();
}

void main_main(void)
{
	chan c = makechan(sizeof(long), 0);
	DEFER(report, 42L);
	go(stage, c);
	printf("sum %ld\n", sum(c));
	nap();
	mustpanic();
	DEFERRETURN();
}
PROG
printf 'sum 16\nrecovered: pipeline broke\ndeferred report 42\n' >"$tmp/proj/pipeline.out"

# crossrt cc --arch all, with .functab filled (tracebacks name functions)
check "crossrt cc --arch all builds every ISA" "$CROSSRT" cc --arch all -o "$tmp/proj/bin" "$tmp/proj/pipeline.c"
for a in $ARCHES; do
	check "$a: the program runs and prints its .out" sh -c \
		"$(qemu_of "$a") '$tmp/proj/bin.$a' | cmp - '$tmp/proj/pipeline.out'"
	check "$a: its .functab names main_main" sh -c \
		"readelf -p .functab '$tmp/proj/bin.$a' | grep -q ' main_main\$'"
done

a1=$(echo $ARCHES | cut -d' ' -f1)

# crossrt matrix on a path: absolute (every ISA and engine), relative, a folder
check "matrix on an absolute path passes" sh -c \
	"'$CROSSRT' matrix --jobs 2 --out '$tmp/report' '$tmp/proj/pipeline.c' | tee /dev/stderr | grep -q 'matrix: [1-9][0-9]* passed, 0 failed'"
check "matrix writes runs/NAME.*" test -f "$tmp/report/runs/pipeline.p1.$(echo $ARCHES | cut -d' ' -f1).qemu.stdout"

# its traces, as the user reads them: the articles' table at gopanic with the
# chains by name, gdb at that hit, Chrome trace JSON
runs=$tmp/report/runs
check "show --table gopanic: the chains and the panic's text on every ISA" sh -c \
	"'$CROSSRT' show --table gopanic \$(for a in $ARCHES; do printf '%s ' '$runs'/pipeline.p1.\$a.unicorn.trace; done) >'$tmp/table' &&
	 grep -q '^defer  *| defer#[0-9]' '$tmp/table' && grep -q '^value  *| \"pipeline broke\"' '$tmp/table' &&
	 [ \$(grep '^panic ' '$tmp/table' | grep -o 'nil' | wc -l) = $(echo $ARCHES | wc -w) ]"
t=$runs/pipeline.p1.$a1.qemu.trace
seq=$(grep '"probe":"gopanic"' "$t" | sed -n '1{s/^{"seq":\([0-9]*\),.*/\1/p;q}')
check "debug --at the gopanic hit: gdb's registers equal the trace's" sh -c \
	"'$CROSSRT' debug '$t' --at '${seq:-none}' --timeout 60 --exec 'info registers'"
check "export --format chrome: JSON with the panic" sh -c \
	"'$CROSSRT' export --format chrome '$runs/pipeline.p1.$a1.unicorn.trace' -o '$tmp/p.json' &&
	 jq -e '[.traceEvents[] | select(.ph == \"i\" and .name == \"gopanic\")] | length == 1' '$tmp/p.json'"

check "matrix on a relative path and on a folder passes" sh -c \
	"cd '$tmp' && '$CROSSRT' matrix --engine qemu --no-diff --out report2 ./proj/pipeline.c proj/ 2>&1 | grep -q 'two programs named pipeline' &&
	 '$CROSSRT' matrix --engine qemu --no-diff --out report2 proj | grep -q 'matrix: [1-9][0-9]* passed, 0 failed'"

# what is missing: one line, exit 2
mkdir -p "$tmp/noexp"
cp "$tmp/proj/pipeline.c" "$tmp/noexp/fresh.c"
check "a FILE.c without NAME.out: one error that says so" sh -c \
	"'$CROSSRT' matrix --out '$tmp/r3' '$tmp/noexp/fresh.c' >/dev/null 2>'$tmp/e'; [ \$? = 2 ] && [ \$(wc -l <'$tmp/e') = 1 ] && grep -q 'no expected output .*fresh.out' '$tmp/e'"
check "a scenario without its program: one error that says so" sh -c \
	"'$CROSSRT' matrix --build '$tmp/nobuild' --out '$tmp/r3' ex1 >/dev/null 2>'$tmp/e'; [ \$? = 2 ] && [ \$(wc -l <'$tmp/e') = 1 ] && grep -q 'program .*/nobuild/.*/ex1 not found' '$tmp/e'"
check "cc: an unknown ISA" sh -c "'$CROSSRT' cc --arch vax x.c 2>&1 | grep -q \"unknown ISA 'vax'\""
check "cc: a missing compiler" sh -c \
	"PATH=/nonexistent '$CROSSRT' cc --arch $(echo $ARCHES | cut -d' ' -f2) -o '$tmp/x' '$tmp/proj/pipeline.c' 2>&1 | grep -q 'not found on PATH'"

# the papercuts: DEFER of void f(int), a result that is not volatile
printf '#include "crossrt.h"\nstatic void f(int n) { (void)n; }\nvoid main_main(void) { DEFER(f, 1); DEFERRETURN(); }\n' >"$tmp/deferint.c"
printf '#include "crossrt.h"\nstatic void f(long n) { (void)n; }\nstatic int g(void) { int r = 0; DEFER(f, 1); r = 1; DEFERRETURN(r); }\nvoid main_main(void) { g(); }\n' >"$tmp/plain.c"
check "DEFER of void f(int) is refused by its rule" sh -c \
	"! '$CROSSRT' cc --arch $a1 -o '$tmp/x' '$tmp/deferint.c' 2>&1 | tee '$tmp/e' >/dev/null; grep -q 'DEFER(fn, arg): fn must be void fn(T) with T a pointer' '$tmp/e'"
check "a result that is not volatile: use RESULT" sh -c \
	"! '$CROSSRT' cc --arch $a1 -o '$tmp/x' '$tmp/plain.c' 2>&1 | tee '$tmp/e' >/dev/null; grep -q 'use RESULT(type, name)' '$tmp/e'"

# make install, then the installed crossrt cc from elsewhere; pkg-config
check "make install PREFIX=" make -s --no-print-directory install PREFIX="$tmp/prefix"
check "make install DESTDIR= PREFIX=" sh -c \
	"make -s --no-print-directory install DESTDIR='$tmp/stage' PREFIX=/opt/crossrt && test -x '$tmp/stage/opt/crossrt/bin/crossrt' && test -f '$tmp/stage/opt/crossrt/lib/pkgconfig/crossrt-$a1.pc'"
check "the installed crossrt cc builds from another folder, and the program runs" sh -c \
	"cd '$tmp/elsewhere' && '$tmp/prefix/bin/crossrt' cc --arch $a1 ../proj/pipeline.c && $(qemu_of "$a1") ./pipeline | cmp - ../proj/pipeline.out"
last=$(echo $ARCHES | awk '{ print $NF }')
check "pkg-config --cflags --libs crossrt-$last build a program that runs" sh -c \
	"cd '$tmp/elsewhere' && export PKG_CONFIG_PATH='$tmp/prefix/lib/pkgconfig' &&
	 \$(pkg-config --variable=cc crossrt-$last) \$(pkg-config --cflags crossrt-$last) ../proj/pipeline.c \$(pkg-config --libs crossrt-$last) -o pc &&
	 sh \$(pkg-config --variable=functab crossrt-$last) \$(pkg-config --variable=bin crossrt-$last)nm \$(pkg-config --variable=bin crossrt-$last)objcopy pc &&
	 $(qemu_of "$last") ./pc | cmp - ../proj/pipeline.out"
rm "$tmp/prefix/lib/crossrt/$last/libruntime.a"
check "the installed crossrt cc: a missing runtime library" sh -c \
	"'$tmp/prefix/bin/crossrt' cc --arch $last -o '$tmp/x' '$tmp/proj/pipeline.c' 2>&1 | grep -q 'missing runtime library .*/$last/libruntime.a'"

# --help: every subcommand's usage, exit 0
for c in $("$CROSSRT" --help | sed -n 's/^  crossrt \([a-z]*\).*/\1/p'); do
	check "crossrt $c --help" sh -c "'$CROSSRT' $c --help | grep -q '^  crossrt $c '"
done

echo "userpath: $pass passed, $fail failed"
[ $fail = 0 ]
