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
 *
 * On s390x a 32-bit operation writes only a register's low word: a
 * callee-saved register that held a clock reading keeps its high word
 * under a small number (r13 = 0x1359_00000002).  There a register whose
 * high word is a time value's is marked too, and compared by its low word.
 */
#include <stdio.h>
#include <string.h>
#include "trace/timename.h"

_Static_assert(MAXREGS <= 64, "timeregs is a 64-bit mask");

void time_name_hit(const struct records *rec, const struct archdesc *a, struct trace_rec *r)
{
	r->timeregs = r->timehigh = 0;
	if (!rec->ntime)
		return;
	for (int i = 0; i < a->nregs; i++)
		if (records_is_time(rec, r->regs[i]))
			r->timeregs |= 1ull << i;
		else if (a->high_word_kept && records_is_time_high(rec, r->regs[i]))
			r->timehigh |= 1ull << i;
	/* a role already named (a symbol, a stack, an object) keeps its name */
	for (int role = 0; role < NROLES; role++)
		if ((r->role_known & (1u << role)) && !strncmp(r->norm[role], "0x", 2) &&
		    records_is_time(rec, r->role[role]))
			r->norm[role] = "time";
}

bool time_regs_agree(const struct trace_rec *x, const struct trace_rec *y, int i)
{
	uint64_t bit = 1ull << i;

	if (x->timeregs & y->timeregs & bit)
		return true;
	return ((x->timeregs | x->timehigh) & (y->timeregs | y->timehigh) & bit) &&
	       (uint32_t)x->regs[i] == (uint32_t)y->regs[i];
}

void time_regs_format(const struct archdesc *a, const struct trace_rec *r, char *out, size_t n)
{
	size_t len = 0;

	out[0] = 0;
	for (int i = 0; i < a->nregs && len < n; i++)
		if ((r->timeregs | r->timehigh) & (1ull << i))
			len += (size_t)snprintf(out + len, n - len, "%s%s%s", len ? "," : "", a->regnames[i],
						 (r->timehigh & (1ull << i)) ? ".hi" : "");
}

int time_regs_parse(const struct archdesc *a, const char *list, uint64_t *full, uint64_t *high)
{
	const char *p = list;

	*full = *high = 0;
	while (*p) {
		size_t len = strcspn(p, ","), nlen = len;
		bool hi = len > 3 && !strncmp(p + len - 3, ".hi", 3);
		int i;

		nlen -= hi ? 3 : 0;
		for (i = 0; i < a->nregs; i++)
			if (strlen(a->regnames[i]) == nlen && !strncmp(a->regnames[i], p, nlen))
				break;
		if (i == a->nregs)
			return -1;
		*(hi ? high : full) |= 1ull << i;
		p += len + (p[len] == ',');
	}
	return 0;
}
