/* The ISA list and descriptions, and guest memory in either byte order. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include "isa/isa.h"
#include "isa/sysnr.h"

/* The ids are the order of CROSSRT_ISAS, and each name finds its own description. */
static void list_order(void **state)
{
#define ISA(n) #n,
	static const char *const names[] = { CROSSRT_ISAS };
#undef ISA
	(void)state;
	assert_int_equal(sizeof names / sizeof names[0], NARCH);
	for (int i = 0; i < NARCH; i++) {
		const struct archdesc *a = arch_byid(i);
		assert_non_null(a);
		assert_int_equal(a->id, i);
		assert_string_equal(a->name, names[i]);
		assert_ptr_equal(arch_byname(names[i]), a);
		assert_ptr_equal(arch_bymachine(a->e_machine), a);
		if (a->alias)
			assert_ptr_equal(arch_byname(a->alias), a);
	}
	assert_null(arch_byid(NARCH));
	assert_null(arch_byid(-1));
	assert_null(arch_byname("mips"));
}

/* Every description is complete enough for the engines: roles in the raw file, a syscall table. */
static void descriptions(void **state)
{
	(void)state;
	for (int i = 0; i < NARCH; i++) {
		const struct archdesc *a = arch_byid(i);
		assert_true(a->nregs > 0 && a->nregs <= MAXREGS);
		assert_true(a->nxregs <= MAXXREGS);
		for (int r = 0; r < NROLES; r++)
			assert_true(a->role_reg[r] == ROLE_FROM_MEMORY || (a->role_reg[r] >= 0 && a->role_reg[r] < a->nregs));
		assert_non_null(a->sysnr);
		assert_true(sysnr_lookup(a->sysnr, -1) < 0);
		assert_true(a->minsigstksz >= 2048);
		for (int k = 0; k < 5; k++)
			assert_true(a->clone_arg[k] >= 0 && a->clone_arg[k] < 6);
	}
}

static void byte_order(void **state)
{
	struct archdesc le = { .big_endian = false }, be = { .big_endian = true };
	unsigned char b[8];

	(void)state;
	isa_put64(&le, b, 0x0102030405060708ULL);
	assert_memory_equal(b, "\x08\x07\x06\x05\x04\x03\x02\x01", 8);
	assert_int_equal(isa_get64(&le, b), 0x0102030405060708ULL);
	assert_int_equal(isa_get32(&le, b), 0x05060708);
	assert_int_equal(isa_get16(&le, b), 0x0708);
	isa_put64(&be, b, 0x0102030405060708ULL);
	assert_memory_equal(b, "\x01\x02\x03\x04\x05\x06\x07\x08", 8);
	assert_int_equal(isa_get64(&be, b), 0x0102030405060708ULL);
	assert_int_equal(isa_get32(&be, b), 0x01020304);
	assert_int_equal(isa_get16(&be, b), 0x0102);
	isa_put32(&be, b, 0xa1b2c3d4);
	assert_memory_equal(b, "\xa1\xb2\xc3\xd4", 4);
	isa_put16(&le, b, 0xa1b2);
	assert_memory_equal(b, "\xb2\xa1", 2);
}

/* The numbers of one table map back to their calls; a number of no call is -1. */
static void syscall_numbers(void **state)
{
	static const struct sysnr t[] = { { SYS_write, 1 }, { SYS_clone, 56 }, { NSYS, -1 } };

	(void)state;
	assert_int_equal(sysnr_lookup(t, 1), SYS_write);
	assert_int_equal(sysnr_lookup(t, 56), SYS_clone);
	assert_int_equal(sysnr_lookup(t, 0), -1);
	assert_int_equal(sysnr_lookup(sysnr_generic, 220), SYS_clone);
	assert_int_equal(sysnr_lookup(sysnr_generic, 158), -1);	/* not a call of the table */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(list_order),
		cmocka_unit_test(descriptions),
		cmocka_unit_test(byte_order),
		cmocka_unit_test(syscall_numbers),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
