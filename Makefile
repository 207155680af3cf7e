# crossrt: one Makefile.  make | make ARCH=arm64 | make demo | make test | make deps
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

B := build
WARN := -Wall -Wextra -Werror

# --- targets: the freestanding runtime and the scenario programs ------------
CC_x86_64  := gcc
CC_arm64   := aarch64-linux-gnu-gcc
CC_riscv64 := riscv64-linux-gnu-gcc
BIN_x86_64  :=
BIN_arm64   := aarch64-linux-gnu-
BIN_riscv64 := riscv64-linux-gnu-
TFLAGS_x86_64  :=
TFLAGS_arm64   := -mno-outline-atomics -ffixed-x18 -Wl,-z,max-page-size=4096
TFLAGS_riscv64 := -march=rv64gc -mabi=lp64d -ffixed-t6
TCFLAGS := -std=c11 -O2 -g $(WARN) -ffreestanding -fno-builtin -nostdlib -static \
	-fno-pie -no-pie -fno-omit-frame-pointer -fno-stack-protector \
	-fno-asynchronous-unwind-tables -Wframe-larger-than=2048 -Iruntime \
	-fno-inline -fno-optimize-sibling-calls

# make DEBUG=1: the runtime's invariant checks (runtime/debug.h) on; all in build/debug
ifneq ($(filter-out 0 1,$(DEBUG)),)
$(error DEBUG=$(DEBUG): use DEBUG=1 for the runtime's invariant checks, or DEBUG=0)
endif
ifeq ($(DEBUG),1)
B := build/debug
TCFLAGS += -DCROSSRT_DEBUG=1
endif

RT_SRCS := $(wildcard runtime/*.c)
SCENARIOS := $(basename $(notdir $(wildcard tests/scenarios/*.c)))
HOSTILE := $(basename $(notdir $(wildcard tests/hostile/*.c)))

define target_rules
$(B)/$(1)/obj/%.o: runtime/%.c $(wildcard runtime/*.h arch-$(1)/*.h) | $(B)/$(1)/obj/arch
	$$(CC_$(1)) $$(TCFLAGS) $$(TFLAGS_$(1)) -Iarch-$(1) -c $$< -o $$@
$(B)/$(1)/obj/arch/%.o: arch-$(1)/%.c $(wildcard runtime/*.h arch-$(1)/*.h) | $(B)/$(1)/obj/arch
	$$(CC_$(1)) $$(TCFLAGS) $$(TFLAGS_$(1)) -Iarch-$(1) -c $$< -o $$@
$(B)/$(1)/obj/arch/%.o: arch-$(1)/%.S runtime/layout.h | $(B)/$(1)/obj/arch
	$$(CC_$(1)) $$(TCFLAGS) $$(TFLAGS_$(1)) -Iarch-$(1) -c $$< -o $$@
$(B)/$(1)/obj/arch:
	mkdir -p $$@
RT_OBJS_$(1) := $(patsubst runtime/%.c,$(B)/$(1)/obj/%.o,$(RT_SRCS)) \
	$(patsubst arch-$(1)/%,$(B)/$(1)/obj/arch/%.o,$(basename $(filter-out arch-$(1)/start.S,$(wildcard arch-$(1)/*.c arch-$(1)/*.S))))
$(B)/$(1)/libruntime.a: $$(RT_OBJS_$(1))
	rm -f $$@ && ar rcs $$@ $$^
$(B)/$(1)/tests/%: tests/scenarios/%.c $(B)/$(1)/obj/arch/start.o $(B)/$(1)/libruntime.a runtime/crossrt.h runtime/iface.h runtime/functab.sh
	@mkdir -p $$(@D)
	$$(CC_$(1)) $$(TCFLAGS) $$(TFLAGS_$(1)) -Iarch-$(1) $(B)/$(1)/obj/arch/start.o $$< $(B)/$(1)/libruntime.a -lgcc -o $$@
	sh runtime/functab.sh $$(BIN_$(1))nm $$(BIN_$(1))objcopy $$@
$(B)/$(1)/hostile/%: tests/hostile/%.c tests/hostile/hostile.h $(B)/$(1)/obj/arch/start.o $(B)/$(1)/libruntime.a runtime/crossrt.h runtime/iface.h runtime/functab.sh
	@mkdir -p $$(@D)
	$$(CC_$(1)) $$(TCFLAGS) $$(TFLAGS_$(1)) -Iarch-$(1) $(B)/$(1)/obj/arch/start.o $$< $(B)/$(1)/libruntime.a -lgcc -o $$@
	sh runtime/functab.sh $$(BIN_$(1))nm $$(BIN_$(1))objcopy $$@
target-$(1): $(B)/$(1)/libruntime.a $(B)/$(1)/obj/arch/start.o $(addprefix $(B)/$(1)/tests/,$(SCENARIOS)) \
	$(addprefix $(B)/$(1)/hostile/,$(HOSTILE))
endef
$(foreach a,$(ARCHES),$(eval $(call target_rules,$(a))))

# tests/debug: programs that break a runtime invariant on purpose (tests/debug.sh)
ifeq ($(DEBUG),1)
define debug_rules
$(B)/$(1)/debug/%: tests/debug/%.c $(B)/$(1)/obj/arch/start.o $(B)/$(1)/libruntime.a runtime/debug.h runtime/functab.sh
	@mkdir -p $$(@D)
	$$(CC_$(1)) $$(TCFLAGS) $$(TFLAGS_$(1)) -Iarch-$(1) $(B)/$(1)/obj/arch/start.o $$< $(B)/$(1)/libruntime.a -lgcc -o $$@
	sh runtime/functab.sh $$(BIN_$(1))nm $$(BIN_$(1))objcopy $$@
target-$(1): $(patsubst tests/debug/%.c,$(B)/$(1)/debug/%,$(wildcard tests/debug/*.c))
endef
$(foreach a,$(ARCHES),$(eval $(call debug_rules,$(a))))
endif

# --- host: the crossrt command and unit tests -------------------------------
HCC := gcc
HCFLAGS := -std=c11 -D_GNU_SOURCE -O2 -g $(WARN) -iquote emu -iquote runtime $(SANFLAGS)
HLIBS := -lunicorn -lelf -lcapstone -lpthread -lm
EMU_SRCS := $(wildcard emu/*.c)
EMU_OBJS := $(patsubst emu/%.c,$(B)/host/obj/%.o,$(EMU_SRCS))
EMU_LIB_OBJS := $(filter-out $(B)/host/obj/main.o,$(EMU_OBJS))
UNIT_TESTS := $(patsubst tests/unit/%.c,$(B)/host/unit/%,$(wildcard tests/unit/*.c))

$(B)/host/obj/%.o: emu/%.c $(wildcard emu/*.h runtime/layout.h) | $(B)/host/obj
	$(HCC) $(HCFLAGS) -c $< -o $@
$(B)/host/obj:
	mkdir -p $@
$(B)/host/crossrt: $(EMU_OBJS)
	$(HCC) $(HCFLAGS) $^ $(HLIBS) -o $@
$(B)/host/unit/%: tests/unit/%.c $(EMU_LIB_OBJS)
	@mkdir -p $(@D)
	$(HCC) $(HCFLAGS) $^ -lcmocka $(HLIBS) -o $@
# rt_*: runtime sources compiled for the host, with tests/unit/host standing in for arch-*
$(B)/host/unit/rt_%: tests/unit/rt_%.c $(wildcard runtime/*.c runtime/*.h tests/unit/host/*.h)
	@mkdir -p $(@D)
	$(HCC) $(HCFLAGS) -DARENA_BASE=0x500000000000UL -iquote tests/unit/host $< -lcmocka -o $@

# --- bench: guest benchmark programs, their host and Go peers ---------------
BENCHES := $(basename $(notdir $(wildcard bench/*.c)))
BENCH_HOST := $(patsubst bench/host/%.c,$(B)/bench/host/%,$(wildcard bench/host/*.c))
GOARCH_x86_64 := amd64
GOARCH_arm64 := arm64
GOARCH_riscv64 := riscv64

define bench_rules
$(B)/$(1)/bench/%: bench/%.c bench/bench.h $(B)/$(1)/obj/arch/start.o $(B)/$(1)/libruntime.a runtime/crossrt.h runtime/iface.h runtime/functab.sh
	@mkdir -p $$(@D)
	$$(CC_$(1)) $$(TCFLAGS) $$(TFLAGS_$(1)) -Iarch-$(1) $(B)/$(1)/obj/arch/start.o $$< $(B)/$(1)/libruntime.a -lgcc -o $$@
	sh runtime/functab.sh $$(BIN_$(1))nm $$(BIN_$(1))objcopy $$@
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
$(B)/bench/host/tracegen $(B)/bench/host/abibound: $(B)/bench/host/%: bench/host/%.c $(B)/host/obj/trace.o $(B)/host/obj/strpool.o $(B)/host/obj/arch.o
	@mkdir -p $(@D)
	$(HCC) $(HCFLAGS) $^ $(HLIBS) -o $@

.PHONY: all host targets deps demo test unit scenarios mutants sanitize faults fuzz fuzz-build fuzz-replay clean bench bench-build
all: host targets
host: $(B)/host/crossrt $(UNIT_TESTS)
targets: $(addprefix target-,$(TARGET_ARCHES))

DEB_PACKAGES := gcc make binutils gcc-aarch64-linux-gnu gcc-riscv64-linux-gnu qemu-user \
	libunicorn-dev libcmocka-dev libelf-dev libcapstone-dev gdb-multiarch golang-go pkg-config \
	chromium \
	libboost-context-dev \
	clang libclang-rt-14-dev
deps:
	@sh tests/deps.sh $(DEB_PACKAGES)

demo: deps
	@$(MAKE) --no-print-directory all
	@sh tests/demo.sh

unit: host
	@sh tests/unit.sh $(UNIT_TESTS)

scenarios: all
	@$(B)/host/crossrt matrix $(SCENARIOS)

# deliberately broken backends (tests/mutants/catalogue), into build/mutants/NAME/
mutants: all
	@sh tests/mutants/build.sh

test: deps
	@$(MAKE) --no-print-directory all
	@sh tests/test.sh

bench-build: $(B)/host/crossrt $(addprefix bench-,$(ARCHES)) $(BENCH_HOST)
bench: deps
	@$(MAKE) --no-print-directory bench-build
	@sh bench/run.sh

# fault injection under Unicorn over the panic scenarios (tests/faults.sh); FAULT_POINTS, FAULT_SEED
faults: deps
	@$(MAKE) --no-print-directory all
	@sh tests/faults.sh

sanitize: deps
	@$(MAKE) --no-print-directory B=build/sanitize SANFLAGS="-fsanitize=address,undefined -fno-omit-frame-pointer" host
	@sh tests/unit.sh $(patsubst $(B)/%,build/sanitize/%,$(UNIT_TESTS))
	@$(MAKE) --no-print-directory targets
	@sh tests/smoke.sh build/sanitize/host/crossrt
	@sh tests/hostile.sh build/sanitize/host/crossrt

# libFuzzer targets (tests/fuzz): make fuzz FUZZ_SECONDS=N fuzzes each for N
# seconds, then replays the corpora and regression inputs; fuzz-replay only replays
FUZZ_SECONDS ?= 60
FUZZ_TARGETS := $(B)/fuzz/fuzz_elf $(B)/fuzz/fuzz_qemulog $(B)/fuzz/fuzz_trace
FUZZ_CFLAGS := -std=c11 -D_GNU_SOURCE -O1 -g $(WARN) -iquote emu -iquote runtime \
	-fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer
# emu/ as an archive, so each target links only what it uses; its warnings
# are the gcc build's to enforce
FUZZ_OBJS := $(patsubst emu/%.c,$(B)/fuzz/obj/%.o,$(filter-out emu/main.c,$(EMU_SRCS)))
$(B)/fuzz/obj/%.o: emu/%.c $(wildcard emu/*.h runtime/layout.h) | $(B)/fuzz/obj
	clang $(FUZZ_CFLAGS) -Wno-error -fsanitize=fuzzer-no-link -c $< -o $@
$(B)/fuzz/obj:
	mkdir -p $@
$(B)/fuzz/libemu.a: $(FUZZ_OBJS)
	rm -f $@ && ar rcs $@ $^
$(B)/fuzz/fuzz_%: tests/fuzz/fuzz_%.c $(B)/fuzz/libemu.a
	clang $(FUZZ_CFLAGS) -fsanitize=fuzzer $^ $(HLIBS) -o $@
fuzz-build: $(FUZZ_TARGETS)
fuzz: deps
	@$(MAKE) --no-print-directory fuzz-build
	@sh tests/fuzz/run.sh $(FUZZ_SECONDS) $(FUZZ_TARGETS)
fuzz-replay:
	@$(MAKE) --no-print-directory fuzz-build
	@sh tests/fuzz/run.sh 0 $(FUZZ_TARGETS)

clean:
	rm -rf build
