/*
 * A growable byte buffer.  Allocation failure is sticky: the buffer keeps
 * what it had, sets oom, and later appends do nothing; the response path
 * answers 500 for such a buffer.
 */
#ifndef LIANXIN_BUF_H
#define LIANXIN_BUF_H

#include <stdbool.h>
#include <stddef.h>

struct buf {
	char	*p;	/* NUL-terminated when not NULL */
	size_t	 len;
	size_t	 cap;
	bool	 oom;
};

void	 buf_add(struct buf *, const char *);
void	 buf_addn(struct buf *, const char *, size_t);
void	 buf_addc(struct buf *, char);
void	 buf_printf(struct buf *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
void	 buf_reset(struct buf *);

/*
 * For writers that fill bytes in place (exports, millions of cells):
 * buf_room makes room for n more bytes and returns where they go (NULL
 * when out of memory); buf_wrote then counts the k <= n bytes written.
 */
char	*buf_room(struct buf *, size_t n);
void	 buf_wrote(struct buf *, size_t k);
void	 buf_free(struct buf *);

#endif
