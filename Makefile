# SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause
#
# mdevdesc - the build.  Plain GNU make.  A plain `make` installs nothing:
# it names the Debian packages it misses (mk/packages.txt); `make deps`,
# `make demo` and `make check` install them through mk/deps.sh.
#
#   make            libmdevdesc.a, libmdevdesc.so.2 and the tools, in build/
#   make deps       install the packages the build and the tests need
#   make demo       set up, then validate the shipped examples
#   make check      every test with -Werror, then again under ASan+UBSan
#   make check-quick  the plain build's tests only (vectors, unit, tools)
#   make install    PREFIX=/usr/local DESTDIR= (LIBDIR=$(PREFIX)/lib/<multiarch>)
#   make emitter-dist DESTDIR=DIR   the freestanding emitter, for a driver tree

VERSION := 0.2.0
SOMAJOR := 2

PREFIX ?= /usr/local
# Debian's multiarch library folder (lib/x86_64-linux-gnu) where the
# compiler names one, as dpkg and ld.so expect; plain lib elsewhere.
MULTIARCH := $(shell $(CC) -print-multiarch 2>/dev/null)
LIBDIR ?= $(PREFIX)/lib$(if $(MULTIARCH),/$(MULTIARCH))
INCLUDEDIR ?= $(PREFIX)/include
BINDIR ?= $(PREFIX)/bin
DATADIR ?= $(PREFIX)/share
DOCDIR ?= $(DATADIR)/doc/mdevdesc
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
# Includes name their room ("core/core.h", "parser/syntax.h"): -I. is the
# top of the tree; public headers come from include/, generated ones from
# $(BUILD)/gen.  -MMD -MP: every object knows the headers it includes.
ALL_CFLAGS := $(WARN) $(WERROR) $(CFLAGS) $(SANFLAGS) -fPIC -D_GNU_SOURCE \
	-I. -Iinclude -I$(BUILD)/gen
DEPFLAGS = -MMD -MP
# re2c output is generated: it gets the same flags but -Wconversion, which
# its table lookups trip.
GEN_CFLAGS := $(filter-out -Wconversion,$(ALL_CFLAGS))
LDFLAGS_SAN := $(SANFLAGS)

# ---- the rooms of the library, ground floor first ----------------------------
# Each room includes only the public headers and the rooms below it
# (tests/layers.sh checks it in make check):
#   core/       arena, diagnostics, file reading            include/
#   parser/     bytes -> tokens -> syntax tree               core/
#   emitter/    descriptor -> canonical text, freestanding   include/mdevdesc_emit.h
#   validator/  syntax tree -> descriptor model, front end   core/ parser/ emitter/
#   compat/     model -> verdict: check, rank, baseline      core/ validator/
#   host/       a host's tree -> catalog of descriptors      core/ emitter/ validator/
CORE_SRC := core/arena.c core/diag.c core/io.c
PARSER_SRC := parser/parser.c parser/errors.c parser/scalars.c parser/keyset.c parser/events.c \
	parser/comments.c
# The emitter's files are listed in emitter/Makefile.mdevdesc-emit, the
# fragment that other projects include to build it (see README.md).
include emitter/Makefile.mdevdesc-emit
ifneq ($(MDEVDESC_EMIT_VERSION),$(VERSION))
$(error emitter/Makefile.mdevdesc-emit says $(MDEVDESC_EMIT_VERSION), the Makefile $(VERSION))
endif
EMITTER_SRC := $(MDEVDESC_EMIT_SRCS:%=emitter/%)
VALIDATOR_SRC := validator/model.c validator/scalars.c validator/versions.c validator/entries.c \
	validator/hwnames.c validator/suggest.c \
	validator/extensions.c validator/values.c validator/api.c validator/json.c \
	validator/comments.c
