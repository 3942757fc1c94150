/* SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause */
/*
 * api.c - the public entry points of libmdevdesc (mdevdesc.h).
 *
 * Drives the pipeline for a whole input (mdevdesc_parse) or one document
 * at a time (mdevdesc_reader): each document is parsed into a scratch
 * arena that is reset between documents, and only its model and its
 * diagnostics are kept.  Nothing here is global; each object carries its
 * allocator, limits and arenas.
 */
#include <stdlib.h>
#include <string.h>

#include "validator/model.h"

const char *mdevdesc_version_string(void)
{
	return MDEVDESC_VERSION_STRING;
}

mdevdesc_limits mdevdesc_limits_default(void)
{
	mdevdesc_limits l;

	l.max_input = MDEVDESC_MAX_INPUT;
	l.max_document_size = MDEVDESC_MAX_DOCUMENT_SIZE;
	l.max_depth = MDEVDESC_MAX_DEPTH;
	l.max_key_length = MDEVDESC_MAX_KEY_LENGTH;
	l.max_scalar_length = MDEVDESC_MAX_SCALAR_LENGTH;
	l.max_bitmap_bits = MDEVDESC_MAX_BITMAP_BITS;
	l.max_version_component = MDEVDESC_MAX_VERSION_COMPONENT;
	l.max_documents = MDEVDESC_MAX_DOCUMENTS;
	l.max_entries = MDEVDESC_MAX_ENTRIES;
	l.max_diagnostics = MDEVDESC_MAX_DIAGNOSTICS;
	return l;
}

/* What every reading object shares. */
typedef struct md_input {
	mdevdesc_alc alc;
	mdevdesc_limits lim;
	unsigned flags;
	md_arena keep;    /* models and diagnostics */
	md_arena scratch; /* syntax trees, reset per document */
	md_diags diags;
	md_parser parser;
	size_t seq;          /* documents read */
	md_comment_log log;  /* MDEVDESC_KEEP_COMMENTS, whole inputs only */
	md_key_marks marks;
} md_input;

static int input_init(md_input *in, const char *buf, size_t len, const mdevdesc_options *opt)
{
	const mdevdesc_alc *alc = md_options_alc(opt);

	if (!alc)
		return -1;
	in->alc = *alc;
	in->lim = opt && opt->limits ? *opt->limits : mdevdesc_limits_default();
	in->flags = opt ? opt->flags : 0;
	md_arena_init(&in->keep, &in->alc);
	md_arena_init(&in->scratch, &in->alc);
	memset(&in->diags, 0, sizeof(in->diags));
	in->diags.arena = &in->keep;
	in->diags.buf = (const unsigned char *)buf;
	in->diags.len = len;
	in->diags.bom = len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
	in->diags.max = in->lim.max_diagnostics ? in->lim.max_diagnostics : 1;
	md_parser_init(&in->parser, buf, len, &in->lim, &in->diags);
	in->parser.arena = &in->scratch;
	if (len > in->lim.max_input) {
		md_diag(&in->diags, MDEVDESC_E_LIMIT_INPUT, MDEVDESC_ERROR, 0, 1, "", "R-LIMIT-INPUT",
			"input of %zu bytes is larger than the max_input limit (%zu)", len,
			in->lim.max_input);
		in->parser.fatal = MDEVDESC_E_LIMIT_INPUT;
	}
	return 0;
}

static void input_fini(md_input *in)
{
	md_arena_free(&in->scratch);
	md_arena_free(&in->keep);
}

/*
 * Read the next document: 1 with *@doc set (NULL when invalid), 0 at the
 * end.  The model goes to @model_arena.
 */
static int input_next(md_input *in, md_arena *model_arena, struct mdevdesc_doc **doc)
{
	md_syntax_doc sd;

	*doc = NULL;
	md_arena_reset(&in->scratch);
	if (!md_parse_document(&in->parser, &sd))
		return 0;
	if (sd.root && !in->parser.failed && !(in->flags & MDEVDESC_SYNTAX_ONLY))
		*doc = md_model_build(&sd, model_arena, &in->diags, &in->lim, in->flags);
	if (*doc) {
		(*doc)->alc = &in->alc;
		if (in->parser.comments)
			md_marks_add(&in->marks, &in->keep, sd.root, in->seq);
	}
	in->seq++;
	return 1;
}

static void no_document(md_input *in)
{
	if (in->parser.ndocs == 0 && in->diags.errors == 0)
		md_diag(&in->diags, MDEVDESC_E_NO_DOCUMENT, MDEVDESC_ERROR, in->diags.bom, 1, "",
			"R-DOC-NONE", "the input holds no document: a descriptor starts with mdevdesc: \"1.0\"");
}

static mdevdesc_code first_error(const md_diags *d)
{
	size_t i;

	for (i = 0; i < d->n; i++)
		if (d->v[i].severity == MDEVDESC_ERROR)
			return d->v[i].code;
	return d->errors ? MDEVDESC_E_SYNTAX : MDEVDESC_OK;
}

