# SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause
# fuzz.mk - fuzzing, included by the Makefile (after the library variables
# LIB_SRC, GEN_SRC, WARN and the re2c rules).  See fuzz/README.md.
#
#   make fuzz-smoke                        every target SMOKE_MIN_EXECS inputs under libFuzzer
#   make fuzz TARGET=parse SECONDS=600 [JOBS=2]   AFL++ campaign
#   make fuzz-libfuzzer TARGET=parse SECONDS=600  libFuzzer campaign
#   make fuzz-report                       one table of every campaign's numbers
#   make fuzz-repro                        replay fuzz/crashes/* (strict build)
#   make fuzz-replay                       replay fuzz/corpus/*/ through plain builds ($(BUILD)/fuzz/)
#   make fuzz-corpus                       re-seed and re-minimise fuzz/corpus/
#
# Everything is built with clang under build/fuzz/: the library sources are
# compiled again with each engine's instrumentation and sanitizers, from the
# re2c output in $(BUILD)/gen/ that the Makefile generates.

FUZZ_TARGETS := parse compat roundtrip diff_libyaml emit json catalog
FUZZ_DIR ?= build/fuzz
FUZZ_CC ?= clang
AFL_CC ?= afl-clang-fast
AFL_FUZZ ?= afl-fuzz
SMOKE_SECONDS ?= 300
SMOKE_MIN_EXECS ?= 10000
# Each input of `catalog` makes, reads and removes a tree of files: ten
# times the system calls of the other targets' inputs, a few hundred a second.
SMOKE_MIN_EXECS_catalog ?= 3000
SECONDS ?= 600
JOBS ?= 1
TARGET ?=
FUZZ_DICT := fuzz/dict/mdevdesc.dict

FUZZ_STAMP := $(FUZZ_DIR)/.deps-fuzz
FUZZ_LIB_SRC := $(LIB_SRC)
FUZZ_GEN_SRC := $(GEN_SRC)
FUZZ_HDRS := $(BUILD)/gen/vendors.h
FUZZ_INC := -I. -Iinclude -I$(BUILD)/gen -Ifuzz
FUZZ_SAN := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
FUZZ_CFLAGS := -std=c11 -g -O1 -D_GNU_SOURCE $(FUZZ_INC)
# The harnesses get the project's warnings (and clang's -Wsign-conversion,
# which its -Wconversion implies); the library keeps the warnings it is
# written for (gcc's -Wconversion), and the generated lexer is built without
# -Wconversion, as in the Makefile.
FUZZ_WARN := $(WARN) $(WERROR)
FUZZ_LIB_WARN := $(WARN) -Wno-sign-conversion
FUZZ_LIBS_diff_libyaml := -lyaml
FUZZ_LIBS_json := -ljson-c

# Per engine: objects of the library in $(FUZZ_DIR)/obj/ENGINE/, one binary
# per target in $(FUZZ_DIR)/bin/ENGINE/TARGET.
#   lf       libFuzzer + ASan + UBSan            (fuzz-smoke, fuzz-libfuzzer)
#   lfstrict the same with FUZZ_STRICT: known-bug tolerances off, to
#            minimise a reproducer (-minimize_crash=1); uses lf's objects
#   afl      AFL++ + ASan + UBSan                (fuzz)
#   cmplog   AFL++ CMPLOG instrumentation, no sanitizers (fuzz, afl-fuzz -c)
#   repro    clang + ASan + UBSan, stdin/file main, FUZZ_STRICT (fuzz-repro)
FUZZ_ENGINE_CC_lf := $(FUZZ_CC)
FUZZ_ENGINE_CC_lfstrict := $(FUZZ_CC)
FUZZ_ENGINE_CC_afl := $(AFL_CC)
FUZZ_ENGINE_CC_cmplog := $(AFL_CC)
FUZZ_ENGINE_CC_repro := $(FUZZ_CC)
FUZZ_OBJ_FLAGS_lf := $(FUZZ_SAN) -fsanitize=fuzzer-no-link
FUZZ_OBJ_FLAGS_afl := $(FUZZ_SAN)
FUZZ_OBJ_FLAGS_cmplog :=
FUZZ_OBJ_FLAGS_repro := $(FUZZ_SAN)
FUZZ_BIN_FLAGS_lf := $(FUZZ_SAN) -fsanitize=fuzzer -DFUZZ_LIBFUZZER
FUZZ_BIN_FLAGS_lfstrict := $(FUZZ_BIN_FLAGS_lf) -DFUZZ_STRICT
FUZZ_BIN_FLAGS_afl := $(FUZZ_SAN)
FUZZ_BIN_FLAGS_cmplog :=
FUZZ_BIN_FLAGS_repro := $(FUZZ_SAN) -DFUZZ_STRICT
FUZZ_ENV_afl := AFL_QUIET=1
FUZZ_ENV_cmplog := AFL_QUIET=1 AFL_LLVM_CMPLOG=1
FUZZ_ENGINES := lf lfstrict afl cmplog repro
FUZZ_OBJ_ENGINES := lf afl cmplog repro
FUZZ_OBJ_OF_lf := lf
FUZZ_OBJ_OF_lfstrict := lf
FUZZ_OBJ_OF_afl := afl
FUZZ_OBJ_OF_cmplog := cmplog
FUZZ_OBJ_OF_repro := repro