COMPAT_SRC := compat/report.c compat/compat.c compat/instance.c compat/baseline.c compat/compiled.c compat/index.c
HOST_SRC := host/fs.c host/catalog.c host/files.c host/sysfs.c host/attrs.c
LIB_SRC := $(CORE_SRC) $(PARSER_SRC) $(EMITTER_SRC) $(VALIDATOR_SRC) $(COMPAT_SRC) $(HOST_SRC)
GEN_SRC := $(BUILD)/gen/lexer.c
LIB_OBJ := $(LIB_SRC:%.c=$(BUILD)/obj/%.o) $(GEN_SRC:$(BUILD)/gen/%.c=$(BUILD)/obj/gen/%.o)
TOOLS := mdevdesc-validate mdevdesc-fmt mdevdesc-compat mdevdesc-scan
TOOL_BIN := $(TOOLS:%=$(BUILD)/%)
CLI_COMMON := cli/common.c cli/limit.c
CLI_OBJ := $(CLI_COMMON:%.c=$(BUILD)/obj/%.o)
# Objects of one tool beyond cli/mdevdesc-TOOL.c and $(CLI_OBJ).
TOOL_OBJ_mdevdesc-compat := $(patsubst %.c,$(BUILD)/obj/%.o,cli/compat-explain.c cli/compat-json.c \
	cli/compat-html.c cli/compat-instance.c)
TOOL_OBJ_mdevdesc-validate := $(BUILD)/obj/cli/walk.o
TOOL_OBJ_mdevdesc-fmt := $(BUILD)/obj/cli/diff.o
TOOL_OBJ := $(foreach t,$(TOOLS),$(TOOL_OBJ_$(t)))

STAMP_BUILD := $(BUILD)/.deps-build
STAMP_CHECK := $(BUILD)/.deps-check

.PHONY: all lib tools demo check test install uninstall clean deps deps-build deps-check
.DELETE_ON_ERROR:
.SECONDARY:

all: lib tools

# A plain build installs nothing: it names what is missing and stops.  Only
# `make deps`, `make demo`, `make check` (and the fuzz, bench and coverage
# targets) install packages, through mk/deps.sh.
$(STAMP_BUILD): mk/packages.txt mk/deps.sh
	@mkdir -p $(BUILD)
	@sh mk/deps.sh --verify build
	@touch $@

$(STAMP_CHECK): mk/packages.txt mk/deps.sh
	@mkdir -p $(BUILD)
	@sh mk/deps.sh --verify check
	@touch $@

deps:
	@sh mk/deps.sh build check
deps-build:
	@sh mk/deps.sh build
deps-check:
	@sh mk/deps.sh check

# ---- generated sources --------------------------------------------------
# The lexer is generated at build time.  The emitter's quoting table is
# generated too but committed (emitter/quoting.c), so that a kernel tree
# can build the emitter without re2c; test-generated fails when it is stale.
$(BUILD)/gen/lexer.c: parser/lexer.re | $(STAMP_BUILD)
	@mkdir -p $(@D)
	$(RE2C) --input custom -W --no-generation-date --no-version -o $@ $<

QUOTING_RE2C := $(RE2C) -W -i --no-generation-date --no-version
$(BUILD)/gen/quoting.c: emitter/quoting.re | $(STAMP_BUILD)
	@mkdir -p $(@D)
	$(QUOTING_RE2C) -o $@ $<

.PHONY: quoting-regen
quoting-regen:
	$(QUOTING_RE2C) -o emitter/quoting.c emitter/quoting.re

$(BUILD)/gen/vendors.h: $(VENDORS_YAML) mk/vendors.awk
	@mkdir -p $(@D)
	awk -f mk/vendors.awk $< > $@

# ---- library --------------------------------------------------------------
$(BUILD)/obj/%.o: %.c $(BUILD)/gen/vendors.h | $(STAMP_BUILD)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(DEPFLAGS) -c -o $@ $<

$(BUILD)/obj/gen/%.o: $(BUILD)/gen/%.c
	@mkdir -p $(@D)
	$(CC) $(GEN_CFLAGS) $(DEPFLAGS) -c -o $@ $<

-include $(LIB_OBJ:.o=.d) $(CLI_OBJ:.o=.d) $(TOOL_OBJ:.o=.d) $(TOOLS:%=$(BUILD)/obj/cli/%.d)

# libmdevdesc.a holds one object, linked from the library's objects, in
# which only the mdevdesc_* symbols stay global: the internals (md_*) cannot
# collide with a program's symbols.  The tests and benchmarks that reach
# the internals link libmdevdesc-internal.a, never installed.
$(BUILD)/libmdevdesc-internal.a: $(LIB_OBJ)
	rm -f $@
	ar rcs $@ $^

$(BUILD)/obj/libmdevdesc.o: $(LIB_OBJ)
	ld -r -o $@ $^
	objcopy -w --keep-global-symbol='mdevdesc_*' $@

