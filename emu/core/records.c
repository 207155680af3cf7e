/* Parse the runtime's record lines. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/records.h"
#include "core/util.h"

static int field(const char *line, const char *key, uint64_t *v)
{
	char pat[16];
	const char *p;
	char *end;

	snprintf(pat, sizeof pat, " %s=", key);
	p = strstr(line, pat);
	if (!p)
		return -1;
	p += strlen(pat);
	*v = strtoull(p, &end, 0);
	return end == p || (*end != ' ' && *end != '\n' && *end != 0) ? -1 : 0;
}

const char *const rec_kind_names[NRECKINDS] = {
	[RK_P] = "p", [RK_CHAN] = "chan", [RK_SUDOG] = "sudog", [RK_DEFER] = "defer",
};

static int kind_of(const char *line)
{
	for (int k = 0; k < NRECKINDS; k++) {
		size_t n = strlen(rec_kind_names[k]);
		if (!strncmp(line, rec_kind_names[k], n) && line[n] == ' ')
			return k;
	}
	return -1;
}

static int parse_obj(const char *line, int kind, struct records *r)
{
	struct rec_obj o = { .kind = kind };
	uint64_t id;

	if (field(line, "id", &id) | field(line, "addr", &o.addr))
		return -1;
	if (strstr(line, " size=") && field(line, "size", &o.size))
		return -1;
	o.id = (int64_t)id;
	r->obj = xreallocarray(r->obj, (size_t)r->nobj + 1, sizeof o);
	r->obj[r->nobj++] = o;
	return 0;
}

/* val= is the last field and holds the rest of the line, spaces and all. */
static int parse_state(const char *text, struct records *r)
{
	struct rec_state st;
	uint64_t g, seq, d, p;
	const char *val = strstr(text, " val=");
	char line[512];

	/* the other fields are looked for before val, never in its text */
	snprintf(line, sizeof line, "%.*s", val ? (int)(val - text) : (int)strlen(text), text);
	memset(&st, 0, sizeof st);
	if (field(line, "g", &g) | field(line, "seq", &seq) | field(line, "defer", &d) | field(line, "panic", &p))
		return -1;
	if (strstr(line, " resume=") && field(line, "resume", &st.resume))
		return -1;
	if (val && strncmp(val + 5, "int:", 4) && strncmp(val + 5, "str:", 4))
		return -1;
	if (val)
		snprintf(st.val, sizeof st.val, "%s", val + 5);
	st.g = (int64_t)g;
	st.seq = (int64_t)seq;
	st.defer = (int64_t)d;
	st.panic = (int64_t)p;
	r->state = xreallocarray(r->state, (size_t)r->nstate + 1, sizeof st);
	r->state[r->nstate++] = st;
	return 0;
}

static int u64_cmp(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

/* Sorted and distinct, for records_is_time. */
static void sort_times(struct records *r)
{
	size_t n = 0;

	if (!r->ntime)
		return;
	qsort(r->time, r->ntime, sizeof *r->time, u64_cmp);
	for (size_t i = 0; i < r->ntime; i++)
		if (n == 0 || r->time[n - 1] != r->time[i])
			r->time[n++] = r->time[i];
	r->ntime = n;
	r->high = xreallocarray(NULL, n, sizeof *r->high);
	for (size_t i = 0; i < n; i++)
		if ((r->time[i] >> 32) && (r->nhigh == 0 || r->high[r->nhigh - 1] != r->time[i] >> 32))
			r->high[r->nhigh++] = r->time[i] >> 32;
}

int records_is_time(const struct records *r, uint64_t v)
{
	return r->ntime && bsearch(&v, r->time, r->ntime, sizeof v, u64_cmp) != NULL;
}

int records_is_time_high(const struct records *r, uint64_t v)
{
	uint64_t hi = v >> 32;

	return hi && r->nhigh && bsearch(&hi, r->high, r->nhigh, sizeof hi, u64_cmp) != NULL;
}

int records_parse(const char *text, size_t n, struct records *r, char *err, size_t errlen)
{
	size_t i = 0;
	int lineno = 0;

	memset(r, 0, sizeof *r);
	while (i < n) {
		const char *nl = memchr(text + i, '\n', n - i);
		size_t len = nl ? (size_t)(nl - (text + i)) : n - i;
		char line[512];
		uint64_t id = 0;
		int bad = 0;

		lineno++;
		if (len >= sizeof line) {
			snprintf(err, errlen, "runtime record line %d too long", lineno);
			records_free(r);
			return -1;
		}
		memcpy(line, text + i, len);
		line[len] = 0;
		i += len + 1;
		if (len == 0)
			continue;
		if (line[0] == 'm' && line[1] == ' ') {
			struct rec_m m;
			bad = field(line, "id", &id) | field(line, "addr", &m.addr) | field(line, "tls", &m.tls) |
			      field(line, "g0", &m.g0) | field(line, "lo", &m.lo) | field(line, "hi", &m.hi);
			m.id = (int64_t)id;
			if (!bad) {
				r->m = xreallocarray(r->m, (size_t)r->nm + 1, sizeof m);
				r->m[r->nm++] = m;
			}
		} else if (line[0] == 'g' && line[1] == ' ') {
			struct rec_g g;
			bad = field(line, "id", &id) | field(line, "addr", &g.addr) | field(line, "lo", &g.lo) |
			      field(line, "hi", &g.hi);
			g.id = (int64_t)id;
			if (!bad) {
				r->g = xreallocarray(r->g, (size_t)r->ng + 1, sizeof g);
				r->g[r->ng++] = g;
			}
		} else if (!strncmp(line, "state ", 6)) {
			bad = parse_state(line, r);
		} else if (kind_of(line) >= 0) {
			bad = parse_obj(line, kind_of(line), r);
		} else if (!strncmp(line, "time ", 5)) {
			uint64_t v;
			bad = field(line, "v", &v);
			/* doubled at 16, 32, ...: a long run reads the clock often */
			if (!bad && (r->ntime == 0 || (r->ntime >= 16 && !(r->ntime & (r->ntime - 1)))))
				r->time = xreallocarray(r->time, r->ntime ? 2 * r->ntime : 16, sizeof v);
			if (!bad)
				r->time[r->ntime++] = v;
		} else {
			bad = 1;
		}
		if (bad) {
			snprintf(err, errlen, "malformed runtime record line %d: %.60s", lineno, line);
			records_free(r);
			return -1;
		}
	}
	sort_times(r);
	return 0;
}

void records_free(struct records *r)
{
	free(r->m);
	free(r->g);
	free(r->obj);
	free(r->state);
	free(r->time);
	free(r->high);
	memset(r, 0, sizeof *r);
}
