# crossrt: one Makefile.  `make help` lists what it does.
#   make            the crossrt command, its unit tests and every ISA's runtime and programs
#   make ARCH=arm64 the same for one ISA (and the host tools)
include arches.mk
ARCH ?= all
ifeq ($(ARCH),all)
TARGET_ARCHES := $(ARCHES)
else
TARGET_ARCHES := $(filter $(ARCH),$(ARCHES))
ifeq ($(TARGET_ARCHES),)
$(error unknown ARCH '$(ARCH)': use one of $(ARCHES))
endif
endif

.DEFAULT_GOAL := all
B := build
# make DEBUG=1: the runtime's invariant checks (runtime/debug.h) on; all in build/debug
ifneq ($(filter-out 0 1,$(DEBUG)),)
$(error DEBUG=$(DEBUG): use DEBUG=1 for the runtime's invariant checks, or DEBUG=0)
endif
ifeq ($(DEBUG),1)
B := build/debug
endif
# Warnings are errors everywhere, the assembler's included.
WARN := -Wall -Wextra -Werror -Wa,--fatal-warnings
# Header dependencies, written beside each object.
DEPFLAGS = -MMD -MP -MF $@.d -MT $@

# --- what a user runs -------------------------------------------------------
# (what prerequisites name is defined before the rules that name it)
UNIT_TESTS := $(patsubst tests/unit/%.c,$(B)/host/unit/%,$(wildcard tests/unit/*.c))
.PHONY: all host targets help deps demo test unit scenarios mutants sanitize faults \
	fuzz fuzz-build fuzz-replay bench bench-build clean print-arches install
##all: the crossrt command and its unit tests, and every ISA's runtime and programs (ARCH=A: one ISA)
all: host targets
##demo: two scenarios on every ISA and engine, their traces diffed across engines and ISAs; one's Go twin beside it
demo: deps
	@$(MAKE) --no-print-directory all
	@sh tests/demo.sh
##test: every check (the phases below, from tests/phases); ends "make test: all passed"
test: deps
	@$(MAKE) --no-print-directory all
	@sh tests/test.sh
##deps: install the Debian packages the build and the tests need (apt-get, as root)
deps:
	@sh tests/deps.sh $(DEB_PACKAGES)
##help: this list
help:
	@echo "make TARGET [ARCH=$(subst $(eval) ,|,$(ARCHES))] [DEBUG=1]"
	@sed -n 's/^##\([^:]*\): /  \1\t/p' $(MAKEFILE_LIST) | expand -t 16
	@[ ! -f tests/phases ] || { echo "make test runs, in order:"; \
		awk -F '\t' '!/^#/ && NF >= 3 { printf "  %-14s %s\n", $$1, $$3 }' tests/phases; }
##host: the crossrt command and the unit tests only (build/host)
host: $(B)/host/crossrt $(UNIT_TESTS)
##targets: the runtime and programs of each ISA only (build/ARCH)
targets: $(addprefix target-,$(TARGET_ARCHES))
##unit: the cmocka unit tests
unit: host
	@sh tests/unit.sh $(UNIT_TESTS)
##scenarios: every scenario on every ISA and engine (crossrt matrix), without the other checks
scenarios: all
	@$(B)/host/crossrt matrix $(SCENARIOS)
##mutants: build the deliberately broken backends of tests/mutants/catalogue into build/mutants
mutants: all
	@sh tests/mutants/build.sh
##sanitize: the host tools under ASan/UBSan: unit tests, smoke and hostile runs (build/sanitize)
sanitize: deps
	@$(MAKE) --no-print-directory B=build/sanitize SANFLAGS="-fsanitize=address,undefined -fno-omit-frame-pointer" host
	@sh tests/unit.sh $(patsubst $(B)/%,build/sanitize/%,$(UNIT_TESTS))
	@$(MAKE) --no-print-directory targets
	@sh tests/smoke.sh build/sanitize/host/crossrt
	@sh tests/hostile.sh build/sanitize/host/crossrt
##faults: fault injection under Unicorn over the panic scenarios (FAULT_POINTS, FAULT_SEED)
faults: deps
	@$(MAKE) --no-print-directory all
	@sh tests/faults.sh
##fuzz: libFuzzer on the ELF loader, trace reader and QEMU log parser for FUZZ_SECONDS each
fuzz: deps
	@$(MAKE) --no-print-directory fuzz-build
	@sh tests/fuzz/run.sh $(FUZZ_SECONDS) $(FUZZ_TARGETS)
##fuzz-replay: the fuzz targets on their corpora and regression inputs only
fuzz-replay:
	@$(MAKE) --no-print-directory fuzz-build
	@sh tests/fuzz/run.sh 0 $(FUZZ_TARGETS)
##bench: benchmarks beside their peers (Go, Boost fcontext, glibc, qemu-user), as ratios
bench: deps
	@$(MAKE) --no-print-directory bench-build
	@sh bench/run.sh
##install: crossrt, the runtime's headers, each ISA's runtime and a pkg-config file per ISA under PREFIX
install: host $(addprefix install-,$(TARGET_ARCHES))
	install -d $(IDIR)/bin $(IDIR)/include/crossrt $(IDIR)/lib/crossrt
	install -m 755 $(B)/host/crossrt $(IDIR)/bin/crossrt
	install -m 644 runtime/*.h $(IDIR)/include/crossrt
	install -m 755 runtime/functab.sh $(IDIR)/lib/crossrt
##clean: remove build/
clean:
	rm -rf build
print-arches:
	@echo $(ARCHES)

# --- targets: the freestanding runtime and the programs linked with it -----
CC_x86_64  := gcc
CC_arm64   := aarch64-linux-gnu-gcc
CC_riscv64 := riscv64-linux-gnu-gcc
CC_s390x   := s390x-linux-gnu-gcc
BIN_x86_64  :=
BIN_arm64   := aarch64-linux-gnu-
BIN_riscv64 := riscv64-linux-gnu-
BIN_s390x   := s390x-linux-gnu-
TFLAGS_x86_64  :=
TFLAGS_arm64   := -mno-outline-atomics -ffixed-x18 -Wl,-z,max-page-size=4096
TFLAGS_riscv64 := -march=rv64gc -mabi=lp64d -ffixed-t6
# s390x: frames are walked by the backchain word (arch-s390x/frame.h); r12 is
# asyncPreempt's jump back (arch-s390x/preempt.S), as x18 and t6 above
TFLAGS_s390x   := -march=z196 -mzarch -mbackchain -ffixed-r12
# -fno-inline -fno-optimize-sibling-calls: every runtime function keeps its
# own frame and its call, as the probes, the tracebacks and gorecover's
# caller check see them.  A probe is an out-of-line function entry (PROBE
# also marks them noinline); a sibling call would replace the caller's frame
# and hide it from the frame-pointer traceback and from recover's argp
# check, and inlining would make the probe sequence depend on each ISA's
# compiler heuristics.  Whether PROBE alone is enough is a speed question.
TCFLAGS := -std=c11 -O2 -g $(WARN) -ffreestanding -fno-builtin -nostdlib -static \
	-fno-pie -no-pie -fno-omit-frame-pointer -fno-stack-protector \
	-fno-asynchronous-unwind-tables -Wframe-larger-than=2048 \
	-fno-inline -fno-optimize-sibling-calls

ifeq ($(DEBUG),1)
TCFLAGS += -DCROSSRT_DEBUG=1
endif
# What every guest object and program of an ISA is compiled with, the
# runtime's headers aside: the one definition, which the rules below use and
# `crossrt cc` is built with (GUEST_LIST), so that a user's program is built
# as the scenarios are.
guest_cflags = $(strip $(TCFLAGS) $(TFLAGS_$(1)))

RT_SRCS := $(wildcard runtime/*.c)
SCENARIOS := $(basename $(notdir $(wildcard tests/scenarios/*.c)))
HOSTILE := $(basename $(notdir $(wildcard tests/hostile/*.c)))
BENCHES := $(basename $(notdir $(wildcard bench/*.c)))
DEBUGPROGS := $(basename $(notdir $(wildcard tests/debug/*.c)))

# $(call guest_link,ARCH[,LIBS]): link the program $@ from $< with the
# ISA's start.o, LIBS and libruntime.a, then fill its .functab (names for
# tracebacks).  emu/cmd/cc.c does the same for `crossrt cc`.
define guest_link
	@mkdir -p $(@D)
	$(CC_$(1)) $(call guest_cflags,$(1)) -Iruntime -Iarch-$(1) $(DEPFLAGS) \
		$(B)/$(1)/obj/arch/start.o $< $(2) $(B)/$(1)/libruntime.a -lgcc -o $@
	sh runtime/functab.sh $(BIN_$(1))nm $(BIN_$(1))objcopy $@
endef

# $(call target_rules,ARCH): the runtime of one ISA and every program on it.
define target_rules
$(B)/$(1)/obj/%.o: runtime/%.c | $(B)/$(1)/obj/arch
	$$(CC_$(1)) $$(call guest_cflags,$(1)) -Iruntime -Iarch-$(1) $$(DEPFLAGS) -c $$< -o $$@
$(B)/$(1)/obj/arch/%.o: arch-$(1)/%.c | $(B)/$(1)/obj/arch
	$$(CC_$(1)) $$(call guest_cflags,$(1)) -Iruntime -Iarch-$(1) $$(DEPFLAGS) -c $$< -o $$@
$(B)/$(1)/obj/arch/%.o: arch-$(1)/%.S | $(B)/$(1)/obj/arch
	$$(CC_$(1)) $$(call guest_cflags,$(1)) -Iruntime -Iarch-$(1) $$(DEPFLAGS) -c $$< -o $$@
$(B)/$(1)/obj/arch:
	mkdir -p $$@
$(B)/$(1)/obj/tests/%.o: tests/arch-$(1)/%.S
	@mkdir -p $$(@D)
	$$(CC_$(1)) $$(call guest_cflags,$(1)) -Iruntime -Iarch-$(1) $$(DEPFLAGS) -c $$< -o $$@
$(B)/$(1)/libtests.a: $(patsubst tests/arch-$(1)/%.S,$(B)/$(1)/obj/tests/%.o,$(wildcard tests/arch-$(1)/*.S))
	rm -f $$@ && ar rcs $$@ $$^
RT_OBJS_$(1) := $(patsubst runtime/%.c,$(B)/$(1)/obj/%.o,$(RT_SRCS)) \
	$(patsubst arch-$(1)/%,$(B)/$(1)/obj/arch/%.o,$(basename $(filter-out arch-$(1)/start.S,$(wildcard arch-$(1)/*.c arch-$(1)/*.S))))
$(B)/$(1)/libruntime.a: $$(RT_OBJS_$(1))
	rm -f $$@ && ar rcs $$@ $$^
GUEST_DEPS_$(1) := $(B)/$(1)/obj/arch/start.o $(B)/$(1)/libruntime.a runtime/functab.sh
# scenarios also link the ISA's register workloads (tests/arch-ARCH, tests/regs.h)
$(B)/$(1)/tests/%: tests/scenarios/%.c $$(GUEST_DEPS_$(1)) $(B)/$(1)/libtests.a
	$$(call guest_link,$(1),$(B)/$(1)/libtests.a)
$(B)/$(1)/hostile/%: tests/hostile/%.c $$(GUEST_DEPS_$(1))
	$$(call guest_link,$(1))
$(B)/$(1)/debug/%: tests/debug/%.c $$(GUEST_DEPS_$(1))
	$$(call guest_link,$(1))
$(B)/$(1)/bench/%: bench/%.c $$(GUEST_DEPS_$(1))
	$$(call guest_link,$(1))
target-$(1): $(B)/$(1)/libruntime.a $(B)/$(1)/obj/arch/start.o $(addprefix $(B)/$(1)/tests/,$(SCENARIOS)) \
	$(addprefix $(B)/$(1)/hostile/,$(HOSTILE)) \
	$(if $(filter 1,$(DEBUG)),$(addprefix $(B)/$(1)/debug/,$(DEBUGPROGS)))
endef
$(foreach a,$(ARCHES),$(eval $(call target_rules,$(a))))

# --- make install [PREFIX=/usr/local] [DESTDIR=]: the layout emu/cmd/cc.c looks for
# PREFIX/bin/crossrt, PREFIX/include/crossrt/ (runtime/*.h), PREFIX/lib/crossrt/functab.sh,
# PREFIX/lib/crossrt/ARCH/ (libruntime.a, start.o, include/: arch-ARCH/*.h),
# PREFIX/lib/pkgconfig/crossrt-ARCH.pc (for ARCH's compiler; then functab.sh nm objcopy PROG)
PREFIX ?= /usr/local
IDIR = $(DESTDIR)$(PREFIX)
define install_rules
.PHONY: install-$(1)
install-$(1): $(B)/$(1)/libruntime.a $(B)/$(1)/obj/arch/start.o
	install -d $$(IDIR)/lib/crossrt/$(1)/include $$(IDIR)/lib/pkgconfig
	install -m 644 $(B)/$(1)/libruntime.a $(B)/$(1)/obj/arch/start.o $$(IDIR)/lib/crossrt/$(1)
	install -m 644 arch-$(1)/*.h $$(IDIR)/lib/crossrt/$(1)/include
	printf '%s\n' 'prefix=$$(PREFIX)' 'libdir=$$$${prefix}/lib/crossrt/$(1)' \
		'includedir=$$$${prefix}/include/crossrt' 'cc=$(CC_$(1))' 'bin=$(BIN_$(1))' \
		'functab=$$$${prefix}/lib/crossrt/functab.sh' '' 'Name: crossrt-$(1)' \
		'Description: the crossrt runtime for $(1): build with $$$${cc}, then sh $$$${functab} $$$${bin}nm $$$${bin}objcopy PROG' \
		'Version: 1' 'Cflags: $(call guest_cflags,$(1)) -I$$$${includedir} -I$$$${libdir}/include' \
		'Libs: $$$${libdir}/start.o -L$$$${libdir} -lruntime -lgcc' >$$(IDIR)/lib/pkgconfig/crossrt-$(1).pc
endef
$(foreach a,$(ARCHES),$(eval $(call install_rules,$(a))))

# --- host: the crossrt command and unit tests -------------------------------
# emu/ by module (README.md, Layout); includes name the folder: "isa/isa.h".
# Objects mirror the folders, each with its .d file of the headers it includes.
# CROSSRT_ISAS is arches.mk's list, from which emu/ builds its per-ISA tables.
HCC := gcc
ISA_LIST := -DCROSSRT_ISAS='$(foreach a,$(ARCHES),ISA($(a)))'
# crossrt cc: each ISA's compiler, binutils prefix and guest_cflags
GUEST_LIST = -DCROSSRT_GUESTS='$(foreach a,$(ARCHES),GUEST($(a), "$(CC_$(a))", "$(BIN_$(a))", "$(call guest_cflags,$(a))"))'
HCFLAGS := -std=c11 -D_GNU_SOURCE -O2 -g $(WARN) -iquote emu -iquote runtime $(ISA_LIST) $(SANFLAGS)
HLIBS := -lunicorn -ldw -lelf -lcapstone -lzstd -lpthread -lm
EMU_SRCS := $(wildcard emu/*.c emu/*/*.c)
EMU_OBJS := $(patsubst emu/%.c,$(B)/host/obj/%.o,$(EMU_SRCS))
EMU_LIB_OBJS := $(filter-out $(B)/host/obj/main.o,$(EMU_OBJS))

$(B)/host/obj/%.o: emu/%.c arches.mk
	@mkdir -p $(@D)
	$(HCC) $(HCFLAGS) -MMD -MP -c $< -o $@
$(B)/host/obj/cmd/cc_guest.o: HCFLAGS += $(GUEST_LIST)
$(B)/fuzz/obj/cmd/cc_guest.o: FUZZ_CFLAGS += $(GUEST_LIST)
$(B)/host/obj/cmd/cc_guest.o $(B)/fuzz/obj/cmd/cc_guest.o: Makefile
# unicorn/uc_<isa>.c's page_collection definitions (uc_fastwrite.h) and uc_mapcache.c's
# memory_mapping must take the place of libunicorn's
$(B)/host/crossrt: $(EMU_OBJS)
	$(HCC) $(HCFLAGS) $^ $(HLIBS) -Wl,--export-dynamic-symbol=page_collection_lock_* \
		-Wl,--export-dynamic-symbol=page_collection_unlock_* \
		-Wl,--export-dynamic-symbol=memory_mapping -o $@
# emu/ without main, for the unit tests and bench tools to link what they use
$(B)/host/libemu.a: $(EMU_LIB_OBJS)
	rm -f $@ && ar rcs $@ $^
$(B)/host/unit/%: tests/unit/%.c $(B)/host/libemu.a
	@mkdir -p $(@D)
	@mkdir -p $(B)/host/obj/unit
	$(HCC) $(HCFLAGS) -MMD -MP -MF $(B)/host/obj/unit/$*.d -MT $@ $< $(B)/host/libemu.a -lcmocka $(HLIBS) -o $@
-include $(EMU_OBJS:.o=.d) $(patsubst $(B)/host/unit/%,$(B)/host/obj/unit/%.d,$(UNIT_TESTS))
##emu-deps: check that emu/ has no include or call cycles between its files or folders
.PHONY: emu-deps
emu-deps: $(B)/host/crossrt
	@sh tests/emu-deps.sh $(B)/host/obj
# rt_*: runtime sources compiled for the host, with tests/unit/host standing in for arch-*
$(B)/host/unit/rt_%: tests/unit/rt_%.c $(wildcard runtime/*.c runtime/*.h tests/unit/host/*.h)
	@mkdir -p $(@D)
	$(HCC) $(HCFLAGS) -DARENA_BASE=0x500000000000UL -iquote tests/unit/host $< -lcmocka -o $@

# --- bench: guest benchmark programs, their host and Go peers ---------------
BENCH_HOST := $(patsubst bench/host/%.c,$(B)/bench/host/%,$(wildcard bench/host/*.c))
GOARCH_x86_64 := amd64
GOARCH_arm64 := arm64
GOARCH_riscv64 := riscv64
GOARCH_s390x := s390x

define bench_rules
$(B)/bench/go/$(1)/%: bench/go/%.go
	@mkdir -p $$(@D)
	cd bench/go && GO111MODULE=off CGO_ENABLED=0 GOARCH=$(GOARCH_$(1)) GOCACHE=$(abspath $(B))/bench/gocache \
		go build -o $(abspath $(B))/bench/go/$(1)/$$* $$*.go
bench-$(1): $(B)/$(1)/libruntime.a $(addprefix $(B)/$(1)/bench/,$(BENCHES)) \
	$(patsubst bench/go/%.go,$(B)/bench/go/$(1)/%,$(wildcard bench/go/*.go))
endef
$(foreach a,$(ARCHES),$(eval $(call bench_rules,$(a))))

$(B)/bench/host/ctxswitch: bench/host/ctxswitch.c
	@mkdir -p $(@D)
	$(HCC) $(HCFLAGS) $< -lboost_context -o $@
$(B)/bench/host/cputime: bench/host/cputime.c
	@mkdir -p $(@D)
	$(HCC) $(HCFLAGS) $< -o $@
$(B)/bench/host/tracegen $(B)/bench/host/tracebytes $(B)/bench/host/abibound: $(B)/bench/host/%: bench/host/%.c $(B)/host/libemu.a
	@mkdir -p $(@D)
	$(HCC) $(HCFLAGS) $^ $(HLIBS) -o $@

DEB_PACKAGES := gcc make binutils gcc-aarch64-linux-gnu gcc-riscv64-linux-gnu gcc-s390x-linux-gnu qemu-user \
	libunicorn-dev libcmocka-dev libelf-dev libdw-dev libcapstone-dev libzstd-dev gdb-multiarch golang-go pkg-config \
	chromium jq zstd \
	libboost-context-dev \
	clang libclang-rt-14-dev

# libFuzzer targets (tests/fuzz): make fuzz FUZZ_SECONDS=N fuzzes each for N
# seconds, then replays the corpora and regression inputs; fuzz-replay only replays
FUZZ_SECONDS ?= 60
FUZZ_TARGETS := $(B)/fuzz/fuzz_elf $(B)/fuzz/fuzz_qemulog $(B)/fuzz/fuzz_trace
FUZZ_CFLAGS := -std=c11 -D_GNU_SOURCE -O1 -g $(WARN) -iquote emu -iquote runtime $(ISA_LIST) \
	-fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer
# emu/ as an archive, so each target links only what it uses; its warnings
# are the gcc build's to enforce
FUZZ_OBJS := $(patsubst emu/%.c,$(B)/fuzz/obj/%.o,$(filter-out emu/main.c,$(EMU_SRCS)))
$(B)/fuzz/obj/%.o: emu/%.c arches.mk
	@mkdir -p $(@D)
	clang $(FUZZ_CFLAGS) -Wno-error -fsanitize=fuzzer-no-link -MMD -MP -c $< -o $@
-include $(FUZZ_OBJS:.o=.d)
$(B)/fuzz/libemu.a: $(FUZZ_OBJS)
	rm -f $@ && ar rcs $@ $^
$(B)/fuzz/fuzz_%: tests/fuzz/fuzz_%.c $(B)/fuzz/libemu.a
	clang $(FUZZ_CFLAGS) -fsanitize=fuzzer $^ $(HLIBS) -o $@
fuzz-build: $(FUZZ_TARGETS)
bench-build: $(B)/host/crossrt $(addprefix bench-,$(ARCHES)) $(BENCH_HOST)

-include $(wildcard $(foreach d,obj obj/arch obj/tests tests hostile debug bench,$(B)/*/$(d)/*.d))
