# SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause
#
# mdevdesc - the build.  Plain GNU make; every target that needs Debian
# packages installs them first through mk/deps.sh (mk/packages.txt).
#
#   make            libmdevdesc.a, libmdevdesc.so.1 and the tools, in build/
#   make demo       set up, then validate the shipped examples
#   make check      every test with -Werror, then again under ASan+UBSan
#   make install    PREFIX=/usr/local DESTDIR= LIBDIR=$(PREFIX)/lib

VERSION := 0.1.0
SOMAJOR := 1

PREFIX ?= /usr/local
LIBDIR ?= $(PREFIX)/lib
INCLUDEDIR ?= $(PREFIX)/include
BINDIR ?= $(PREFIX)/bin
DATADIR ?= $(PREFIX)/share
DESTDIR ?=

CC ?= cc
CXX ?= c++
CFLAGS ?= -O2 -g
WERROR ?=
SAN ?=
BUILD ?= build
PYTHON ?= /usr/bin/python3
RE2C ?= re2c
VENDORS_YAML ?= spec/vendors.yaml

WARN := -std=c11 -Wall -Wextra -Wshadow -Wconversion -Wstrict-prototypes \
	-Wmissing-prototypes -Wpointer-arith -Wvla
ifeq ($(SAN),1)
SANFLAGS := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
endif
ALL_CFLAGS := $(WARN) $(WERROR) $(CFLAGS) $(SANFLAGS) -fPIC -D_GNU_SOURCE \
	-Iinclude -Iparser -Ivalidator -I$(BUILD)/gen
# re2c output is generated: it gets the same flags but -Wconversion, which
# its table lookups trip.
GEN_CFLAGS := $(filter-out -Wconversion,$(ALL_CFLAGS))
LDFLAGS_SAN := $(SANFLAGS)

LIB_SRC := parser/arena.c parser/diag.c parser/parser.c validator/model.c \
	validator/values.c validator/compat.c validator/baseline.c validator/compiled.c validator/index.c validator/api.c emitter/emit.c
GEN_SRC := $(BUILD)/gen/lexer.c $(BUILD)/gen/quoting.c
LIB_OBJ := $(LIB_SRC:%.c=$(BUILD)/obj/%.o) $(GEN_SRC:$(BUILD)/gen/%.c=$(BUILD)/obj/gen/%.o)
TOOLS := mdevdesc-validate mdevdesc-fmt mdevdesc-compat
TOOL_BIN := $(TOOLS:%=$(BUILD)/%)

STAMP_BUILD := $(BUILD)/.deps-build
STAMP_CHECK := $(BUILD)/.deps-check

.PHONY: all lib tools demo check test install uninstall clean deps-build deps-check
.DELETE_ON_ERROR:
.SECONDARY:

all: lib tools

$(STAMP_BUILD): mk/packages.txt mk/deps.sh
	@mkdir -p $(BUILD)
	@sh mk/deps.sh build
	@touch $@

$(STAMP_CHECK): mk/packages.txt mk/deps.sh
	@mkdir -p $(BUILD)
	@sh mk/deps.sh check
	@touch $@

deps-build: $(STAMP_BUILD)
deps-check: $(STAMP_CHECK)

# ---- generated sources --------------------------------------------------
$(BUILD)/gen/lexer.c: parser/lexer.re $(STAMP_BUILD)
	@mkdir -p $(@D)
	$(RE2C) --input custom -W --no-generation-date --no-version -o $@ $<

$(BUILD)/gen/quoting.c: validator/quoting.re $(STAMP_BUILD)
	@mkdir -p $(@D)
	$(RE2C) -W --no-generation-date --no-version -o $@ $<

$(BUILD)/gen/vendors.h: $(VENDORS_YAML) mk/vendors.awk
	@mkdir -p $(@D)
	awk -f mk/vendors.awk $< > $@

