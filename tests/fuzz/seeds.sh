#!/bin/sh
# Regenerate the seed corpora from real runs of the ex1 scenario (make all
# first): a truncated scenario binary, small static programs with probe
# symbols, the first records of unicorn traces with the runtime's record
# lines (ex1-state: up to its recovery, with the runtime's state), a compressed
# trace whole and cut short (zst-), and excerpts of qemu -d cpu,fpu,exec,nochain logs.  Usage:
#   sh tests/fuzz/seeds.sh [OUTDIR]      (default tests/fuzz/corpus)
set -eu
. tests/lib.sh
out=${1:-tests/fuzz/corpus}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$out/elf" "$out/trace" "$out/qemulog"

cat >"$tmp/tiny.c" <<'C'
static volatile long sink;
const char msg[] = "fatal error: all goroutines are asleep";
long counter = 3;
__attribute__((noinline)) void newproc(long a, long b) { sink = a + b; }
__attribute__((noinline)) void schedule(void) { if (sink) newproc(sink, 1); }
__attribute__((noinline)) void gopark(long a) { while (a-- > 0) sink += counter; }
__attribute__((noinline, noreturn)) void fatalthrow(void) { for (;;) sink = (long)msg; }
void _start(void) { newproc(1, 2); schedule(); gopark(3); fatalthrow(); }
C
# A copy that fuzz_elf also loads into Unicorn: one more byte makes the
# FNV-1a hash of the file a multiple of 32 (files already so are skipped).
uc_copy() {
	python3 - "$1" "$2" <<'PY'
import sys
def fnv(d):
    h = 2166136261
    for b in d:
        h = ((h ^ b) * 16777619) & 0xffffffff
    return h
d = bytearray(open(sys.argv[1], 'rb').read())
if fnv(d) % 32:
    d.append(fnv(d) & 31)
    open(sys.argv[2], 'wb').write(d)
PY
}
# A Go executable built with -s -w, in miniature: tiny without its symbol
# table, with a .gopclntab naming two of its functions as Go's runtime does
# and a .go.buildinfo of go1.19.8 (in the ISA's byte order).
go_sections() {	# ELF BIG NM: ELF.pclntab and ELF.buildinfo
	python3 - "$@" <<'PY'
import struct, subprocess, sys
elf, big, nm = sys.argv[1], sys.argv[2] == "1", sys.argv[3]
e = ">" if big else "<"
syms = {}
for line in subprocess.run([nm, elf], capture_output=True, text=True).stdout.split("\n"):
    f = line.split()
    if len(f) == 3:
        syms[f[2]] = int(f[0], 16)
text = min(syms["newproc"], syms["schedule"])
names = b"runtime.newproc\0runtime.schedule\0"
functab = 0x48 + len(names)
funcs = sorted([(syms["newproc"] - text, 0), (syms["schedule"] - text, 16)])
hdr = struct.pack(e + "IBBBB8Q", 0xfffffff0, 0, 0, 1, 8, 2, 0, text, 0x48, 0, 0, 0, functab)
tab = b""
fdata = b""
for off, name in funcs:
    tab += struct.pack(e + "II", off, 20 + len(fdata))
    fdata += struct.pack(e + "Ii", off, name)
tab += struct.pack(e + "I", funcs[-1][0] + 16)
open(elf + ".pclntab", "wb").write(hdr + names + tab + fdata)
v = b"go1.19.8"
open(elf + ".buildinfo", "wb").write(b"\xff Go buildinf:" + bytes([8, 2 | big]) + bytes(16) + bytes([len(v)]) + v + b"\0")
PY
}

flags="-O1 -ffreestanding -nostdlib -static -fno-pie -no-pie -fno-asynchronous-unwind-tables -Wl,--build-id=none"

for a in $ARCHES; do
	cc=$(arch_info "$a" cc)
	qemu=$(arch_info "$a" qemu)
	prog=$B/$a/tests/ex1
	$cc $flags -Wl,-N -o "$out/elf/tiny-$a" "$tmp/tiny.c" 2>/dev/null
	$cc $flags -Wl,-z,max-page-size=4096 -Wl,-z,noseparate-code -o "$out/elf/paged-$a" "$tmp/tiny.c"
	head -c 4096 "$prog" >"$out/elf/ex1-head-$a"
	for k in tiny paged; do
		uc_copy "$out/elf/$k-$a" "$out/elf/$k-uc-$a"
	done
	big=$(readelf -h "$out/elf/tiny-$a" | grep -c 'big endian' || true)
	go_sections "$out/elf/tiny-$a" "$big" "${cc%gcc}nm"
	"${cc%gcc}objcopy" --strip-all --add-section .gopclntab="$out/elf/tiny-$a.pclntab" \
		--add-section .go.buildinfo="$out/elf/tiny-$a.buildinfo" "$out/elf/tiny-$a" "$out/elf/go-tiny-$a"
	rm -f "$out/elf/tiny-$a.pclntab" "$out/elf/tiny-$a.buildinfo"

	"$CROSSRT" run --arch "$a" --engine unicorn --trace "$tmp/t.jsonl" "$prog" >/dev/null
	CROSSRT_TRACEFD=3 "$qemu" "$prog" 3>"$tmp/rec" >/dev/null
	{ head -n 5 "$tmp/t.jsonl"; tail -n 1 "$tmp/t.jsonl"; } >"$out/trace/ex1-$a"
	{ head -n 3 "$tmp/t.jsonl"; printf '\0'; cat "$tmp/rec"; } >"$out/trace/ex1-rec-$a"
	[ "$a" != "${ARCHES%% *}" ] ||	# the first ISA: the header and 16 records, a state at each chain probe's
		{ head -n 17 "$tmp/t.jsonl"; printf '\0'; cat "$tmp/rec"; } >"$out/trace/ex1-state-$a"
	[ "$a" != "${ARCHES%% *}" ] || {	# the first ISA: a whole trace compressed, and its first 300 bytes
		"$CROSSRT" run --arch "$a" --engine unicorn --trace "$tmp/t.trace.zst" "$prog" >/dev/null
		cp "$tmp/t.trace.zst" "$out/trace/zst-ex1-$a"
		head -c 300 "$tmp/t.trace.zst" >"$out/trace/zst-cut-ex1-$a"
	}

	"$qemu" -d cpu,fpu,exec,nochain -D "$tmp/log" "$prog" >/dev/null
	pcs=$(awk -F'[][/]' '/^Trace/ { print $3; if (++n == 3) exit }' "$tmp/log" | tr '\n' ' ')
	n=$(awk '/^Trace/ && ++n == 4 { print NR - 1; exit }' "$tmp/log")
	{ echo "$a 4096 $pcs"; head -n "$n" "$tmp/log"; } >"$out/qemulog/start-$a"
	{ echo "$a 7 $pcs"; head -n "$n" "$tmp/log"; } >"$out/qemulog/chunked-$a"
	stop=$(grep -n -m1 '^Stopped execution' "$tmp/log" | cut -d: -f1 || true)
	if [ -n "$stop" ]; then
		# the block dumped last, said to be left before it ran
		from=$(awk -v s="$stop" '/^Trace/ && NR < s { t = NR } NR == s { print t; exit }' "$tmp/log")
		pc=$(awk -F'[][/]' -v f="$from" 'NR == f { print $3; exit }' "$tmp/log")
		{ echo "$a 64 0 $pc"; sed -n "${from},$((stop + 1))p" "$tmp/log" |
			sed "/^Stopped/s/\[[0-9a-f]*\]/[$pc]/"; } >"$out/qemulog/stopped-$a"
	fi
done
