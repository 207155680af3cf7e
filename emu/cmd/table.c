/* Traces side by side at one hit each (table.h). */
#include <stdio.h>
#include <string.h>
#include "cmd/table.h"
#include "trace/state.h"

/* The state keys, in the order of their rows. */
static const char *const state_keys[] = { "defer", "panic", "type", "value", "resume", "wait" };

static const struct trace_rec *rec_at(struct trace *const *t, const size_t *at, int k)
{
	return at[k] != TABLE_NONE && at[k] < t[k]->n ? &t[k]->recs[at[k]] : NULL;
}

static void print_roles(struct trace *const *t, int n, const size_t *at)
{
	char cell[80];

	for (int role = 0; role < NROLES; role++) {
		bool any = false;
		for (int k = 0; k < n; k++) {
			const struct trace_rec *r = rec_at(t, at, k);
			any |= r && (r->role_known & (1u << role));
		}
		if (!any)
			continue;
		printf("%-6s", role_names[role]);
		for (int k = 0; k < n; k++) {
			const struct trace_rec *r = rec_at(t, at, k);
			if (r && (r->role_known & (1u << role)))
				snprintf(cell, sizeof cell, "%-14llx %s", (unsigned long long)r->role[role],
					 r->norm[role]);
			else
				snprintf(cell, sizeof cell, "-");
			printf(" | %-40.40s", cell);
		}
		printf("\n");
	}
}

static void print_state(struct trace *const *t, int n, const size_t *at)
{
	char cell[STATELEN];

	for (size_t i = 0; i < sizeof state_keys / sizeof state_keys[0]; i++) {
		bool any = false;
		for (int k = 0; k < n; k++) {
			const struct trace_rec *r = rec_at(t, at, k);
			any |= r && state_get(r->state, state_keys[i], true, cell, sizeof cell);
		}
		if (!any)
			continue;
		printf("%-6s", state_keys[i]);
		for (int k = 0; k < n; k++) {
			const struct trace_rec *r = rec_at(t, at, k);
			if (!r || !state_get(r->state, state_keys[i], true, cell, sizeof cell))
				snprintf(cell, sizeof cell, "-");
			printf(" | %-40.40s", cell);
		}
		printf("\n");
	}
}

static void print_raw(struct trace *const *t, int n, const size_t *at)
{
	char cell[80];
	int maxregs = 0;

	printf("\nraw registers\n");
	for (int k = 0; k < n; k++)
		if (t[k]->arch->nregs > maxregs)
			maxregs = t[k]->arch->nregs;
	for (int i = 0; i < maxregs; i++) {
		printf("      ");
		for (int k = 0; k < n; k++) {
			const struct archdesc *ar = t[k]->arch;
			const struct trace_rec *r = rec_at(t, at, k);
			if (i < ar->nregs && r)
				snprintf(cell, sizeof cell, "%-9s %llx", ar->regnames[i], (unsigned long long)r->regs[i]);
			else
				cell[0] = 0;
			printf(" | %-40s", cell);
		}
		printf("\n");
	}
}

const char *table_mname(int64_t m, char *buf, size_t n)
{
	if (m < 0)
		snprintf(buf, n, "m?");
	else
		snprintf(buf, n, "m#%lld", (long long)m);
	return buf;
}

const char *table_gname(int64_t g, char *buf, size_t n)
{
	if (g < 0)
		snprintf(buf, n, "g?");
	else if (g == 0)
		snprintf(buf, n, "g0");
	else
		snprintf(buf, n, "g#%lld", (long long)g);
	return buf;
}

void table_print(struct trace *const *t, int n, const size_t *at, const char *const *label, bool raw)
{
	printf("\n%-6s", "role");
	for (int k = 0; k < n; k++)
		printf(" | %-40s", label[k]);
	printf("\n");
	print_roles(t, n, at);
	print_state(t, n, at);
	if (raw)
		print_raw(t, n, at);
}