# ---- library --------------------------------------------------------------
$(BUILD)/obj/%.o: %.c include/mdevdesc.h include/mdevdesc_emit.h parser/internal.h \
		$(BUILD)/gen/vendors.h $(STAMP_BUILD)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(BUILD)/obj/gen/%.o: $(BUILD)/gen/%.c include/mdevdesc.h parser/internal.h
	@mkdir -p $(@D)
	$(CC) $(GEN_CFLAGS) -c -o $@ $<

$(BUILD)/libmdevdesc.a: $(LIB_OBJ)
	rm -f $@
	ar rcs $@ $^

$(BUILD)/libmdevdesc.so.$(VERSION): $(LIB_OBJ) mk/libmdevdesc.map
	$(CC) -shared -Wl,-soname,libmdevdesc.so.$(SOMAJOR) \
		-Wl,--version-script=mk/libmdevdesc.map $(LDFLAGS_SAN) -o $@ $(LIB_OBJ)
	ln -sf libmdevdesc.so.$(VERSION) $(BUILD)/libmdevdesc.so.$(SOMAJOR)
	ln -sf libmdevdesc.so.$(SOMAJOR) $(BUILD)/libmdevdesc.so

$(BUILD)/mdevdesc.pc: mk/mdevdesc.pc.in Makefile
	sed -e 's|@PREFIX@|$(PREFIX)|' -e 's|@LIBDIR@|$(LIBDIR)|' \
	    -e 's|@INCLUDEDIR@|$(INCLUDEDIR)|' -e 's|@VERSION@|$(VERSION)|' $< > $@

lib: $(BUILD)/libmdevdesc.a $(BUILD)/libmdevdesc.so.$(VERSION) $(BUILD)/mdevdesc.pc

# ---- tools ------------------------------------------------------------------
$(BUILD)/obj/cli/%.o: cli/%.c cli/common.h include/mdevdesc.h $(STAMP_BUILD)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -Icli -c -o $@ $<

$(BUILD)/mdevdesc-%: $(BUILD)/obj/cli/mdevdesc-%.o $(BUILD)/obj/cli/common.o $(BUILD)/libmdevdesc.a
	$(CC) $(LDFLAGS_SAN) -o $@ $^

tools: $(TOOL_BIN)

