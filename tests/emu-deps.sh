#!/bin/sh
# emu-deps.sh [OBJDIR]: emu/'s dependencies run one way.
#
# A unit is a file without its suffix (trace/json = json.c and json.h: a
# header is its source's interface).  Unit A depends on unit B when a file
# of A includes a file of B (#include "...", resolved as -iquote emu does)
# or when A's object uses a symbol that B's object defines (nm, OBJDIR as
# `make host` leaves it, default build/host/obj).  The graph of units and
# the graph of their folders (emu/ itself is "emu") must have no cycle.
# Also: at most 8 .c files at emu/'s top, no source over 800 lines.
set -u
objdir=${1:-build/host/obj}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0

unit() { # emu/isa/isa.c -> isa/isa
	u=${1#emu/}
	echo "${u%.*}"
}

# include edges
find emu -name '*.[ch]' | sort > "$tmp/files"
while read -r f; do
	dir=$(dirname "$f")
	sed -n 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*"\([^"]*\)".*/\1/p' "$f" | while read -r inc; do
		if [ -f "$dir/$inc" ]; then
			to="$dir/$inc"
		elif [ -f "emu/$inc" ]; then
			to="emu/$inc"
		else
			continue	# runtime/layout.h and the like
		fi
		echo "$(unit "$f") $(unit "$to") include"
	done
done < "$tmp/files" > "$tmp/edges"

# symbol edges
: > "$tmp/defs"
: > "$tmp/uses"
for c in $(grep '\.c$' "$tmp/files"); do
	u=$(unit "$c")
	o="$objdir/$u.o"
	if [ ! -f "$o" ] || [ "$o" -ot "$c" ]; then
		echo "emu-deps: $o missing or older than $c: build the host tools first" >&2
		exit 2
	fi
	nm -P -g --defined-only "$o" | awk -v u="$u" '$2 !~ /^[wWvVU]$/ { print $1, u }' >> "$tmp/defs"
	nm -P -u "$o" | awk -v u="$u" '{ print u, $1 }' >> "$tmp/uses"
done
awk 'NR == FNR { if ($1 in def && def[$1] != $2) dup[$1] = 1; def[$1] = $2; next }
     ($2 in def) { print $1, def[$2], "call:" $2 }
     END { for (s in dup) print "emu-deps: " s " defined twice" > "/dev/stderr" }' \
	"$tmp/defs" "$tmp/uses" >> "$tmp/edges"

# cycles: tsort names the units of each loop it finds
check() { # name, edges "from to why" without self-edges
	awk '$1 != $2 { print $1, $2 }' "$2" | sort -u > "$tmp/pairs"
	if ! tsort "$tmp/pairs" > "$tmp/order" 2> "$tmp/loops"; then
		echo "emu-deps: $1 dependencies have a cycle:" >&2
		sed 's/^tsort: /  /' "$tmp/loops" | grep -v 'input contains a loop' >&2
		echo "  edges among them (from to why):" >&2
		sed 's/^tsort: //' "$tmp/loops" | grep -v 'input contains a loop' | sort -u > "$tmp/inloop"
		awk 'NR == FNR { in_[$1] = 1; next } ($1 in in_) && ($2 in in_) && $1 != $2' \
			"$tmp/inloop" "$2" | sort -u | sed 's/^/    /' >&2
		fail=1
	fi
}
check file "$tmp/edges"
awk '{ for (i = 1; i <= 2; i++) { n = split($i, p, "/"); $i = n > 1 ? p[1] : "emu" } print }' \
	"$tmp/edges" > "$tmp/fedges"
check folder "$tmp/fedges"
folders=$(awk '$1 != $2 { print $1, $2 }' "$tmp/fedges" | sort -u | tsort 2>/dev/null | tr '\n' ' ')

# sizes
top=$(ls emu/*.c 2>/dev/null | wc -l)
if [ "$top" -gt 8 ]; then
	echo "emu-deps: $top .c files at emu/'s top (at most 8: the rest go in module folders)" >&2
	fail=1
fi
while read -r f; do
	n=$(wc -l < "$f")
	if [ "$n" -gt 800 ]; then
		echo "emu-deps: $f has $n lines (at most 800)" >&2
		fail=1
	fi
done < "$tmp/files"

if [ $fail = 0 ]; then
	echo "emu-deps: $(wc -l < "$tmp/files") files, $(sort -u "$tmp/pairs" | wc -l) folder edges, no cycles;" \
		"folders, users first: $folders"
fi
exit $fail
