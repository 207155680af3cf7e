/*
 * The ELF loader (elf.c) on arbitrary bytes; an image it accepts goes on to
 * symbol lookup, probe resolution, the qemu engine's block-start check
 * (qemu_blocks.c) and the Unicorn engine's loader (uc_load.c).  A Unicorn
 * engine costs some 15 ms to open, so only one image in 32, picked by a
 * hash of its bytes, is loaded into one.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "core/elfimage.h"
#include "core/probes.h"
#include "qemu/qemu.h"
#include "unicorn/uc.h"

static uint32_t fnv1a(const uint8_t *p, size_t n)
{
	uint32_t h = 2166136261u;

	while (n--)
		h = (h ^ *p++) * 16777619u;
	return h;
}

static void lookups(const struct elfimage *img)
{
	for (int i = 0; i < img->nsym && i < 64; i++) {
		const struct elfsym *s = &img->syms[i];
		elf_sym_lookup(img, s->addr);
		elf_sym_lookup(img, s->addr + s->size);
		elf_sym_lookup(img, s->addr - 1);
		elf_sym_byname(img, s->name);
	}
	elf_sym_lookup(img, img->entry);
	elf_sym_lookup(img, UINT64_MAX);
}

static void uc_load(const struct elfimage *img, const struct probeset *ps)
{
	static char *argv[] = { "prog", NULL };
	static const char *const envp[] = { "A=1", NULL };
	const struct run_opts o = { .arch = img->arch, .engine = ENGINE_UNICORN, .procs = 1, .prog = "prog",
				    .argc = 1, .argv = argv, .envp = envp };
	struct ucrun *r = calloc(1, sizeof *r);
	char err[96];

	if (!r)
		abort();
	r->arch = img->arch;
	r->ua = ucarch_get(img->arch->id);
	r->o = &o, r->img = img, r->ps = ps;
	if (r->ua && uc_open(r->ua->arch, r->ua->mode, &r->uc) == UC_ERR_OK) {
		load_program(r, err, sizeof err);
		uc_close(r->uc);
	}
	vm_free_all(r);
	free(r);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct elfimage img;
	struct probeset ps;
	char err[256], names[256];

	if (elf_load_mem(data, size, &img, err, sizeof err) < 0)
		return 0;
	lookups(&img);
	if (probes_resolve(&img, &ps, err, sizeof err) == 0)
		qemu_probes_inside_blocks(&img, &ps, names, sizeof names);
	else
		ps.n = 0;
	if (fnv1a(data, size) % 32 == 0)
		uc_load(&img, &ps);
	elf_free(&img);
	return 0;
}