# ---- demo -------------------------------------------------------------------
demo: $(STAMP_BUILD) tools
	@echo "== mdevdesc-validate on the shipped examples"
	$(BUILD)/mdevdesc-validate examples/*.yaml
	@echo
	@echo "== examples with errors"
	@$(BUILD)/mdevdesc-validate examples/broken/*.yaml || \
		echo "(exit status $$?: invalid, as expected)"
	@echo
	@echo "== canonical form of examples/intel-qat-4xxx.yaml"
	$(BUILD)/mdevdesc-fmt examples/intel-qat-4xxx.yaml

# ---- tests ------------------------------------------------------------------
include tests/tests.mk
include fuzz/fuzz.mk

check: $(STAMP_CHECK)
	$(MAKE) --no-print-directory BUILD=build/check WERROR=-Werror test
	$(MAKE) --no-print-directory BUILD=build/asan WERROR=-Werror SAN=1 test
	$(MAKE) --no-print-directory fuzz-smoke
	@echo "make check: all passed (plain and ASan+UBSan builds, fuzz smoke)"

# ---- install ----------------------------------------------------------------
install: all
	install -d $(DESTDIR)$(LIBDIR) $(DESTDIR)$(INCLUDEDIR) $(DESTDIR)$(BINDIR) \
		$(DESTDIR)$(LIBDIR)/pkgconfig $(DESTDIR)$(DATADIR)/mdevdesc
	install -m 644 include/mdevdesc.h include/mdevdesc_emit.h $(DESTDIR)$(INCLUDEDIR)/
	install -m 644 $(BUILD)/libmdevdesc.a $(DESTDIR)$(LIBDIR)/
	install -m 755 $(BUILD)/libmdevdesc.so.$(VERSION) $(DESTDIR)$(LIBDIR)/
	ln -sf libmdevdesc.so.$(VERSION) $(DESTDIR)$(LIBDIR)/libmdevdesc.so.$(SOMAJOR)
	ln -sf libmdevdesc.so.$(SOMAJOR) $(DESTDIR)$(LIBDIR)/libmdevdesc.so
	sed -e 's|@PREFIX@|$(PREFIX)|' -e 's|@LIBDIR@|$(LIBDIR)|' \
	    -e 's|@INCLUDEDIR@|$(INCLUDEDIR)|' -e 's|@VERSION@|$(VERSION)|' \
	    mk/mdevdesc.pc.in > $(DESTDIR)$(LIBDIR)/pkgconfig/mdevdesc.pc
	install -m 755 $(TOOL_BIN) $(DESTDIR)$(BINDIR)/

uninstall:
	rm -f $(DESTDIR)$(INCLUDEDIR)/mdevdesc.h $(DESTDIR)$(INCLUDEDIR)/mdevdesc_emit.h \
		$(DESTDIR)$(LIBDIR)/libmdevdesc.a $(DESTDIR)$(LIBDIR)/libmdevdesc.so* \
		$(DESTDIR)$(LIBDIR)/pkgconfig/mdevdesc.pc $(TOOLS:%=$(DESTDIR)$(BINDIR)/%)

clean:
	rm -rf build

# ---- benchmarks (not part of make check) ------------------------------------
BENCH_CFLAGS := -std=c11 -O2 -g -D_GNU_SOURCE -Iinclude

$(BUILD)/bench/%: bench/%.c $(BUILD)/libmdevdesc.a
	@mkdir -p $(@D)
	$(CC) $(BENCH_CFLAGS) -o $@ $< $(BUILD)/libmdevdesc.a

.PHONY: bench bench-compat bench-hostile
bench-compat: $(BUILD)/bench/compat
	$(BUILD)/bench/compat

bench-hostile: $(BUILD)/bench/hostile
	$(BUILD)/bench/hostile

bench: bench-compat bench-hostile bench-parse

include bench/bench.mk

# ---- coverage (not part of make check) --------------------------------------
# Line and branch coverage of the library from the test suite and the
# committed fuzz corpora (replayed through plain builds of the harnesses),
# the hand-written code (parser/, validator/, emitter/) and the
# re2c-generated code reported apart.  Atomic counters: test_api runs the
# library in several threads at once.
COV_BUILD := build/cov
.PHONY: coverage
coverage:
	@sh mk/deps.sh coverage
	rm -rf $(COV_BUILD)
	$(MAKE) --no-print-directory BUILD=$(COV_BUILD) \
		CFLAGS="-O0 -g --coverage -fprofile-update=atomic" LDFLAGS_SAN=--coverage \
		test-unit test-vectors test-cli test-compat test-diff fuzz-replay
	lcov -q --rc lcov_branch_coverage=1 --capture --directory $(COV_BUILD)/obj \
		--output-file $(COV_BUILD)/all.info
	lcov -q --rc lcov_branch_coverage=1 --extract $(COV_BUILD)/all.info \
		'*/parser/*' '*/validator/*' '*/emitter/*' --output-file $(COV_BUILD)/hand.info
	lcov -q --rc lcov_branch_coverage=1 --extract $(COV_BUILD)/all.info \
		'*/gen/*' --output-file $(COV_BUILD)/generated.info
	@echo "== hand-written code (parser/, validator/, emitter/)"
	@lcov --rc lcov_branch_coverage=1 --summary $(COV_BUILD)/hand.info 2>&1 | grep -E 'lines|branches'
	@echo "== re2c-generated code"
	@lcov --rc lcov_branch_coverage=1 --summary $(COV_BUILD)/generated.info 2>&1 | grep -E 'lines|branches'
	@lcov --rc lcov_branch_coverage=1 --list $(COV_BUILD)/hand.info 2>/dev/null | tail -n +1
