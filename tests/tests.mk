# SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause
# tests.mk - the test suite, included by the Makefile; `make test` runs it
# in $(BUILD) (make check runs it twice: plain, then ASan+UBSan).

TEST_LIBS := $(BUILD)/libmdevdesc.a

$(BUILD)/tests/%: tests/unit/%.c $(TEST_LIBS) $(STAMP_CHECK)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -o $@ $< $(TEST_LIBS) -lcmocka $(LDFLAGS_SAN)

test: all
