#!/bin/sh
# functab.sh NM OBJCOPY PROG: write PROG's function symbols into its
# .functab section (runtime/symtab.c) as "hexaddr name\0", by address.
set -eu
nm=$1 objcopy=$2 prog=$3
size=32768
tab=$prog.functab
"$nm" -n --defined-only "$prog" |
	awk '$2 ~ /^[tTwW]$/ && $3 !~ /^[$.]/ { print $1 " " $3 }' |
	sed 's/^0*\([0-9a-f]\)/\1/' | tr '\n' '\0' >"$tab"
n=$(wc -c <"$tab")
if [ "$n" -ge "$size" ]; then
	echo "functab.sh: $prog: $n bytes of names do not fit in $size" >&2
	rm -f "$tab"
	exit 1
fi
truncate -s "$size" "$tab"
"$objcopy" --update-section .functab="$tab" "$prog"
rm -f "$tab"