fuzz_objs = $(FUZZ_LIB_SRC:%.c=$(FUZZ_DIR)/obj/$(1)/%.o) \
	$(FUZZ_GEN_SRC:$(BUILD)/gen/%.c=$(FUZZ_DIR)/obj/$(1)/gen/%.o)

.PHONY: fuzz fuzz-smoke fuzz-libfuzzer fuzz-report fuzz-repro fuzz-corpus fuzz-build \
	fuzz-deps fuzz-smoke-force

# `make fuzz` and `make fuzz-libfuzzer` need one TARGET.
ifneq ($(filter fuzz fuzz-libfuzzer,$(MAKECMDGOALS)),)
ifneq ($(words $(TARGET) $(filter $(TARGET),$(FUZZ_TARGETS))),2)
$(error TARGET must be one of: $(FUZZ_TARGETS))
endif
endif

$(FUZZ_STAMP): mk/packages.txt mk/deps.sh
	@mkdir -p $(@D)
	@sh mk/deps.sh fuzz
	@touch $@

fuzz-deps: $(FUZZ_STAMP)

define FUZZ_OBJ_RULES
$(FUZZ_DIR)/obj/$(1)/%.o: %.c $(FUZZ_HDRS) $(FUZZ_STAMP)
	@mkdir -p $$(@D)
	$(FUZZ_ENV_$(1)) $(FUZZ_ENGINE_CC_$(1)) $(FUZZ_CFLAGS) $(FUZZ_LIB_WARN) $(FUZZ_OBJ_FLAGS_$(1)) \
		$(DEPFLAGS) -c -o $$@ $$<

$(FUZZ_DIR)/obj/$(1)/gen/%.o: $(BUILD)/gen/%.c $(FUZZ_STAMP)
	@mkdir -p $$(@D)
	$(FUZZ_ENV_$(1)) $(FUZZ_ENGINE_CC_$(1)) $(FUZZ_CFLAGS) $(filter-out -Wconversion,$(FUZZ_LIB_WARN)) \
		$(FUZZ_OBJ_FLAGS_$(1)) $(DEPFLAGS) -c -o $$@ $$<
