/* SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause */
/*
 * fs.c - reading a host's tree inside a root directory (spec 9.4,
 * R-DISCOVERY-BOUNDS).  Paths are resolved one component at a time from
 * the root's descriptor with O_PATH | O_NOFOLLOW, links read and followed
 * by hand: an absolute target starts again at the root, ".." never climbs
 * above it, and a path follows at most MD_HOST_MAX_LINKS links, so that no
 * link leads out of the root and a loop ends with ELOOP.  A file is opened
 * for reading only after it was seen to be a regular file, with O_NONBLOCK
 * and O_NOFOLLOW, and checked again once open, so that a FIFO never blocks
 * a read.  Reads and directory listings are bounded.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "emitter/text.h"
#include "host/host.h"

/* The components still to resolve, as a path: links are spliced in front. */
struct work {
	char buf[2 * MD_HOST_PATH_MAX];
	size_t pos, len;
};

/* Put @s (@n bytes) and '/' in front of what remains of @w. */
static int work_prepend(struct work *w, const char *s, size_t n)
{
	size_t rest = w->len - w->pos;

	if (n + 1 + rest >= sizeof(w->buf))
		return ENAMETOOLONG;
	memmove(w->buf + n + 1, w->buf + w->pos, rest);
	memcpy(w->buf, s, n);
	w->buf[n] = '/';
	w->pos = 0;
	w->len = n + 1 + rest;
	w->buf[w->len] = '\0';
	return 0;
}

/* The next component of @w into @comp (NUL-terminated); 0 at the end. */
static size_t work_next(struct work *w, char *comp, size_t size)
{
	size_t n;

	for (;;) {
		while (w->pos < w->len && w->buf[w->pos] == '/')
			w->pos++;
		if (w->pos == w->len)
			return 0;
		n = 0;
		while (w->pos < w->len && w->buf[w->pos] != '/') {
			if (n + 1 < size)
				comp[n] = w->buf[w->pos];
			n++;
			w->pos++;
		}
		if (n + 1 > size)
			return (size_t)-1;
		comp[n] = '\0';
		if (n == 1 && comp[0] == '.')
			continue;
		return n;
	}
}

/* Whether only separators remain in @w. */
static int work_done(const struct work *w)
{
	size_t i;

	for (i = w->pos; i < w->len; i++)
		if (w->buf[i] != '/')
			return 0;
	return 1;
}

/* The directories walked so far: descriptors and where each starts in canon. */
struct stack {
	int fd[MD_HOST_MAX_DEPTH + 1];
	size_t mark[MD_HOST_MAX_DEPTH + 1];
	size_t depth;
};

static void stack_pop_to(struct stack *s, size_t depth)
{
	while (s->depth > depth) {
		close(s->fd[s->depth]);
		s->depth--;
	}
}

/* Follow link @fd (open with O_PATH) found with @w: splice its target in. */
static int follow(const md_root *r, int fd, struct work *w, struct stack *s, md_resolved *out)
{
	char target[MD_HOST_PATH_MAX];
	ssize_t n = readlinkat(fd, "", target, sizeof(target));

	if (n < 0)
		return errno;
	if ((size_t)n >= sizeof(target))
		return ENAMETOOLONG;
	if (n > 0 && target[0] == '/') {
		/* An absolute target is a path of the root's own tree. */
		stack_pop_to(s, 0);
		out->canon[0] = '\0';
	}
	(void)r;
	return work_prepend(w, target, (size_t)n);
}

