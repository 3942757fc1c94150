# SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause
#
# bench/bench.mk - the benchmarks (bench/README.md), included from the
# Makefile.  Not part of make check.
#
#   make bench                every benchmark below
#   make bench-compat         compatibility checks, ranking and the index
#   make bench-hostile        hostile inputs against their limits
#   make bench-parse          generate and check the corpus, then run (~2 min)
#   make bench-corpus         only generate and check the corpus
#   make bench-parse-profile  perf profile of the libmdevdesc run on the
#                             64 MiB stream
#
# The corpus is generated (fixed seed, bench/corpus.c) into
# $(BUILD)/bench/corpus/ and never committed.

BENCH_CFLAGS := -std=c11 -O2 -g -D_GNU_SOURCE -I. -Iinclude

.PHONY: bench bench-compat bench-hostile
bench: bench-compat bench-hostile bench-parse

$(BUILD)/bench/%: bench/%.c $(BUILD)/libmdevdesc.a
	@mkdir -p $(@D)
	$(CC) $(BENCH_CFLAGS) -o $@ $< $(BUILD)/libmdevdesc.a

bench-compat: $(BUILD)/bench/compat
	$(BUILD)/bench/compat

bench-hostile: $(BUILD)/bench/hostile
	$(BUILD)/bench/hostile

BENCH_CORPUS := $(BUILD)/bench/corpus
BENCH_CORPUS_FILES := $(addprefix $(BENCH_CORPUS)/,typical.yaml large.yaml \
	stream-16m.yaml stream-64m.yaml)
BENCH_EXAMPLES := $(sort $(wildcard examples/*.yaml))
BENCH_PARSE_CFLAGS = $(BENCH_CFLAGS) -Wall -Wextra
BENCH_PARSE_LIBS := -lyaml -lfyaml -lcyaml
STAMP_BENCH := $(BUILD)/.deps-bench

.PHONY: bench-parse bench-corpus bench-parse-profile

$(STAMP_BENCH): mk/packages.txt mk/deps.sh
	@mkdir -p $(BUILD)
	@sh mk/deps.sh bench
	@touch $@

$(BUILD)/bench/corpus-gen: bench/corpus.c | $(STAMP_BUILD)
	@mkdir -p $(@D)
	$(CC) $(BENCH_PARSE_CFLAGS) -o $@ $<

$(BUILD)/bench/parse: bench/parse.c $(BUILD)/libmdevdesc-internal.a $(STAMP_BENCH)
	@mkdir -p $(@D)
	$(CC) $(BENCH_PARSE_CFLAGS) $(DEPFLAGS) -o $@ $< $(BUILD)/libmdevdesc-internal.a $(BENCH_PARSE_LIBS)

-include $(BUILD)/bench/parse.d

# One run of the generator writes every file of the corpus.
$(BENCH_CORPUS)/.generated: $(BUILD)/bench/corpus-gen $(BENCH_EXAMPLES)
	@mkdir -p $(@D)
	$(BUILD)/bench/corpus-gen $(@D) $(BENCH_EXAMPLES)
	@touch $@

# Every generated document is valid; checked again when the validator changes
# (the benchmark also fails when libmdevdesc finds an invalid document).
$(BENCH_CORPUS)/.valid: $(BENCH_CORPUS)/.generated $(BUILD)/mdevdesc-validate
	$(BUILD)/mdevdesc-validate --quiet $(BENCH_CORPUS_FILES)
	@touch $@

bench-corpus: $(BENCH_CORPUS)/.valid
	@cat $(BENCH_CORPUS)/MANIFEST

bench-parse: $(BUILD)/bench/parse $(BENCH_CORPUS)/.valid
	@cat $(BENCH_CORPUS)/MANIFEST
	$(BUILD)/bench/parse $(BENCH_CORPUS) $(BENCH_EXAMPLES)

# A flat profile (self time by symbol) of libmdevdesc validating the stream.
# perf's software clock: this machine has no hardware counters.
bench-parse-profile: $(BUILD)/bench/parse $(BENCH_CORPUS)/.valid
	perf record -q -e cpu-clock -F 4999 -o $(BUILD)/bench/perf.data -- \
		$(BUILD)/bench/parse --only mdevdesc --corpus stream-64m --budget 5 \
		$(BENCH_CORPUS) > /dev/null
	perf report -i $(BUILD)/bench/perf.data --no-children --sort dso,symbol --stdio \
		--percent-limit 0.5 2>/dev/null | awk '/%/ { printf "%8s  %-12s %s\n", $$1, $$2, $$4 }'
