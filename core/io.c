/* SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause */
/*
 * io.c - whole-input reading (mdevdesc_input): a regular file is mapped
 * read-only, a pipe or standard input ("-") is read into a buffer that
 * grows through the allocator hook.  The only code below host/ (a host's
 * tree, read with care of its own) that touches the file system.
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/core.h"

struct mdevdesc_input {
	mdevdesc_alc alc;
	char *data;
	size_t len, cap;
	int mapped;
};

/* Read @fd to its end into @in's buffer, at most @max bytes. */
static mdevdesc_code read_all(mdevdesc_input *in, int fd, size_t max)
{
	for (;;) {
		ssize_t r;

		if (in->len == in->cap) {
			size_t cap = in->cap ? in->cap * 2 : 65536;
			char *nb = md_realloc(&in->alc, in->data, in->cap, cap);
			if (!nb)
				return MDEVDESC_E_NOMEM;
			in->data = nb;
			in->cap = cap;
		}
		r = read(fd, in->data + in->len, in->cap - in->len);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			return MDEVDESC_E_IO;
		}
		if (r == 0)
			return MDEVDESC_OK;
		in->len += (size_t)r;
		/* One byte past the limit is enough for the parser to report it. */
		if (in->len > max)
			return MDEVDESC_OK;
	}
}

mdevdesc_code mdevdesc_input_read(const char *path, const mdevdesc_options *opt,
				  mdevdesc_input **out)
{
	const mdevdesc_alc *alc = md_options_alc(opt);
	size_t max = opt && opt->limits ? opt->limits->max_input : MDEVDESC_MAX_INPUT;
	mdevdesc_input *in;
	struct stat st;
	mdevdesc_code rc = MDEVDESC_OK;
	int fd, e;

	if (!out)
		return MDEVDESC_E_INVALID_ARGUMENT;
	*out = NULL;
	if (!path || !alc)
		return MDEVDESC_E_INVALID_ARGUMENT;
	in = md_malloc(alc, sizeof(*in));
	if (!in)
		return MDEVDESC_E_NOMEM;
	memset(in, 0, sizeof(*in));
	in->alc = *alc;
	fd = strcmp(path, "-") == 0 ? 0 : open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		e = errno;
		md_free(alc, in);
		errno = e;
		return MDEVDESC_E_IO;
	}
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0) {
		void *p = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
		if (p != MAP_FAILED) {
			in->data = p;
			in->len = (size_t)st.st_size;
			in->mapped = 1;
		}
	}
	if (!in->mapped)
		rc = read_all(in, fd, max);
	e = errno;
	if (fd)
		close(fd);
	if (rc != MDEVDESC_OK) {
		mdevdesc_input_free(in);
		errno = e;
		return rc;
	}
	*out = in;
	return MDEVDESC_OK;
}

const char *mdevdesc_input_data(const mdevdesc_input *in)
{
	return in && in->data ? in->data : "";
}

size_t mdevdesc_input_size(const mdevdesc_input *in)
{
	return in ? in->len : 0;
}

void mdevdesc_input_free(mdevdesc_input *in)
{
	mdevdesc_alc alc;

	if (!in)
		return;
	alc = in->alc;
	if (in->mapped)
		munmap(in->data, in->len);
	else
		md_free(&alc, in->data);
	md_free(&alc, in);
}