static int resolve_walk(const md_root *r, struct work *w, int follow_last, struct stack *s,
			md_resolved *out)
{
	char comp[256];
	unsigned links = 0;
	size_t n, clen = 0;

	while ((n = work_next(w, comp, sizeof(comp))) != 0) {
		int fd, last, e;

		if (n == (size_t)-1)
			return ENAMETOOLONG;
		clen = strlen(out->canon);
		if (n == 2 && comp[0] == '.' && comp[1] == '.') {
			if (s->depth > 0) {
				out->canon[s->mark[s->depth]] = '\0';
				stack_pop_to(s, s->depth - 1);
			}
			if (work_done(w))
				return -1; /* ends on a directory reached by "..": see md_resolve() */
			continue;
		}
		last = work_done(w);
		if (!last) {
			/* Mostly a directory: one call, no fstat.  A link fails
			 * here (O_NOFOLLOW) and is looked at below. */
			fd = openat(s->fd[s->depth], comp,
				    O_PATH | O_NOFOLLOW | O_DIRECTORY | O_CLOEXEC);
			if (fd >= 0) {
				if (clen + 1 + n >= sizeof(out->canon) ||
				    s->depth == MD_HOST_MAX_DEPTH) {
					close(fd);
					return ENAMETOOLONG;
				}
				out->canon[clen] = '/';
				memcpy(out->canon + clen + 1, comp, n + 1);
				s->depth++;
				s->fd[s->depth] = fd;
				s->mark[s->depth] = clen;
				continue;
			}
			if (errno != ENOTDIR && errno != ELOOP)
				return errno;
		}
		fd = openat(s->fd[s->depth], comp, O_PATH | O_NOFOLLOW | O_CLOEXEC);
		if (fd < 0)
			return errno;
		if (fstat(fd, &out->st) != 0) {
			e = errno;
			close(fd);
			return e;
		}
		if (S_ISLNK(out->st.st_mode) && (!last || follow_last)) {
			e = ++links > MD_HOST_MAX_LINKS ? ELOOP : follow(r, fd, w, s, out);
			close(fd);
			if (e)
				return e;
			continue;
		}
		if (clen + 1 + n >= sizeof(out->canon)) {
			close(fd);
			return ENAMETOOLONG;
		}
		out->canon[clen] = '/';
		memcpy(out->canon + clen + 1, comp, n + 1);
		if (last) {
			close(fd);
			out->dirfd = s->depth ? s->fd[s->depth] : dup(r->fd);
			if (out->dirfd < 0)
				return errno;
			if (s->depth)
				s->depth--; /* the caller owns it now */
			out->name = out->canon + clen + 1;
			return 0;
		}
		if (!S_ISDIR(out->st.st_mode)) {
			close(fd);
			return ENOTDIR;
		}
		if (s->depth == MD_HOST_MAX_DEPTH) {
			close(fd);
			return ENAMETOOLONG;
		}
		s->depth++;
		s->fd[s->depth] = fd;
		s->mark[s->depth] = clen;
	}
	return -1;
}

int md_resolve(const md_root *r, const char *path, int follow_last, md_resolved *out)
{
	struct work w;
	struct stack s;
	size_t n = strlen(path);
	int e;

	out->dirfd = -1;
	out->name = "";
	out->canon[0] = '\0';
	memset(&out->st, 0, sizeof(out->st));
	if (n >= MD_HOST_PATH_MAX)
		return ENAMETOOLONG;
	memcpy(w.buf, path, n + 1);
	w.pos = 0;
	w.len = n;
	s.depth = 0;
	s.fd[0] = r->fd;
	s.mark[0] = 0;
	e = resolve_walk(r, &w, follow_last, &s, out);
	stack_pop_to(&s, 0);
	if (e != -1)
		return e;
	/* The path ended on a directory (the root, or one reached by ".."):
	 * its canonical path has neither links nor "..", resolve that. */
	if (out->canon[0] == '\0') {
		strcpy(out->canon, "/");
		out->name = "";
		return fstat(r->fd, &out->st) == 0 ? 0 : errno;
	}
	memcpy(w.buf, out->canon, strlen(out->canon) + 1);
	return md_resolve(r, w.buf, 0, out);
}

void md_resolved_close(md_resolved *res)
{
	if (res->dirfd >= 0)
		close(res->dirfd);
	res->dirfd = -1;
}

/* Open what @res names with @flags (never following a link); @want is the
 * file type it must have once open.  returns: the descriptor or -errno. */
static int open_resolved(const md_root *r, const md_resolved *res, int flags, mode_t want)
{
	struct stat st;
	int fd = res->dirfd >= 0 ? openat(res->dirfd, res->name, flags | O_NOFOLLOW | O_CLOEXEC)
				 : openat(r->fd, ".", flags | O_CLOEXEC);

	if (fd < 0)
		return -errno;
	if (fstat(fd, &st) != 0 || (st.st_mode & S_IFMT) != want || st.st_ino != res->st.st_ino ||
	    st.st_dev != res->st.st_dev) {
		close(fd);
		return -EAGAIN; /* changed under us */
	}
	return fd;
}

int md_read_file(const md_root *r, const char *path, size_t max, const mdevdesc_alc *alc,
		 char **buf, size_t *len, struct stat *st)
{
	md_resolved res;
	char *b;
	size_t n = 0, cap;
	int fd, e = md_resolve(r, path, 1, &res);

	*buf = NULL;
	*len = 0;
	if (e)
		return e;
	*st = res.st;
	if (!S_ISREG(res.st.st_mode)) {
		md_resolved_close(&res);
		return MD_READ_NOT_FILE;
	}
	fd = open_resolved(r, &res, O_RDONLY | O_NONBLOCK | O_NOCTTY, S_IFREG);
	md_resolved_close(&res);
	if (fd < 0)
		return -fd;
	cap = max < 4096 ? max + 2 : 4096;
	b = md_malloc(alc, cap);
	e = b ? 0 : MD_READ_NOMEM;
	while (!e) {
		ssize_t got;

		if (n + 1 == cap) {
			size_t ncap = cap > max / 2 ? max + 2 : cap * 2;
			char *nb = md_realloc(alc, b, cap, ncap);
			if (!nb) {
				e = MD_READ_NOMEM;
				break;
			}
			b = nb;
			cap = ncap;
		}
		got = read(fd, b + n, cap - 1 - n);
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0)
			e = errno;
		else if (got == 0)
			break;
		else if ((n += (size_t)got) > max)
			e = MD_READ_TOO_BIG;
	}
	close(fd);
	if (e) {
		md_free(alc, b);
		*len = 0;
		return e;
	}
	b[n] = '\0';
	*buf = b;
	*len = n;
	return 0;
}