$(BUILD)/libmdevdesc.a: $(BUILD)/obj/libmdevdesc.o
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

lib: $(BUILD)/libmdevdesc.a $(BUILD)/libmdevdesc-internal.a $(BUILD)/libmdevdesc.so.$(VERSION) \
	$(BUILD)/mdevdesc.pc

# ---- tools ------------------------------------------------------------------
# The tools include only public headers (-Iinclude, not -I.) and link only
# the public symbols of libmdevdesc.a.
CLI_CFLAGS := $(WARN) $(WERROR) $(CFLAGS) $(SANFLAGS) -D_GNU_SOURCE -Iinclude -Icli
$(BUILD)/obj/cli/%.o: cli/%.c | $(STAMP_BUILD)
	@mkdir -p $(@D)
	$(CC) $(CLI_CFLAGS) $(DEPFLAGS) -c -o $@ $<

$(BUILD)/mdevdesc-%: $(BUILD)/obj/cli/mdevdesc-%.o $(CLI_OBJ) $(BUILD)/libmdevdesc.a
	$(CC) $(LDFLAGS_SAN) -o $@ $(filter %.o,$^) $(BUILD)/libmdevdesc.a

$(BUILD)/mdevdesc-compat: $(TOOL_OBJ_mdevdesc-compat)
$(BUILD)/mdevdesc-validate: $(TOOL_OBJ_mdevdesc-validate)
$(BUILD)/mdevdesc-fmt: $(TOOL_OBJ_mdevdesc-fmt)

tools: $(TOOL_BIN)

