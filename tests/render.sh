#!/bin/sh
# The HTML report renders in a real browser: a headless Chromium screenshot
# of it must hold far more than a screenshot of an empty page.
# Usage: render.sh REPORT.html [SHOT.png]
set -u
html=$(realpath "$1")
shot=${2:-$(dirname "$html")/screenshot.png}
blank=$(dirname "$shot")/blank.png
dir=$(mktemp -d)
printf '<!DOCTYPE html><html><body></body></html>\n' >"$dir/blank.html"

screenshot() {	# url png
	profile=$(mktemp -d)
	timeout 120 chromium --headless --no-sandbox --disable-gpu --no-first-run \
		--disable-background-networking --disable-component-update --disable-sync \
		--user-data-dir="$profile" --screenshot="$2" --window-size=1400,1000 "$1" >/dev/null 2>&1
	rm -rf "$profile"
	[ -s "$2" ]
}

status=1
if ! command -v chromium >/dev/null; then
	echo "render: chromium is not installed (make deps)"
elif ! screenshot "file://$dir/blank.html" "$blank" || ! screenshot "file://$html" "$shot"; then
	echo "render: chromium made no screenshot"
else
	b=$(wc -c <"$blank") r=$(wc -c <"$shot")
	if [ "$r" -gt $((b * 4)) ]; then
		echo "render: $shot is $r bytes, an empty page $b"; status=0
	else
		echo "render: $shot looks blank ($r bytes, an empty page $b)"
	fi
fi
rm -rf "$dir"
exit $status