/* ---- whole inputs ------------------------------------------------------- */

struct mdevdesc_file {
	md_input in;
	struct mdevdesc_doc **docs;
	size_t ndocs, cap;
};

static mdevdesc_file *file_new(const char *buf, size_t len, const mdevdesc_options *opt,
			       mdevdesc_code *rc)
{
	const mdevdesc_alc *alc = md_options_alc(opt);
	mdevdesc_file *f;

	*rc = MDEVDESC_E_INVALID_ARGUMENT;
	if ((!buf && len) || !alc)
		return NULL;
	*rc = MDEVDESC_E_NOMEM;
	f = md_zalloc(alc, sizeof(*f));
	if (!f)
		return NULL;
	if (input_init(&f->in, buf ? buf : "", len, opt)) {
		md_free(alc, f);
		*rc = MDEVDESC_E_INVALID_ARGUMENT;
		return NULL;
	}
	/* The trees' first chunk sized from the input, as the reader's. */
	md_arena_expect(&f->in.scratch, len);
	*rc = MDEVDESC_OK;
	return f;
}

static int file_add(mdevdesc_file *f, struct mdevdesc_doc *doc)
{
	if (f->ndocs == f->cap) {
		size_t cap = f->cap ? f->cap * 2 : 8;
		struct mdevdesc_doc **v = md_alloc(&f->in.keep, cap * sizeof(*v));

		if (!v)
			return -1;
		if (f->ndocs)
			memcpy(v, f->docs, f->ndocs * sizeof(*v));
		f->docs = v;
		f->cap = cap;
	}
	f->docs[f->ndocs++] = doc;
	return 0;
}

static mdevdesc_code finish(mdevdesc_file *f, mdevdesc_file **out)
{
	if (f->in.diags.nomem || f->in.parser.fatal == MDEVDESC_E_NOMEM) {
		mdevdesc_file_free(f);
		*out = NULL;
		return MDEVDESC_E_NOMEM;
	}
	*out = f;
	return first_error(&f->in.diags);
}

mdevdesc_code mdevdesc_parse(const char *buf, size_t len, const mdevdesc_options *opt,
			     mdevdesc_file **out)
{
	mdevdesc_code rc;
	mdevdesc_file *f;
	struct mdevdesc_doc *doc;

	if (!out)
		return MDEVDESC_E_INVALID_ARGUMENT;
	*out = NULL;
	f = file_new(buf, len, opt, &rc);
	if (!f)
		return rc;
	md_arena_expect(&f->in.keep, len); /* the models */
	if (f->in.flags & MDEVDESC_KEEP_COMMENTS) {
		f->in.log.arena = &f->in.keep;
		md_parser_keep_comments(&f->in.parser, &f->in.log);
	}
	while (input_next(&f->in, &f->in.keep, &doc)) {
		if (f->in.diags.nomem || file_add(f, doc)) {
			f->in.diags.nomem = 1;
			break;
		}
	}
	no_document(&f->in);
	if (f->in.parser.comments &&
	    md_comments_attach(&f->in.log, &f->in.marks, &f->in.keep, f->docs, f->ndocs))
		f->in.diags.nomem = 1;
	md_arena_free(&f->in.scratch);
	return finish(f, out);
}

mdevdesc_code mdevdesc_events(const char *buf, size_t len, const mdevdesc_options *opt,
			      mdevdesc_write_fn w, void *ctx, mdevdesc_file **out)
{
	mdevdesc_code rc;
	mdevdesc_file *f;
	md_syntax_doc sd;

	if (!out || !w)
		return MDEVDESC_E_INVALID_ARGUMENT;
	*out = NULL;
	f = file_new(buf, len, opt, &rc);
	if (!f)
		return rc;
	w(ctx, "+STR\n", 5);
	for (;;) {
		md_arena_reset(&f->in.scratch);
		if (!md_parse_document(&f->in.parser, &sd))
			break;
		if (!sd.root || f->in.parser.failed)
			break;
		md_events_document(&sd, w, ctx);
	}
	if (f->in.diags.errors == 0)
		w(ctx, "-STR\n", 5);
	md_arena_free(&f->in.scratch);
	return finish(f, out);
}

mdevdesc_code mdevdesc_parse_file(const char *path, const mdevdesc_options *opt,
				  mdevdesc_file **out)
{
	mdevdesc_input *in;
	mdevdesc_code rc;

	if (!out || !path)
		return MDEVDESC_E_INVALID_ARGUMENT;
	*out = NULL;
	rc = mdevdesc_input_read(path, opt, &in);
	if (rc != MDEVDESC_OK)
		return rc;
	rc = mdevdesc_parse(mdevdesc_input_data(in), mdevdesc_input_size(in), opt, out);
	mdevdesc_input_free(in);
	return rc;
}