# ---- demo -------------------------------------------------------------------
demo: deps-build
	@$(MAKE) --no-print-directory tools
	@echo "== mdevdesc-validate on the shipped examples"
	$(BUILD)/mdevdesc-validate examples/*.yaml
	@echo
	@echo "== examples with errors"
	@$(BUILD)/mdevdesc-validate examples/broken/*.yaml || \
		echo "(exit status $$?: invalid, as expected)"
	@echo
	@echo "== canonical form of examples/intel-qat-4xxx.yaml"
	$(BUILD)/mdevdesc-fmt examples/intel-qat-4xxx.yaml
	@echo
	@echo "== the descriptors of two sample hosts (examples/hosts/)"
	$(BUILD)/mdevdesc-scan --root examples/hosts/host-a
	@echo
	$(BUILD)/mdevdesc-scan --root examples/hosts/host-b

# ---- the emitter for other projects ---------------------------------------
# One flat directory that a driver tree can carry as it is: the emitter's
# sources (quoting.c as generated, with quoting.re, its source), the public
# header, both build fragments and the licence texts.  The fragments find
# mdevdesc_emit.h beside them there, and in ../include in this repository.
EMITTER_DIST_FILES := $(MDEVDESC_EMIT_SRCS:%=emitter/%) $(MDEVDESC_EMIT_HDRS:%=emitter/%) \
	$(MDEVDESC_EMIT_RE2C:%=emitter/%) emitter/Makefile.mdevdesc-emit emitter/Kbuild.mdevdesc-emit \
	$(MDEVDESC_EMIT_INCLUDES:%=include/%) LICENSE
.PHONY: emitter-dist
emitter-dist:
	@test -n "$(DESTDIR)" || { echo "emitter-dist: name the directory: make emitter-dist DESTDIR=DIR"; exit 1; }
	install -d $(DESTDIR)/LICENSES
	install -m 644 $(EMITTER_DIST_FILES) $(DESTDIR)/
	install -m 644 LICENSES/*.txt $(DESTDIR)/LICENSES/

# ---- tests ------------------------------------------------------------------
include tests/tests.mk
include fuzz/fuzz.mk

# The quick loop while editing: the plain build's vectors, unit tests and
# tool tests, under a minute.  make check is the gate.
.PHONY: check-quick
check-quick: deps-check
	$(MAKE) --no-print-directory BUILD=build/check WERROR=-Werror all test-generated \
		test-layers test-unit test-vectors test-cli test-hosts test-examples test-rules
	@echo "make check-quick: passed (make check runs everything)"

check: deps-check
	$(MAKE) --no-print-directory BUILD=build/check WERROR=-Werror test
	$(MAKE) --no-print-directory BUILD=build/asan WERROR=-Werror SAN=1 test
	$(MAKE) --no-print-directory fuzz-smoke
	@echo "make check: all passed (plain and ASan+UBSan builds, fuzz smoke)"

# ---- install ----------------------------------------------------------------
# Data (the vendor registry, the schemas) go to $(DATADIR)/mdevdesc, the
# spec and the examples to $(DOCDIR).
install: all
	install -d $(DESTDIR)$(LIBDIR) $(DESTDIR)$(INCLUDEDIR) $(DESTDIR)$(BINDIR) \
		$(DESTDIR)$(LIBDIR)/pkgconfig $(DESTDIR)$(DATADIR)/mdevdesc/schema \
		$(DESTDIR)$(DOCDIR)/examples
	install -m 644 include/mdevdesc.h include/mdevdesc_codes.h include/mdevdesc_emit.h \
		$(DESTDIR)$(INCLUDEDIR)/
	install -m 644 $(BUILD)/libmdevdesc.a $(DESTDIR)$(LIBDIR)/
	install -m 755 $(BUILD)/libmdevdesc.so.$(VERSION) $(DESTDIR)$(LIBDIR)/
	ln -sf libmdevdesc.so.$(VERSION) $(DESTDIR)$(LIBDIR)/libmdevdesc.so.$(SOMAJOR)
	ln -sf libmdevdesc.so.$(SOMAJOR) $(DESTDIR)$(LIBDIR)/libmdevdesc.so
	sed -e 's|@PREFIX@|$(PREFIX)|' -e 's|@LIBDIR@|$(LIBDIR)|' \
	    -e 's|@INCLUDEDIR@|$(INCLUDEDIR)|' -e 's|@VERSION@|$(VERSION)|' \
	    mk/mdevdesc.pc.in > $(DESTDIR)$(LIBDIR)/pkgconfig/mdevdesc.pc
	install -m 755 $(TOOL_BIN) $(DESTDIR)$(BINDIR)/
	install -m 644 spec/vendors.yaml $(DESTDIR)$(DATADIR)/mdevdesc/
	install -m 644 schema/*.json $(DESTDIR)$(DATADIR)/mdevdesc/schema/
	install -m 644 spec/mdevdesc.md README.md CHANGELOG.md $(DESTDIR)$(DOCDIR)/
	install -m 644 examples/*.yaml $(DESTDIR)$(DOCDIR)/examples/

uninstall:
	rm -f $(DESTDIR)$(INCLUDEDIR)/mdevdesc.h $(DESTDIR)$(INCLUDEDIR)/mdevdesc_codes.h \
		$(DESTDIR)$(INCLUDEDIR)/mdevdesc_emit.h \
		$(DESTDIR)$(LIBDIR)/libmdevdesc.a $(DESTDIR)$(LIBDIR)/libmdevdesc.so* \
		$(DESTDIR)$(LIBDIR)/pkgconfig/mdevdesc.pc $(TOOLS:%=$(DESTDIR)$(BINDIR)/%)
	rm -rf $(DESTDIR)$(DATADIR)/mdevdesc $(DESTDIR)$(DOCDIR)

clean:
	rm -rf build

# ---- benchmarks (not part of make check): bench/bench.mk ------------------
include bench/bench.mk

# ---- coverage (not part of make check) --------------------------------------
# Line and branch coverage of the library from the test suite and the
# committed fuzz corpora (replayed through plain builds of the harnesses),
# the hand-written code (core/, parser/, validator/, compat/, host/, emitter/) and the
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
		'*/core/*' '*/parser/*' '*/validator/*' '*/compat/*' '*/host/*' '*/emitter/*' \
		--output-file $(COV_BUILD)/hand.info
	lcov -q --rc lcov_branch_coverage=1 --extract $(COV_BUILD)/all.info \
		'*/gen/*' --output-file $(COV_BUILD)/generated.info
	@echo "== hand-written code (core/, parser/, validator/, compat/, host/, emitter/)"
	@lcov --rc lcov_branch_coverage=1 --summary $(COV_BUILD)/hand.info 2>&1 | grep -E 'lines|branches'
	@echo "== re2c-generated code"
	@lcov --rc lcov_branch_coverage=1 --summary $(COV_BUILD)/generated.info 2>&1 | grep -E 'lines|branches'
	@lcov --rc lcov_branch_coverage=1 --list $(COV_BUILD)/hand.info 2>/dev/null | tail -n +1
