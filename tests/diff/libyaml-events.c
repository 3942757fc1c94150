/* SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause */
/*
 * libyaml-events.c - print libyaml's event stream of a file in the notation
 * of the YAML test suite's test.event files, for the differential test
 * against `mdevdesc-validate --events` (tests/diff/run.sh).  Exits 1 when
 * libyaml rejects the input.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

static void print_scalar(const yaml_event_t *e)
{
	const unsigned char *s = e->data.scalar.value;
	size_t i;

	switch (e->data.scalar.style) {
	case YAML_SINGLE_QUOTED_SCALAR_STYLE: fputs("=VAL '", stdout); break;
	case YAML_DOUBLE_QUOTED_SCALAR_STYLE: fputs("=VAL \"", stdout); break;
	case YAML_LITERAL_SCALAR_STYLE: fputs("=VAL |", stdout); break;
	case YAML_FOLDED_SCALAR_STYLE: fputs("=VAL >", stdout); break;
	default: fputs("=VAL :", stdout); break;
	}
	for (i = 0; i < e->data.scalar.length; i++) {
		switch (s[i]) {
		case '\\': fputs("\\\\", stdout); break;
		case '\0': fputs("\\0", stdout); break;
		case '\b': fputs("\\b", stdout); break;
		case '\n': fputs("\\n", stdout); break;
		case '\r': fputs("\\r", stdout); break;
		case '\t': fputs("\\t", stdout); break;
		default: putchar(s[i]); break;
		}
	}
	putchar('\n');
}

int main(int argc, char **argv)
{
	yaml_parser_t parser;
	yaml_event_t ev;
	FILE *in;
	int done = 0, rc = 0;

	if (argc != 2) {
		fprintf(stderr, "usage: libyaml-events FILE\n");
		return 2;
	}
	in = fopen(argv[1], "rb");
	if (!in) {
		perror(argv[1]);
		return 2;
	}
	yaml_parser_initialize(&parser);
	yaml_parser_set_input_file(&parser, in);
	while (!done) {
		if (!yaml_parser_parse(&parser, &ev)) {
			fprintf(stderr, "libyaml: %s at line %lu column %lu\n",
				parser.problem ? parser.problem : "error",
				(unsigned long)parser.problem_mark.line + 1,
				(unsigned long)parser.problem_mark.column + 1);
			rc = 1;
			break;
		}
		switch (ev.type) {
		case YAML_STREAM_START_EVENT: puts("+STR"); break;
		case YAML_STREAM_END_EVENT: puts("-STR"); done = 1; break;
		case YAML_DOCUMENT_START_EVENT:
			puts(ev.data.document_start.implicit ? "+DOC" : "+DOC ---");
			break;
		case YAML_DOCUMENT_END_EVENT:
			puts(ev.data.document_end.implicit ? "-DOC" : "-DOC ...");
			break;
		case YAML_MAPPING_START_EVENT:
			puts(ev.data.mapping_start.style == YAML_FLOW_MAPPING_STYLE ? "+MAP {}" : "+MAP");
			break;
		case YAML_MAPPING_END_EVENT: puts("-MAP"); break;
		case YAML_SEQUENCE_START_EVENT:
			puts(ev.data.sequence_start.style == YAML_FLOW_SEQUENCE_STYLE ? "+SEQ []" : "+SEQ");
			break;
		case YAML_SEQUENCE_END_EVENT: puts("-SEQ"); break;
		case YAML_SCALAR_EVENT: print_scalar(&ev); break;
		case YAML_ALIAS_EVENT: printf("=ALI *%s\n", ev.data.alias.anchor); break;
		default: break;
		}
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&parser);
	fclose(in);
	return rc;
}
