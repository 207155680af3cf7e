#!/bin/sh
# The HTML report renders in a real browser (headless Chromium):
# - a screenshot of the whole page holds far more than one of an empty page;
# - a screenshot of the link to one scenario (index.html#s-ex1) is not blank:
#   more than 3% of its pixels are not the background (counted by Chromium
#   itself, from the screenshot given to a canvas);
# - that scenario, after the page's script ran, has a timeline with a
#   legend and a time axis with ticks, and a register table with an
#   instruction disassembled at pc; zooming in (the "+" button) halves the
#   span shown and redraws the ticks.
# Usage: render.sh REPORT.html [SHOT.png]
set -u
html=$(realpath "$1")
shot=${2:-$(dirname "$html")/screenshot.png}
anchor=$(dirname "$shot")/anchor-s-ex1.png
blank=$(dirname "$shot")/blank.png
dir=$(mktemp -d)
printf '<!DOCTYPE html><html><body></body></html>\n' >"$dir/blank.html"
fail=0

chrome() {	# args...: a headless Chromium with a profile of its own
	profile=$(mktemp -d)
	timeout 120 chromium --headless --no-sandbox --disable-gpu --no-first-run --hide-scrollbars \
		--disable-background-networking --disable-component-update --disable-sync \
		--user-data-dir="$profile" "$@" 2>/dev/null
	rc=$?
	rm -rf "$profile"
	return $rc
}

screenshot() {	# url png
	chrome --screenshot="$2" --window-size=1400,1000 "$1" >/dev/null
	[ -s "$2" ]
}

dom() {	# url: the page after its scripts ran
	chrome --virtual-time-budget=5000 --dump-dom "$1"
}

# The pixels of a PNG that are not near white, per thousand.
ink() {
	{
		printf '<!DOCTYPE html><html><body><img id="i" src="data:image/png;base64,'
		base64 -w0 "$1"
		printf '"><pre id="out">none</pre><script>window.onload=function(){var i=document.getElementById("i"),'
		printf 'c=document.createElement("canvas");c.width=i.naturalWidth;c.height=i.naturalHeight;'
		printf 'var x=c.getContext("2d");x.drawImage(i,0,0);var d=x.getImageData(0,0,c.width,c.height).data,n=0;'
		printf 'for(var k=0;k<d.length;k+=4)if(d[k]<235||d[k+1]<235||d[k+2]<235)n++;'
		printf 'document.getElementById("out").textContent="ink "+Math.round(1000*n/(c.width*c.height));};</script></body></html>\n'
	} >"$dir/ink.html"
	dom "file://$dir/ink.html" | sed -n 's/.*<pre id="out">ink \([0-9]*\)<.*/\1/p'
}

check() {	# what test...
	what=$1
	shift
	if "$@"; then
		echo "render: $what"
	else
		echo "render: FAIL: $what"
		fail=1
	fi
}

if ! command -v chromium >/dev/null; then
	echo "render: chromium is not installed (make deps)"
	exit 1
fi
if ! screenshot "file://$dir/blank.html" "$blank" || ! screenshot "file://$html" "$shot" ||
	! screenshot "file://$html#s-ex1" "$anchor"; then
	echo "render: chromium made no screenshot"
	rm -rf "$dir"
	exit 1
fi
b=$(wc -c <"$blank") r=$(wc -c <"$shot")
check "$shot is $r bytes, an empty page $b" test "$r" -gt $((b * 4))
a=$(ink "$anchor")
check "$anchor: ${a:-?} per thousand of its pixels are not the background" test "${a:-0}" -gt 30

# ex1's section of the page as the browser has it, zoomed in once by its own button.
sed 's|</body>|<script>var s=document.querySelector("#s-ex1 svg.tl"),w0=s.dataset.x1-s.dataset.x0;s.previousElementSibling.querySelector("button").click();document.body.insertAdjacentHTML("beforeend","<pre id=zoom>"+w0+" "+(s.dataset.x1-s.dataset.x0)+" "+s.querySelectorAll(".ticks text").length+"</pre>");</script></body>|' \
	"$html" >"$(dirname "$html")/.render-zoom.html"
dom "file://$(dirname "$html")/.render-zoom.html" >"$dir/dom.html"
rm -f "$(dirname "$html")/.render-zoom.html"
sed -n '/<section id="s-ex1">/,/<\/section>/p' "$dir/dom.html" >"$dir/ex1.html"
check "ex1 has a legend naming its goroutines" grep -q 'class="legend".*g#1' "$dir/ex1.html"
check "ex1's timeline has an axis with ticks" \
	test "$(grep -o '<g class="ticks">.*</g>' "$dir/ex1.html" | grep -o '<text' | wc -l)" -ge 3
check "ex1's register tables show the instruction at pc" \
	grep -q '<td class="m insn">[a-z][a-z0-9.]* [^<]*</td>' "$dir/ex1.html"
set -- $(sed -n 's/.*<pre id="zoom">\([0-9]*\) \([0-9]*\) \([0-9]*\)<.*/\1 \2 \3/p' "$dir/dom.html")
check "zoom: + shows ${2:-?} of ${1:-?} with ${3:-?} ticks" \
	test "${1:-0}" -gt 0 -a "$((${2:-0} * 2 - ${1:-0}))" -le 2 -a "$((${2:-0} * 2 - ${1:-0}))" -ge -2 -a "${3:-0}" -ge 3
rm -rf "$dir"
exit $fail
