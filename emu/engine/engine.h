/* The engines that run a guest program and capture probe hits from outside it. */
#ifndef EMU_ENGINE_H
#define EMU_ENGINE_H

#include <stdint.h>
#include <stdbool.h>
#include "core/elfimage.h"
#include "core/event.h"
#include "core/hit.h"
#include "core/probes.h"
#include "core/util.h"

/* Exit statuses of `crossrt run` for the ends that are not the guest's own exit. */
#define EXIT_ENGINE_ERROR	125	/* bad input, engine failure */
#define EXIT_BUDGET		124	/* instruction budget or wall-clock limit reached */
#define EXIT_GUEST_FAULT	123	/* the guest faulted with no handler */

#define RECORD_FD 3	/* the runtime writes its record (record.c) to this fd */

enum engine { ENGINE_QEMU, ENGINE_UNICORN, ENGINE_NATIVE, NENGINE };

extern const char *const engine_names[NENGINE];	/* "qemu", "unicorn", "native" */
extern const char *const engine_facts[NENGINE];	/* space-separated fact keys */
/* The engine of that name, or -1. */
int engine_parse(const char *name);

struct run_opts {
	const struct archdesc *arch;
	enum engine engine;
	int procs;
	uint64_t seed;
	uint64_t budget;		/* guest instructions, 0 = default */
	int timeout_s;			/* wall-clock limit */
	uint64_t inject_fault;		/* Unicorn: the first memory access at or after this instruction faults, 0 = none */
	bool inject_nil;		/* ... with si_addr as if the access's base pointer were nil */
	const char *prog;
	int argc;			/* guest argv, argv[0] = prog */
	char **argv;
	const char *const *envp;	/* guest environment, NULL-terminated */
};

struct run_result {
	int exit_status;		/* the guest's, or EXIT_* */
	bool insns_known;
	uint64_t insns;
	char reason[128];		/* "exit", "budget", "timeout", "fault: ...", "error: ..." */
	bool tls_in_regs;		/* the raw registers include the TLS register */
	bool g_from_memory;		/* hits carry HIT_G / HIT_GOID */
	struct eventlog events;		/* for the trace, which writes them after the records */
};

/*
 * Run the program, append every probe hit in execution order to hits and
 * everything the guest wrote to RECORD_FD to records.  Returns 0 when the
 * guest ran (whatever its exit status), -1 with res->reason on an engine error.
 */
typedef int engine_fn(const struct run_opts *o, const struct elfimage *img,
		      const struct probeset *ps, struct hitlog *hits,
		      struct strbuf *records, struct run_result *res);

engine_fn engine_qemu_run;
engine_fn engine_unicorn_run;
engine_fn engine_native_run;
/* The native engine runs programs of this ISA on this host. */
bool native_applies(const struct archdesc *a);

#endif
