/* Ignore lists for diffs: parsing, checking against the ISAs' names, matching. */
#include <stdio.h>
#include <string.h>
#include "cmd/ignore.h"
#include "isa/isa.h"

static bool known_name(const char *isa, const char *name)
{
	for (int r = 0; r < NROLES; r++)
		if (!strcmp(role_names[r], name))
			return true;
	for (int k = 0; arch_byid(k); k++) {
		const struct archdesc *a = arch_byid(k);
		if (isa[0] && strcmp(isa, a->name))
			continue;
		for (int i = 0; i < a->nregs; i++)
			if (!strcmp(a->regnames[i], name))
				return true;
	}
	return false;
}

static int bad(char *err, size_t errlen, const char *why, const char *word)
{
	snprintf(err, errlen, "%s: '%s'", why, word);
	return -1;
}

/* One word: [ISA:]NAME[@PROBE]. */
static int parse_word(const char *word, struct ignoreword *w, char *err, size_t errlen)
{
	const char *colon = strchr(word, ':'), *at = strchr(word, '@');
	const char *name = colon ? colon + 1 : word;
	size_t nlen = at ? (size_t)(at - name) : strlen(name);

	memset(w, 0, sizeof *w);
	if ((at && colon > at) || (colon && (size_t)(colon - word) >= sizeof w->isa))
		return bad(err, errlen, "bad ignore word (ISA:NAME@PROBE)", word);
	if (colon) {
		memcpy(w->isa, word, (size_t)(colon - word));
		if (!arch_byname(w->isa))
			return bad(err, errlen, "unknown ISA in ignore word", word);
		snprintf(w->isa, sizeof w->isa, "%s", arch_byname(w->isa)->name);
	}
	if (nlen == 0 || nlen >= sizeof w->name || (at && (!at[1] || strlen(at + 1) >= sizeof w->probe)))
		return bad(err, errlen, "bad ignore word (ISA:NAME@PROBE)", word);
	memcpy(w->name, name, nlen);
	if (at)
		snprintf(w->probe, sizeof w->probe, "%s", at + 1);
	if (!known_name(w->isa, w->name))
		return bad(err, errlen, "not a register or role", word);
	return 0;
}

int ignore_parse(const char *text, struct ignorelist *l, char *err, size_t errlen)
{
	char word[96];
	const char *p = text;

	memset(l, 0, sizeof *l);
	if (strlen(text) >= sizeof l->text)
		return bad(err, errlen, "ignore list too long", "...");
	snprintf(l->text, sizeof l->text, "%s", text);
	while (*p) {
		size_t len = strcspn(p, ", \t\n");
		if (len >= sizeof word)
			return bad(err, errlen, "ignore word too long", "...");
		if (len) {
			if (l->n == IGNORE_MAX)
				return bad(err, errlen, "too many ignore words", text);
			memcpy(word, p, len);
			word[len] = 0;
			if (parse_word(word, &l->w[l->n], err, errlen) != 0)
				return -1;
			l->any_probe |= l->w[l->n].probe[0] != 0;
			l->n++;
		}
		p += len;
		p += *p != 0;
	}
	return 0;
}

bool ignore_has(const struct ignorelist *l, const char *isa, const char *name, const char *probe)
{
	for (int i = 0; i < l->n; i++) {
		const struct ignoreword *w = &l->w[i];
		if (strcmp(w->name, name) || (w->isa[0] && strcmp(w->isa, isa)))
			continue;
		if (!w->probe[0] || (probe && !strcmp(w->probe, probe)))
			return true;
	}
	return false;
}
