/*
 * libFuzzer driver: the routing of a request path (route_find), as the
 * daemon gets it decoded from nginx.  Byte 0 picks the method, the rest
 * is the path.  Must never crash or read out of bounds; a match's
 * arguments are NUL-terminated segments of the path without '/'.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "route.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char		 args[REQ_ARGS][64], *path;
	enum page	 page;
	unsigned	 allowed;
	size_t		 i;

	if (size < 1 || (path = malloc(size)) == NULL)
		return 0;
	memcpy(path, data + 1, size - 1);
	path[size - 1] = '\0';
	memset(args, 'x', sizeof(args));
	switch (route_find(path, (enum method)(data[0] % METHOD__MAX), &page,
	    &allowed, args, REQ_ARGS)) {
	case ROUTE_OK:
		if (page >= PAGE__MAX || routes[page].fn == NULL)
			abort();
		for (i = 0; i < REQ_ARGS && strchr(routes[page].path, '*'); i++)
			if (memchr(args[i], '\0', 64) != NULL &&
			    (strchr(args[i], '/') != NULL ||
			    strstr(path, args[i]) == NULL))
				abort();
		break;
	case ROUTE_BADMETHOD:
		if (allowed == 0 ||
		    (allowed & (1u << (data[0] % METHOD__MAX))))
			abort();
		break;
	case ROUTE_NOTFOUND:
		break;
	}
	free(path);
	return 0;
}
