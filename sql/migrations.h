/* The schema and migrations, embedded at build time by tools/embed.c. */
#ifndef LIANXIN_MIGRATIONS_H
#define LIANXIN_MIGRATIONS_H

#include <stddef.h>

struct migration {
	int		 version;	/* 1 = sql/schema.sql */
	const char	*name;		/* file name */
	const char	*text;		/* SQL statements */
};

extern const struct migration	migrations[];
extern const size_t		migrations_count;

#endif