int md_link_name(const md_root *r, const char *path, char *out, size_t size)
{
	md_resolved res;
	char target[MD_HOST_PATH_MAX];
	const char *base;
	ssize_t n;
	int e = md_resolve(r, path, 0, &res);

	out[0] = '\0';
	if (e)
		return e;
	if (!S_ISLNK(res.st.st_mode)) {
		md_resolved_close(&res);
		return EINVAL;
	}
	n = readlinkat(res.dirfd, res.name, target, sizeof(target) - 1);
	e = n < 0 ? errno : 0;
	md_resolved_close(&res);
	if (e)
		return e;
	while (n > 1 && target[n - 1] == '/')
		n--;
	target[n] = '\0';
	base = strrchr(target, '/');
	base = base ? base + 1 : target;
	if (strlen(base) >= size || !*base)
		return ENAMETOOLONG;
	strcpy(out, base);
	return 0;
}

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int md_list_dir(const md_root *r, const char *path, md_arena *arena, char ***names, size_t *n)
{
	md_resolved res;
	struct dirent *de;
	DIR *dir;
	char **v = NULL;
	size_t cap = 0, cnt = 0;
	int fd, e = md_resolve(r, path, 1, &res);

	*names = NULL;
	*n = 0;
	if (e)
		return e;
	if (!S_ISDIR(res.st.st_mode)) {
		md_resolved_close(&res);
		return ENOTDIR;
	}
	fd = open_resolved(r, &res, O_RDONLY | O_DIRECTORY, S_IFDIR);
	md_resolved_close(&res);
	if (fd < 0)
		return -fd;
	dir = fdopendir(fd);
	if (!dir) {
		e = errno;
		close(fd);
		return e;
	}
	while ((errno = 0, de = readdir(dir)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		if (cnt == MD_HOST_MAX_DIR_ENTRIES) {
			e = E2BIG;
			break;
		}
		if (cnt == cap) {
			/* The old arrays stay in the arena: at most as much again. */
			char **nv = md_alloc(arena, (cap ? cap * 2 : 16) * sizeof(*nv));
			if (!nv) {
				e = ENOMEM;
				break;
			}
			if (cnt)
				memcpy(nv, v, cnt * sizeof(*nv));
			v = nv;
			cap = cap ? cap * 2 : 16;
		}
		v[cnt] = md_strndup(arena, de->d_name, strlen(de->d_name));
		if (!v[cnt]) {
			e = ENOMEM;
			break;
		}
		cnt++;
	}
	if (!de && errno && !e)
		e = errno;
	closedir(dir);
	if (e == ENOMEM)
		return e;
	if (cnt)
		qsort(v, cnt, sizeof(*v), cmp_names);
	*names = v;
	*n = cnt;
	return e;
}

int md_name_ok(const char *s)
{
	size_t n = strlen(s), i = 0;

	while (i < n) {
		uint32_t cp;
		size_t k = md_utf8_decode((const unsigned char *)s + i, n - i, &cp);

		if (k == 0 || cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp < 0xa0))
			return 0;
		i += k;
	}
	return 1;
}

void md_escape(const char *s, char *out, size_t size)
{
	static const char hex[] = "0123456789abcdef";
	size_t n = strlen(s), i = 0, o = 0;

	if (size == 0)
		return;
	while (i < n) {
		uint32_t cp;
		size_t k = md_utf8_decode((const unsigned char *)s + i, n - i, &cp);

		if (k == 0 || cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp < 0xa0) || cp == '\\') {
			unsigned char c = (unsigned char)s[i];

			if (o + 4 >= size)
				break;
			out[o++] = '\\';
			out[o++] = 'x';
			out[o++] = hex[c >> 4];
			out[o++] = hex[c & 15];
			i++;
			continue;
		}
		if (o + k >= size)
			break;
		memcpy(out + o, s + i, k);
		o += k;
		i += k;
	}
	out[o] = '\0';
}
