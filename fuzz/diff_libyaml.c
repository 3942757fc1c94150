/* SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause */
/*
 * diff_libyaml.c - fuzz target `diff_libyaml`: the YAML subset against
 * libyaml (spec 4: every input the subset accepts means the same to every
 * YAML 1.2 parser).
 *
 * When mdevdesc_events() accepts the input, libyaml must accept it too and
 * produce an identical event stream, in the notation of the YAML test
 * suite's test.event files that tests/diff/libyaml-events.c prints.  (So an
 * input libyaml rejects is never accepted by mdevdesc: the subset is
 * stricter, never looser.)  The printer below is that program's, writing to
 * memory; it also prints the anchors and tags that libyaml reports (`&a`,
 * `<tag>`), which the subset never produces, so that libyaml reading one
 * where mdevdesc saw none is a difference too.
 */
#include <yaml.h>

#include "driver.h"
#include "fuzz_util.h"

static void put_props(struct fuzz_buf *o, const yaml_char_t *anchor, const yaml_char_t *tag)
{
	if (anchor) {
		fuzz_buf_puts(o, " &");
		fuzz_buf_puts(o, (const char *)anchor);
	}
	if (tag) {
		fuzz_buf_puts(o, " <");
		fuzz_buf_puts(o, (const char *)tag);
		fuzz_buf_puts(o, ">");
	}
}

static void put_scalar(struct fuzz_buf *o, const yaml_event_t *e)
{
	const unsigned char *s = e->data.scalar.value;
	size_t i;

	fuzz_buf_puts(o, "=VAL");
	put_props(o, e->data.scalar.anchor, e->data.scalar.tag);
	switch (e->data.scalar.style) {
	case YAML_SINGLE_QUOTED_SCALAR_STYLE: fuzz_buf_puts(o, " '"); break;
	case YAML_DOUBLE_QUOTED_SCALAR_STYLE: fuzz_buf_puts(o, " \""); break;
	case YAML_LITERAL_SCALAR_STYLE: fuzz_buf_puts(o, " |"); break;
	case YAML_FOLDED_SCALAR_STYLE: fuzz_buf_puts(o, " >"); break;
	default: fuzz_buf_puts(o, " :"); break;
	}
	for (i = 0; i < e->data.scalar.length; i++) {
		switch (s[i]) {
		case '\\': fuzz_buf_puts(o, "\\\\"); break;
		case '\0': fuzz_buf_puts(o, "\\0"); break;
		case '\b': fuzz_buf_puts(o, "\\b"); break;
		case '\n': fuzz_buf_puts(o, "\\n"); break;
		case '\r': fuzz_buf_puts(o, "\\r"); break;
		case '\t': fuzz_buf_puts(o, "\\t"); break;
		default: fuzz_buf_put(o, (const char *)s + i, 1); break;
		}
	}
	fuzz_buf_puts(o, "\n");
}

/* libyaml's event stream of @buf; 0 when it accepts the input, -1 when not. */
static int libyaml_events(const uint8_t *buf, size_t len, struct fuzz_buf *o, char *err,
			  size_t errsize)
{
	yaml_parser_t parser;
	yaml_event_t ev;
	int done = 0, rc = 0;

	if (!yaml_parser_initialize(&parser))
		abort();
	yaml_parser_set_input_string(&parser, buf, len);
	while (!done) {
		if (!yaml_parser_parse(&parser, &ev)) {
			snprintf(err, errsize, "%s at line %lu column %lu",
				 parser.problem ? parser.problem : "error",
				 (unsigned long)parser.problem_mark.line + 1,
				 (unsigned long)parser.problem_mark.column + 1);
			rc = -1;
			break;
		}
		switch (ev.type) {
		case YAML_STREAM_START_EVENT: fuzz_buf_puts(o, "+STR\n"); break;
		case YAML_STREAM_END_EVENT:
			fuzz_buf_puts(o, "-STR\n");
			done = 1;
			break;
		case YAML_DOCUMENT_START_EVENT:
			fuzz_buf_puts(o, ev.data.document_start.implicit ? "+DOC\n" : "+DOC ---\n");
			break;
		case YAML_DOCUMENT_END_EVENT:
			fuzz_buf_puts(o, ev.data.document_end.implicit ? "-DOC\n" : "-DOC ...\n");
			break;
		case YAML_MAPPING_START_EVENT:
			fuzz_buf_puts(o, "+MAP");
			if (ev.data.mapping_start.style == YAML_FLOW_MAPPING_STYLE)
				fuzz_buf_puts(o, " {}");
			put_props(o, ev.data.mapping_start.anchor, ev.data.mapping_start.tag);
			fuzz_buf_puts(o, "\n");
			break;
		case YAML_MAPPING_END_EVENT: fuzz_buf_puts(o, "-MAP\n"); break;
		case YAML_SEQUENCE_START_EVENT:
			fuzz_buf_puts(o, "+SEQ");
			if (ev.data.sequence_start.style == YAML_FLOW_SEQUENCE_STYLE)
				fuzz_buf_puts(o, " []");
			put_props(o, ev.data.sequence_start.anchor, ev.data.sequence_start.tag);
			fuzz_buf_puts(o, "\n");
			break;
		case YAML_SEQUENCE_END_EVENT: fuzz_buf_puts(o, "-SEQ\n"); break;
		case YAML_SCALAR_EVENT: put_scalar(o, &ev); break;
		case YAML_ALIAS_EVENT:
			fuzz_buf_puts(o, "=ALI *");
			fuzz_buf_puts(o, (const char *)ev.data.alias.anchor);
			fuzz_buf_puts(o, "\n");
			break;
		default: break;
		}
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&parser);
	return rc;
}

static void fuzz_one(const uint8_t *data, size_t size)
{
	struct fuzz_buf ours = { NULL, 0, 0 }, theirs = { NULL, 0, 0 };
	mdevdesc_file *f = NULL;
	mdevdesc_code rc;
	char err[256] = "";

	rc = mdevdesc_events((const char *)data, size, NULL, fuzz_buf_put, &ours, &f);
	FUZZ_ASSERT(f, "events returned %s and no result", mdevdesc_code_name(rc));
	FUZZ_ASSERT((rc == MDEVDESC_OK) == (mdevdesc_file_error_count(f) == 0), "rc and error count");
	FUZZ_ASSERT(mdevdesc_file_doc_count(f) == 0, "events returned documents");
	if (rc == MDEVDESC_OK) {
		FUZZ_ASSERT(libyaml_events(data, size, &theirs, err, sizeof(err)) == 0,
			    "accepted by mdevdesc, rejected by libyaml: %s\n--- mdevdesc events\n%s---",
			    err, ours.p);
		FUZZ_ASSERT(ours.n == theirs.n && memcmp(ours.p, theirs.p, ours.n) == 0,
			    "event streams differ\n--- mdevdesc\n%s--- libyaml\n%s---", ours.p, theirs.p);
	}
	mdevdesc_file_free(f);
	fuzz_buf_free(&ours);
	fuzz_buf_free(&theirs);
}
