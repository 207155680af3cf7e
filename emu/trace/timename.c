/*
 * Time values named.  Under qemu and natively the clock is the host's,
 * under Unicorn it is virtual (from the instruction count), so a register
 * holding now at a probe differs between engines and, across ISAs, a role
 * holding it differs between runs.  The runtime records every value it
 * hands out as a clock reading (nanotime) and every deadline it sets (a
 * timer's when); a raw value equal to one of its own run's is `time`.
 * The diffs take two `time`s as equal: each side's value is checked to be
 * time of its own run, not that the two are the same time.  Values the
 * program derives itself (now + d, a duration) are not recorded and stay
 * raw; a diff ignores them only when told (--ignore, NAME.ignore).
 */
#include <stdio.h>
#include <string.h>
#include "trace/timename.h"

_Static_assert(MAXREGS <= 64, "timeregs is a 64-bit mask");

void time_name_hit(const struct records *rec, const struct archdesc *a, struct trace_rec *r)
{
	r->timeregs = 0;
	if (!rec->ntime)
		return;
	for (int i = 0; i < a->nregs; i++)
		if (records_is_time(rec, r->regs[i]))
			r->timeregs |= 1ull << i;
	/* a role already named (a symbol, a stack, an object) keeps its name */
	for (int role = 0; role < NROLES; role++)
		if ((r->role_known & (1u << role)) && !strncmp(r->norm[role], "0x", 2) &&
		    records_is_time(rec, r->role[role]))
			r->norm[role] = "time";
}

void time_regs_format(const struct archdesc *a, uint64_t mask, char *out, size_t n)
{
	size_t len = 0;

	out[0] = 0;
	for (int i = 0; i < a->nregs && len < n; i++)
		if (mask & (1ull << i))
			len += (size_t)snprintf(out + len, n - len, "%s%s", len ? "," : "", a->regnames[i]);
}

int time_regs_parse(const struct archdesc *a, const char *list, uint64_t *mask)
{
	const char *p = list;

	*mask = 0;
	while (*p) {
		size_t len = strcspn(p, ",");
		int i;

		for (i = 0; i < a->nregs; i++)
			if (strlen(a->regnames[i]) == len && !strncmp(a->regnames[i], p, len))
				break;
		if (i == a->nregs)
			return -1;
		*mask |= 1ull << i;
		p += len + (p[len] == ',');
	}
	return 0;
}