void mdevdesc_file_free(mdevdesc_file *f)
{
	mdevdesc_alc alc;

	if (!f)
		return;
	alc = f->in.alc;
	input_fini(&f->in);
	alc.free(alc.ctx, f);
}

size_t mdevdesc_file_diag_count(const mdevdesc_file *f)
{
	return f ? f->in.diags.n : 0;
}

const mdevdesc_diag *mdevdesc_file_diag(const mdevdesc_file *f, size_t i)
{
	return f && i < f->in.diags.n ? &f->in.diags.v[i] : NULL;
}

size_t mdevdesc_file_error_count(const mdevdesc_file *f)
{
	return f ? f->in.diags.errors : 0;
}

size_t mdevdesc_file_doc_count(const mdevdesc_file *f)
{
	return f ? f->ndocs : 0;
}

const mdevdesc_doc *mdevdesc_file_doc(const mdevdesc_file *f, size_t i)
{
	return f && i < f->ndocs ? f->docs[i] : NULL;
}

const mdevdesc_doc *mdevdesc_file_lookup(const mdevdesc_file *f, const char *mdev_type)
{
	size_t i;

	if (!f || !mdev_type)
		return NULL;
	for (i = 0; i < f->ndocs; i++) {
		const struct mdevdesc_doc *d = f->docs[i];
		if (d && d->d.mdev_type && strcmp(d->d.mdev_type, mdev_type) == 0)
			return d;
	}
	return NULL;
}

/* ---- one document at a time ---------------------------------------------- */

struct mdevdesc_reader {
	md_input in;
	md_arena model; /* the current document's tree, model and diagnostics */
	int done;
	int started;
};

mdevdesc_code mdevdesc_reader_new(const char *buf, size_t len, const mdevdesc_options *opt,
				  mdevdesc_reader **out)
{
	const mdevdesc_alc *alc = md_options_alc(opt);
	mdevdesc_reader *r;

	if (out)
		*out = NULL;
	if (!out || (!buf && len) || !alc)
		return MDEVDESC_E_INVALID_ARGUMENT;
	r = md_zalloc(alc, sizeof(*r));
	if (!r)
		return MDEVDESC_E_NOMEM;
	input_init(&r->in, buf ? buf : "", len, opt);
	md_arena_init(&r->model, &r->in.alc);
	md_arena_expect(&r->model, len);
	/* Diagnostics live as long as the document they describe, and so does
	 * the syntax tree: one arena, reset per document, serves all three. */
	r->in.diags.arena = &r->model;
	r->in.parser.arena = &r->model;
	*out = r;
	return MDEVDESC_OK;
}

mdevdesc_code mdevdesc_reader_next(mdevdesc_reader *r, const mdevdesc_doc **doc)
{
	struct mdevdesc_doc *d;
	int got;

	if (doc)
		*doc = NULL;
	if (!r || !doc)
		return MDEVDESC_E_INVALID_ARGUMENT;
	if (r->started) {
		/* The previous document's model and diagnostics go. */
		md_arena_reset(&r->model);
		r->in.diags.v = NULL;
		r->in.diags.n = r->in.diags.cap = 0;
	}
	r->started = 1;
	if (r->done)
		return MDEVDESC_DONE;
	got = input_next(&r->in, &r->model, &d);
	if (r->in.diags.nomem) {
		r->done = 1;
		return MDEVDESC_E_NOMEM;
	}
	if (!got) {
		r->done = 1;
		no_document(&r->in);
		/* The parser keeps the code: its diagnostic may be past max_diagnostics. */
		if (r->in.parser.fatal)
			return r->in.parser.fatal;
		return r->in.diags.n ? MDEVDESC_OK : MDEVDESC_DONE;
	}
	*doc = d;
	return MDEVDESC_OK;
}

size_t mdevdesc_reader_diag_count(const mdevdesc_reader *r)
{
	return r ? r->in.diags.n : 0;
}

const mdevdesc_diag *mdevdesc_reader_diag(const mdevdesc_reader *r, size_t i)
{
	return r && i < r->in.diags.n ? &r->in.diags.v[i] : NULL;
}

void mdevdesc_reader_free(mdevdesc_reader *r)
{
	mdevdesc_alc alc;

	if (!r)
		return;
	alc = r->in.alc;
	md_arena_free(&r->model);
	input_fini(&r->in);
	alc.free(alc.ctx, r);
}

/* ---- documents -------------------------------------------------------- */

const struct mdevdesc_descriptor *mdevdesc_doc_descriptor(const mdevdesc_doc *d)
{
	return d ? &d->d : NULL;
}

uint32_t mdevdesc_doc_line(const mdevdesc_doc *d)
{
	return d ? d->line : 0;
}

int mdevdesc_doc_has_unknown(const mdevdesc_doc *d)
{
	return d ? d->has_unknown : 0;
}

long mdevdesc_doc_emit(const mdevdesc_doc *d, char *buf, size_t size)
{
	return d ? mdevdesc_emit(&d->d, buf, size) : -1;
}
