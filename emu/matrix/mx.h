/* crossrt matrix: the jobs of the scenario grid, their verdicts, and the reports on them. */
#ifndef EMU_MX_H
#define EMU_MX_H

#include <stdbool.h>
#include <stdio.h>
#include <sys/types.h>
#include "cmd/ignore.h"
#include "engine/engine.h"
#include "isa/isa.h"

#define MX_MAXARCH NARCH
#define MX_MAXENGINE 3
#define MX_PATH 512

enum mx_kind { MX_RUN, MX_DIFF_ENGINE, MX_DIFF_ARCH, MX_SKIP };
enum mx_verdict { MX_PENDING, MX_PASS, MX_FAIL, MX_XFAIL, MX_XPASS, MX_SKIPPED };

struct mx_scenario {
	char name[64];
	char dir[MX_PATH];	/* where NAME.out and the other files are */
	char prog[MX_PATH];	/* the program, %a standing for the ISA; "" for --bin's or BUILD/ARCH/tests */
	int want_exit;
	int procs[4];
	int nprocs;
	bool nodiff;		/* NAME.nodiff: its traces are not diffed, nor captured */
	char nodiff_reason[256];
	bool vtime;		/* NAME.vtime: its schedule depends on time: traced with preemption on, */
	char vtime_reason[256];	/* and diffed across ISAs only where time is virtual (Unicorn) */
	char *envopts[32];	/* "--env" "NAME=VALUE" pairs */
	int nenv;
	int index;		/* in the whole matrix's list of scenarios: shards keep it */
	char *out;		/* report --merge: the folder holding its traces, else NULL (the matrix's) */
	char ignore[IGNORE_TEXT];	/* NAME.ignore's words, comma-separated: diff --ignore */
};

struct mx_job {
	enum mx_kind kind;
	enum mx_kind skips;	/* MX_SKIP: the diffs it stands for; MX_RUN: all of them */
	int scen;
	int arch;		/* index into the matrix's arches; -1 for arch diffs */
	int engine;		/* index into the matrix's engines; -1 for engine diffs */
	int procs;
	char name[160];		/* "run ex1 ARCH qemu procs=1" */
	bool traced;		/* a run whose trace is diffed */
	bool preempt;		/* traced with sysmon's preemption on (NAME.vtime) */
	char base[MX_PATH];	/* output path without suffix */
	char log[MX_PATH];
	int seed;		/* --repeat: the run's seed, 1..N; 0 for none */
	int tries;		/* runs so far (--retry) */
	pid_t pid;
	double started;
	int code;
	enum mx_verdict verdict;
	char reason[256];	/* xfail reason */
	char detail[768];
	char probe[64];		/* probe at the first divergence, for diffs */
	long first;		/* index of the first divergence, -1 if none */
	char field[64];		/* what diverged there: "role a1", "register x19", "probe" */
	char flaky[300];	/* a run that passed on a retry: why its first run failed */
};

struct matrix {
	const char *arches[MX_MAXARCH];
	int narch;
	enum engine engines[MX_MAXENGINE];
	int nengine;
	int group[MX_MAXENGINE];	/* engines given as alternatives ("native/qemu") share a group */
	int procs_filter[4];
	int nprocs_filter;
	int jobs;
	int timeout;
	const char *out;
	const char *build;
	const char *bin[MX_MAXARCH];	/* per arch: directory holding the scenario programs */
	const char *binpat;		/* the same for every arch, %a standing for its name */
	const char *budget;		/* passed to every run */
	int repeat;			/* each run this many times, seeds 1..N */
	int retry;			/* a failed run is run again up to this many times */
	bool nodiff;			/* no traces, no diffs */
	bool prune;			/* traces of cells that passed are removed at the end */
	const char *scendir;
	const char *xfail;
	const char *mutants;		/* results of the mutant catalogue, shown in the report */
	struct mx_scenario *scen;
	int nscen;
	struct mx_job *job;
	int njob;
	int shard, nshard;		/* --shard I/N: the scenarios whose index is I-1 modulo N; 0/0: all */
	int pass, fail, skip;
};

/* grid.c */
bool mx_engine_applies(const char *arch, enum engine engine);
/* Does engine e (an index) run arch a: it applies there, and no alternative given before it does. */
bool mx_runs(const struct matrix *mx, int arch, int engine);
/* The index of engine among the matrix's, or -1. */
int mx_find_engine(const struct matrix *mx, enum engine engine);
/* arch and engine are indices into the matrix's. */
const char *mx_trace_path(const struct matrix *mx, int scen, int arch, int engine, int procs, char *buf, size_t n);
/* snprintf for messages that may be cut short. */
void mx_fmt(char *buf, size_t n, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* s with what HTML and XML give a meaning escaped, control characters left out. */
void mx_escape(FILE *f, const char *s);

/* paths.c: the programs named (scenarios, FILE.c, folders), built and checked before any run */
int mx_add_programs(struct matrix *mx, int nargs, char **args);
int mx_ready(struct matrix *mx);
void mx_prog_path(const struct matrix *mx, const struct mx_scenario *s, const char *arch, char *prog);

/* matrix_exec.c, matrix_check.c */
int mx_run_jobs(struct matrix *mx, enum mx_kind kind);
/* 0, or -1 with a message on stderr when a file beside NAME.c is malformed. */
int mx_load_scenario(const char *scendir, struct mx_scenario *s, const char *name);
void mx_free_scenario(struct mx_scenario *s);
void mx_expect(const char *scendir, const struct mx_scenario *s, int code, const char *out, const char *err,
	       char *why, size_t n);
void mx_check_run(struct matrix *mx, struct mx_job *j);
void mx_check_diff(struct matrix *mx, struct mx_job *j);
bool mx_should_retry(const struct matrix *mx, const struct mx_job *j);

/* shard.c, results.c */
int mx_parse_shard(struct matrix *mx, const char *arg);
void mx_shard(struct matrix *mx);
int mx_write_results(const struct matrix *mx, const char *path);
/* Add the scenarios and jobs of a results file to mx (arches and engines set, or set here and checked). */
int mx_read_results(struct matrix *mx, const char *path, const char *dir, char *err, size_t n);

/* matrix.c: the verdicts counted, summed up, written as results.tsv, JUnit and HTML; the exit status. */
int mx_report(struct matrix *mx);

/* matrix_summary.c, junit.c, report.c */
char mx_cell(const struct matrix *mx, int s, enum mx_kind kind, int a, int e);
void mx_print_summary(const struct matrix *mx);
int mx_write_junit(const struct matrix *mx, const char *path);
int mx_write_html(const struct matrix *mx, const char *path);

#endif