-include $$(wildcard $(FUZZ_DIR)/obj/$(1)/*/*.d $(FUZZ_DIR)/obj/$(1)/gen/*.d)
endef

define FUZZ_BIN_RULES
$(FUZZ_DIR)/bin/$(1)/%: fuzz/%.c fuzz/driver.h fuzz/fuzz_util.h $(FUZZ_HDRS) \
		$(call fuzz_objs,$(FUZZ_OBJ_OF_$(1)))
	@mkdir -p $$(@D)
	$(FUZZ_ENV_$(1)) $(FUZZ_ENGINE_CC_$(1)) $(FUZZ_CFLAGS) $(FUZZ_WARN) $(FUZZ_BIN_FLAGS_$(1)) \
		-o $$@ $$< $(call fuzz_objs,$(FUZZ_OBJ_OF_$(1))) $$(FUZZ_LIBS_$$*)
endef
$(foreach e,$(FUZZ_OBJ_ENGINES),$(eval $(call FUZZ_OBJ_RULES,$(e))))
$(foreach e,$(FUZZ_ENGINES),$(eval $(call FUZZ_BIN_RULES,$(e))))

fuzz-build: $(FUZZ_TARGETS:%=$(FUZZ_DIR)/bin/lf/%)

# ---- fuzz-smoke: part of make check -------------------------------------
# Each target runs SMOKE_MIN_EXECS inputs (at most SMOKE_SECONDS) on a copy
# of its committed corpus; a
# target passes when libFuzzer found nothing and ran >= SMOKE_MIN_EXECS
# inputs.  The runs are independent make targets (make -j2 runs two at once).
FUZZ_SMOKE_RESULTS := $(FUZZ_TARGETS:%=$(FUZZ_DIR)/smoke/%.result)

$(FUZZ_DIR)/smoke/%.result: $(FUZZ_DIR)/bin/lf/% fuzz-smoke-force
	@mkdir -p $(@D)
	@sh fuzz/smoke.sh $* $(FUZZ_DIR)/bin/lf/$* fuzz/corpus/$* $(FUZZ_DICT) $(SMOKE_SECONDS) \
		$(or $(SMOKE_MIN_EXECS_$*),$(SMOKE_MIN_EXECS)) $(FUZZ_DIR)/smoke > $@

fuzz-smoke-force:

fuzz-smoke: $(FUZZ_SMOKE_RESULTS)
	@cat $(FUZZ_SMOKE_RESULTS)
	@pass=$$(grep -c '^PASS' $(FUZZ_SMOKE_RESULTS) /dev/null | awk -F: '{s += $$NF} END {print s}'); \
	fail=$$(( $(words $(FUZZ_TARGETS)) - pass )); \
	echo "fuzz-smoke: $$pass passed, $$fail failed"; [ "$$fail" -eq 0 ]

# ---- AFL++ campaign ---------------------------------------------------------
fuzz: $(FUZZ_STAMP) $(FUZZ_DIR)/bin/afl/$(TARGET) $(FUZZ_DIR)/bin/cmplog/$(TARGET)
	@AFL_FUZZ=$(AFL_FUZZ) sh fuzz/afl.sh $(TARGET) $(FUZZ_DIR)/bin/afl/$(TARGET) $(FUZZ_DIR)/bin/cmplog/$(TARGET) \
		fuzz/corpus/$(TARGET) $(FUZZ_DICT) $(SECONDS) $(JOBS) $(FUZZ_DIR)/afl/$(TARGET)

# ---- libFuzzer campaign ---------------------------------------------------
fuzz-libfuzzer: $(FUZZ_DIR)/bin/lf/$(TARGET)
	@sh fuzz/libfuzzer.sh $(TARGET) $(FUZZ_DIR)/bin/lf/$(TARGET) fuzz/corpus/$(TARGET) \
		$(FUZZ_DICT) $(SECONDS) $(FUZZ_DIR)/lf/$(TARGET)

fuzz-report:
	@sh fuzz/report.sh $(FUZZ_DIR)

# ---- replay saved crashes (strict: known-bug tolerances off) -----------------
fuzz-repro: $(FUZZ_TARGETS:%=$(FUZZ_DIR)/bin/repro/%)
	@sh fuzz/repro.sh $(FUZZ_DIR)/bin/repro fuzz/crashes

# ---- corpora ------------------------------------------------------------------
fuzz-corpus: $(FUZZ_TARGETS:%=$(FUZZ_DIR)/bin/lf/%) $(FUZZ_TARGETS:%=$(FUZZ_DIR)/bin/afl/%)
	sh fuzz/seed.sh $(FUZZ_DIR)/seeds
	sh fuzz/minimise.sh $(FUZZ_DIR) $(FUZZ_TARGETS)

# ---- replay the corpora through plain builds (make coverage) ------------------
# Each harness built with $(CC) and the flags of $(BUILD), without engine or
# sanitizer: driver.h then gives it the main() that runs each FILE argument.
# `make coverage` builds them with --coverage so that the committed corpora
# count.  fuzz/crashes/ needs no replay here: every reproducer is also in its
# target's corpus.
FUZZ_REPLAY_BIN := $(FUZZ_TARGETS:%=$(BUILD)/fuzz/%)

$(BUILD)/fuzz/%: fuzz/%.c fuzz/driver.h fuzz/fuzz_util.h $(BUILD)/gen/vendors.h \
		$(BUILD)/libmdevdesc-internal.a
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -Ifuzz -o $@ $< $(BUILD)/libmdevdesc-internal.a $(FUZZ_LIBS_$*) $(LDFLAGS_SAN)

.PHONY: fuzz-replay
fuzz-replay: $(FUZZ_REPLAY_BIN)
	@set -e; for t in $(FUZZ_TARGETS); do \
		$(BUILD)/fuzz/$$t fuzz/corpus/$$t/* > $(BUILD)/fuzz/$$t.log; \
		echo "fuzz-replay: $$t: $$(grep -c '^ok ' $(BUILD)/fuzz/$$t.log) inputs"; \
	done
