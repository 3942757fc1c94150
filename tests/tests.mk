# SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause
# tests.mk - the test suite, included by the Makefile.  `make test` runs it
# in $(BUILD); `make check` runs it twice: with -Werror, then under
# AddressSanitizer and UndefinedBehaviorSanitizer.

UNIT_TESTS := test_api test_emit test_quoting test_compat test_hostile test_json test_catalog test_comments test_messages
UNIT_BIN := $(UNIT_TESTS:%=$(BUILD)/tests/%)
VECTORS := $(sort $(wildcard tests/vectors/valid/*.yaml tests/vectors/invalid/*.yaml))
DIFF_INPUTS := $(sort $(wildcard tests/vectors/valid/*.yaml tests/vectors/invalid/*.twin.yaml \
	examples/*.yaml))

# Tests may reach the internals (-I., libmdevdesc-internal.a); their
# dependencies on headers come from -MMD -MP like the library's, and so are
# among $^: the link lines below leave them out.
TEST_LIB := $(BUILD)/libmdevdesc-internal.a
# test_json reads back what the JSON writer wrote with json-c.
TEST_LIBS_json := -ljson-c
-include $(wildcard $(BUILD)/tests/*.d)

$(BUILD)/tests/test_%: tests/unit/test_%.c $(TEST_LIB) | $(STAMP_CHECK)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(DEPFLAGS) -o $@ $< $(TEST_LIB) -lcmocka -lpthread $(TEST_LIBS_$*) $(LDFLAGS_SAN)

# The vector runner reads `limits:` lines as mdevdesc-validate --limit does.
$(BUILD)/tests/run-vectors: tests/run-vectors.c $(BUILD)/obj/cli/limit.o $(TEST_LIB)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(DEPFLAGS) -Icli -o $@ $(filter-out %.h,$^) $(LDFLAGS_SAN)

$(BUILD)/tests/truncate: tests/unit/truncate.c $(TEST_LIB)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(DEPFLAGS) -o $@ $(filter-out %.h,$^) $(LDFLAGS_SAN)

# The lexer once more, built without its SIMD paths, for tests/unit/lexpaths.c.
$(BUILD)/tests/lexer-scalar.o: $(BUILD)/gen/lexer.c
	@mkdir -p $(@D)
	$(CC) $(GEN_CFLAGS) -DMD_LEX_NO_SIMD -c -o $@.tmp $<
	objcopy --redefine-sym md_lex=scalar_md_lex --redefine-sym md_lex_init=scalar_md_lex_init \
		--redefine-sym md_lex_skip_document=scalar_md_lex_skip_document $@.tmp $@
	rm -f $@.tmp

$(BUILD)/tests/lexpaths: tests/unit/lexpaths.c $(BUILD)/tests/lexer-scalar.o $(TEST_LIB)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(DEPFLAGS) -o $@ $(filter-out %.h,$^) $(LDFLAGS_SAN)

$(BUILD)/tests/libyaml-events: tests/diff/libyaml-events.c | $(STAMP_CHECK)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -o $@ $< -lyaml $(LDFLAGS_SAN)

.PHONY: test-generated test-layers test-sizes test test-unit test-vectors test-diff test-header test-freestanding \
	test-kbuild test-schema test-quoting test-rules test-examples test-cli test-hosts test-install test-compat test-html test-property

test-unit: $(UNIT_BIN)
	@set -e; for t in $(UNIT_BIN); do echo "== $$t"; $$t; done

test-vectors: $(BUILD)/tests/run-vectors $(BUILD)/tests/truncate $(BUILD)/tests/lexpaths
	$(BUILD)/tests/run-vectors $(VECTORS)
	$(BUILD)/tests/truncate $(wildcard tests/vectors/valid/*.yaml) examples/*.yaml
	$(BUILD)/tests/lexpaths $(VECTORS) $(wildcard tests/vectors/invalid/*.twin.yaml) \
		examples/*.yaml examples/broken/*.yaml $(wildcard fuzz/corpus/*)

test-diff: $(BUILD)/tests/libyaml-events tools
	sh tests/diff/run.sh $(BUILD) $(DIFF_INPUTS)

# The public headers compile as C99 and C++, and link.
test-header: $(BUILD)/libmdevdesc.a
	@mkdir -p $(BUILD)/tests
	$(CC) -std=c99 -pedantic -Wall -Wextra -Werror -Iinclude -c -o $(BUILD)/tests/c99.o tests/header/c99.c
	$(CXX) -std=c++11 -Wall -Wextra -Werror -Iinclude -o $(BUILD)/tests/cxx tests/header/cxx.cc \
		$(BUILD)/libmdevdesc.a $(SANFLAGS)
	$(BUILD)/tests/cxx
	@echo "header: C99 and C++ builds passed"

# The emitter builds freestanding, 64- and 32-bit, the way another project
# builds it: tests/freestanding/Makefile takes the sources and the include
# directory from emitter/Makefile.mdevdesc-emit, here and in the directory
# that `make emitter-dist` writes.  The fragment lists every file of
# emitter/, and the freestanding build writes the same bytes as the library
# on every valid document.
EMIT_FRAGMENT_DEPS := $(EMITTER_DIST_FILES) tests/freestanding/Makefile
$(BUILD)/tests/emit-freestanding.o: $(EMIT_FRAGMENT_DEPS)
	@mkdir -p $(@D)
	$(MAKE) --no-print-directory -f tests/freestanding/Makefile O=$(@D)/fs NAME=host
	objcopy --prefix-symbols=fs_ $(@D)/fs/host.o $@

$(BUILD)/tests/emit-compare: tests/freestanding/compare.c $(BUILD)/tests/emit-freestanding.o \
		$(TEST_LIB)
	$(CC) $(ALL_CFLAGS) -o $@ $^ $(LDFLAGS_SAN)

EMITTER_DIST := $(BUILD)/tests/emitter-dist
$(EMITTER_DIST)/Makefile.mdevdesc-emit: $(EMITTER_DIST_FILES) $(wildcard LICENSES/*.txt)
	rm -rf $(EMITTER_DIST)
	$(MAKE) --no-print-directory emitter-dist DESTDIR=$(EMITTER_DIST)

EMIT_LISTED := $(sort $(MDEVDESC_EMIT_SRCS) $(MDEVDESC_EMIT_HDRS) $(MDEVDESC_EMIT_RE2C) \
	Makefile.mdevdesc-emit Kbuild.mdevdesc-emit)
EMIT_PRESENT := $(sort $(notdir $(wildcard emitter/*)))
test-freestanding: $(BUILD)/tests/emit-compare $(EMITTER_DIST)/Makefile.mdevdesc-emit
	@test "$(EMIT_LISTED)" = "$(EMIT_PRESENT)" || { \
		echo "emitter/ holds $(EMIT_PRESENT);"; \
		echo "emitter/Makefile.mdevdesc-emit lists $(EMIT_LISTED)"; exit 1; }
	sh tests/freestanding/check.sh
	sh tests/freestanding/check.sh $(EMITTER_DIST)
	$(BUILD)/tests/emit-compare $(DIFF_INPUTS)

# A kernel module links the emitter through emitter/Kbuild.mdevdesc-emit,
# from emitter/ and from the emitter-dist directory.  Skipped, with a
# message, when no kernel headers are installed; run from the plain build
# only, as it tests the build fragments, not the memory safety of C code.
test-kbuild: $(EMITTER_DIST)/Makefile.mdevdesc-emit
ifneq ($(SAN),1)
	sh tests/freestanding/kbuild.sh emitter
	sh tests/freestanding/kbuild.sh $(EMITTER_DIST)
endif

# The committed emitter/quoting.c is what re2c makes of emitter/quoting.re
# (`make quoting-regen` writes it again).
test-generated: $(BUILD)/gen/quoting.c
	@cmp -s $(BUILD)/gen/quoting.c emitter/quoting.c || { \
		echo "emitter/quoting.c is stale: run make quoting-regen"; exit 1; }
	@echo "generated: emitter/quoting.c is up to date"

# Rooms include only what is below them; the tools only public headers, and
# they link against the shared library as well as the static one.
test-layers: $(CLI_OBJ) $(TOOL_OBJ) $(TOOLS:%=$(BUILD)/obj/cli/%.o) \
		$(BUILD)/libmdevdesc.so.$(VERSION) $(BUILD)/libmdevdesc.a
	sh tests/layers.sh --self-test
	sh tests/layers.sh
	@mkdir -p $(BUILD)/tests
	@set -e; $(foreach t,$(TOOLS),$(CC) $(LDFLAGS_SAN) -o $(BUILD)/tests/shared-$(t) \
		$(BUILD)/obj/cli/$(t).o $(TOOL_OBJ_$(t)) $(CLI_OBJ) -L$(BUILD) -lmdevdesc;)
	@extra=$$(nm -g --defined-only $(BUILD)/libmdevdesc.a | awk 'NF == 3 {print $$3}' | \
		grep -v '^mdevdesc_' || true); \
	if [ -n "$$extra" ]; then echo "libmdevdesc.a: global symbols beyond mdevdesc_*:" $$extra; exit 1; fi
	@nm -D --defined-only $(BUILD)/libmdevdesc.so.$(VERSION) | awk 'NF == 3 {print $$3}' | \
		sed 's/@.*//' | grep '^mdevdesc_' | sort > $(BUILD)/tests/exported.txt
	@grep -o 'mdevdesc_[a-z0-9_]*' mk/libmdevdesc.map | sort > $(BUILD)/tests/mapped.txt
	@grep -ho 'mdevdesc_[a-z0-9_]*(' include/mdevdesc.h include/mdevdesc_emit.h | tr -d '(' | \
		sort -u > $(BUILD)/tests/declared.txt
	@cmp -s $(BUILD)/tests/exported.txt $(BUILD)/tests/mapped.txt && \
		cmp -s $(BUILD)/tests/declared.txt $(BUILD)/tests/mapped.txt || { \
		echo "libmdevdesc.so: exported, mk/libmdevdesc.map and the headers' functions differ:"; \
		diff $(BUILD)/tests/mapped.txt $(BUILD)/tests/exported.txt; \
		diff $(BUILD)/tests/mapped.txt $(BUILD)/tests/declared.txt; exit 1; }
	@echo "layers: the tools link the shared library; libmdevdesc.a exports only mdevdesc_*;" \
		"the shared library exports the functions of the headers, as mk/libmdevdesc.map lists"

# No library function over 120 lines, no file over 800 (core/, parser/,
# emitter/, validator/, compat/, host/).
test-sizes:
	sh tests/sizes.sh --self-test
	sh tests/sizes.sh

test-schema: tools
	$(PYTHON) tests/schema/check_schema.py $(BUILD)
	$(PYTHON) tests/schema/check_compat_schema.py $(BUILD)
	$(PYTHON) tests/schema/check_scan_schema.py $(BUILD)

test-quoting: tools
	$(PYTHON) tests/quoting/check_quoting.py $(BUILD)

# The tool output quoted in the documentation is the tools' real output
# (`make docs-outputs` rewrites the quoted blocks after a deliberate change).
DOC_FILES := README.md spec/mdevdesc.md
.PHONY: test-docs docs-outputs
test-docs: tools
	$(PYTHON) tests/docs/check_outputs.py $(BUILD) $(DOC_FILES)

docs-outputs: tools
	$(PYTHON) tests/docs/check_outputs.py --update $(BUILD) $(DOC_FILES)

# Every rule ID of the spec has a vector.
test-rules:
	sh tests/vectors/check-coverage.sh spec/mdevdesc.md

test-examples: tools
	$(BUILD)/mdevdesc-validate --quiet examples/*.yaml
	! $(BUILD)/mdevdesc-validate --quiet examples/broken/*.yaml > /dev/null

# The compat vectors, through the reference resolver and through the C tool.
test-compat: tools
	$(PYTHON) tests/reference/run_compat_vectors.py --build-dir $(BUILD)
	$(PYTHON) tests/reference/run_compat_vectors.py --build-dir $(BUILD) --impl c

# The HTML matrix in headless Chromium (installs the chromium package): the
# page's DOM after its scripts ran and the screenshot's pixels.  Run once,
# from the plain build: it tests the page, not the memory safety of C code.
test-html: tools
ifneq ($(SAN),1)
	sh tests/html/check.sh $(BUILD)
endif

# Generated descriptors: the C library against the reference resolver and
# the properties of spec 6 (fixed seed; fewer cases under the sanitizers).
PROPERTY_CASES := $(if $(filter 1,$(SAN)),512,2048)
test-property: tools
	$(PYTHON) tests/property/compat_props.py --build-dir $(BUILD) --seed 20261127 \
		--cases $(PROPERTY_CASES)

test-cli: tools
	sh tests/cli/run.sh $(BUILD)
	$(PYTHON) tests/cli/hostile_output.py $(BUILD)

# Discovery (spec 9): the discovery vectors, the hostile host, the sample
# hosts of examples/hosts/ and mdevdesc-scan's command line.
test-hosts: tools
	PYTHON=$(PYTHON) sh tests/hosts/run.sh $(BUILD)

# make install into a staging directory, then use it (plain build only: a
# sanitizer build's shared library needs the sanitizer runtime preloaded).
test-install: lib tools
ifneq ($(SAN),1)
	sh tests/install/check.sh $(BUILD)
endif

test: all test-generated test-layers test-sizes test-docs test-unit test-vectors test-diff test-header \
	test-freestanding test-kbuild test-schema test-quoting test-rules test-examples test-cli \
	test-hosts test-install test-compat test-html test-property
