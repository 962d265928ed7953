#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "log.h"

static const char *const levels[LOG__MAX] = {
	"error",	/* LOG_ERR */
	"warn",		/* LOG_WARN */
	"info",		/* LOG_INFO */
};

/*
 * Write one line: "2026-11-21T10:00:00.123Z lianxind[pid] level: message".
 * The line is formatted first and written with one write(2) so lines of
 * different threads never interleave.  Newlines in the message become
 * spaces so one event is one line.
 */
void
log_msg(enum log_level lv, const char *fmt, ...)
{
	char		 line[1024];
	struct timespec	 ts;
	struct tm	 tm;
	va_list		 ap;
	size_t		 n, i;
	int		 rc;

	clock_gettime(CLOCK_REALTIME, &ts);
	gmtime_r(&ts.tv_sec, &tm);
	n = strftime(line, sizeof(line), "%Y-%m-%dT%H:%M:%S", &tm);
	rc = snprintf(line + n, sizeof(line) - n, ".%03ldZ %s[%d] %s: ",
	    ts.tv_nsec / 1000000, program_invocation_short_name,
	    (int)getpid(), levels[lv]);
	n += rc > 0 ? (size_t)rc : 0;
	va_start(ap, fmt);
	rc = vsnprintf(line + n, sizeof(line) - n - 1, fmt, ap);
	va_end(ap);
	n += rc > 0 ? (size_t)rc : 0;
	if (n > sizeof(line) - 2)
		n = sizeof(line) - 2;
	for (i = 0; i < n; i++)
		if (line[i] == '\n' || line[i] == '\r')
			line[i] = ' ';
	line[n++] = '\n';
	(void)!write(STDERR_FILENO, line, n);
}
