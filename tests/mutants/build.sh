#!/bin/sh
# make mutants: build each mutant of tests/mutants/catalogue into
# build/mutants/NAME/: a copy of its arch folder (or of runtime/) with
# NAME.sed applied, built with the rest of the real tree into
# build/mutants/NAME/ARCH/tests/ (only the scenarios the mutant runs).  The real tree is never modified.
# Usage: build.sh [NAME...]   (default: every mutant)
set -u
. tests/lib.sh
top=$(pwd)
M=$top/$B/mutants
cat=tests/mutants/catalogue

build_one() {	# name arch file scenarios
	name=$1 arch=$2 file=$3 scens=$4
	src=$M/$name/src
	# a file of the arch folder, or runtime/FILE: the backend contract's shared part
	case $file in
	runtime/*) dir=runtime ;;
	*) dir=arch-$arch file=arch-$arch/$file ;;
	esac
	rm -rf "$src" && mkdir -p "$src" || return 1
	for d in *; do
		[ "$d" = "$dir" ] || [ "$d" = "$B" ] || ln -s "$top/$d" "$src/$d"
	done
	cp -r "$top/$dir" "$src/$dir"
	sed -i -f "tests/mutants/$name.sed" "$src/$file"
	if cmp -s "$top/$file" "$src/$file"; then
		echo "mutant $name: $name.sed does not change $file" >&2
		return 1
	fi
	progs=$(echo "$scens" | tr ',' '\n' | sed "s|^|$M/$name/$arch/tests/|")
	make --no-print-directory -s -C "$src" B="$M/$name" ARCH="$arch" $progs >"$M/$name/build.log" 2>&1 || {
		echo "mutant $name: build failed, see $M/$name/build.log" >&2
		return 1
	}
}

jobentry "$@"
mkdir -p "$M"
grep -v '^#' "$cat" | grep -v '^$' | while read -r name arch file engine scens expect rest; do
	if [ $# -gt 0 ]; then
		case " $* " in *" $name "*) ;; *) continue ;; esac
	fi
	printf '%s\t%s\t%s\t%s\n' "$name" "$arch" "$file" "$scens"
done | parallel build_one
