#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

#include "httpc.h"

const char *
test_env(const char *name)
{
	const char	*v = getenv(name);

	if (v == NULL || *v == '\0') {
		fprintf(stderr, "test: %s is not set (run through "
		    "scripts/test.sh)\n", name);
		exit(2);
	}
	return v;
}

const char *
test_bin(const char *name)
{
	static char	 path[1024];
	const char	*build = test_env("LIANXIN_BUILD");

	if (build[0] == '/')
		snprintf(path, sizeof(path), "%s/%s", build, name);
	else
		snprintf(path, sizeof(path), "%s/%s/%s",
		    test_env("LIANXIN_ROOT"), build, name);
	return path;
}

static int
sendall(int fd, const char *p, size_t n)
{
	ssize_t	 w;

	while (n > 0) {
		if ((w = write(fd, p, n)) <= 0) {
			if (w < 0 && errno == EINTR)
				continue;
			return -1;
		}
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

const char	*httpc_headers;
const char	*httpc_source;
__thread const char *httpc_thread_headers;
__thread const char *httpc_thread_source;

/* The request of http_do() to the port in environment variable port_env. */
static int
http_do_port(const char *port_env, const char *method, const char *path,
    const char *ctype, const char *body, size_t bodylen, struct hresp *r)
{
	struct sockaddr_in sin;
	struct timeval	 tv = { 30, 0 };
	char		 hdr[2048], *all = NULL, *sep, *p;
	const char	*headers = httpc_thread_headers ? httpc_thread_headers :
			    httpc_headers;
	const char	*source = httpc_thread_source ? httpc_thread_source :
			    httpc_source;
	size_t		 len = 0, cap = 0;
	ssize_t		 n;
	int		 fd, hl;

	memset(r, 0, sizeof(*r));
	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	sin.sin_port = htons((uint16_t)strtol(test_env(port_env), NULL,
	    10));
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if ((fd = socket(AF_INET, SOCK_STREAM, 0)) == -1)
		return -1;
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	if (source != NULL) {
		struct sockaddr_in src;

		memset(&src, 0, sizeof(src));
		src.sin_family = AF_INET;
		inet_pton(AF_INET, source, &src.sin_addr);
		if (bind(fd, (struct sockaddr *)&src, sizeof(src)) == -1) {
			close(fd);
			return -1;
		}
	}
	if (connect(fd, (struct sockaddr *)&sin, sizeof(sin)) == -1) {
		close(fd);
		return -1;
	}
	hl = snprintf(hdr, sizeof(hdr), "%s %s HTTP/1.1\r\nHost: 127.0.0.1\r\n"
	    "Connection: close\r\nUser-Agent: lianxin-test\r\n", method, path);
	if (body != NULL)
		hl += snprintf(hdr + hl, sizeof(hdr) - (size_t)hl,
		    "Content-Type: %s\r\nContent-Length: %zu\r\n",
		    ctype ? ctype : "application/x-www-form-urlencoded",
		    bodylen);
	if (headers != NULL)
		hl += snprintf(hdr + hl, sizeof(hdr) - (size_t)hl, "%s",
		    headers);
	hl += snprintf(hdr + hl, sizeof(hdr) - (size_t)hl, "\r\n");
	if (sendall(fd, hdr, (size_t)hl) == -1 ||
	    (body != NULL && sendall(fd, body, bodylen) == -1)) {
		/* The server may answer (413) before reading it all. */
	}
	for (;;) {
		if (cap - len < 65536) {
			cap = cap ? cap * 2 : 131072;
			all = realloc(all, cap);
		}
		n = read(fd, all + len, cap - len - 1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		len += (size_t)n;
	}
	close(fd);
	if (all == NULL)
		return -1;
	all[len] = '\0';
	if ((sep = strstr(all, "\r\n\r\n")) == NULL ||
	    sscanf(all, "HTTP/1.%*d %d", &r->status) != 1) {
		free(all);
		return -1;
	}
	*sep = '\0';
	r->head = all;
	r->bodylen = len - (size_t)(sep + 4 - all);
	r->body = malloc(r->bodylen + 1);
	memcpy(r->body, sep + 4, r->bodylen);
	r->body[r->bodylen] = '\0';
	/* Undo chunked transfer encoding, if any. */
	p = (char *)hresp_header(r, "Transfer-Encoding");
	if (p != NULL && strcasecmp(p, "chunked") == 0) {
		char	*in = r->body, *out = r->body, *end;
		size_t	 total = 0;
		long	 cl;

		for (;;) {
			cl = strtol(in, &end, 16);
			if (end == in || cl <= 0 || (end = strstr(end, "\r\n"))
			    == NULL)
				break;
			memmove(out + total, end + 2, (size_t)cl);
			total += (size_t)cl;
			in = end + 2 + cl + 2;
			if (in > r->body + r->bodylen)
				break;
		}
		r->bodylen = total;
		r->body[total] = '\0';
	}
	return 0;
}

int
http_do(const char *method, const char *path, const char *ctype,
    const char *body, size_t bodylen, struct hresp *r)
{
	return http_do_port("LIANXIN_TEST_PORT", method, path, ctype, body,
	    bodylen, r);
}

int
http_get(const char *path, struct hresp *r)
{
	return http_do("GET", path, NULL, NULL, 0, r);
}

int
http_get_metrics(const char *path, struct hresp *r)
{
	return http_do_port("LIANXIN_METRICS_PORT", "GET", path, NULL, NULL, 0,
	    r);
}

int
http_post(const char *path, const char *body, struct hresp *r)
{
	return http_do("POST", path, NULL, body, strlen(body), r);
}

int
http_status(const char *path)
{
	struct hresp	 r;
	int		 st;

	if (http_get(path, &r) == -1)
		return 0;
	st = r.status;
	hresp_free(&r);
	return st;
}

int
http_wait_status(const char *path, int want, int tenths)
{
	int	 i, st = 0;

	for (i = 0; i < tenths && (st = http_status(path)) != want; i++)
		usleep(100000);
	return st;
}

const char *
hresp_header(const struct hresp *r, const char *name)
{
	static char	 val[1024];
	const char	*p = r->head, *eol;
	size_t		 nl = strlen(name), vl;

	while (p != NULL && (p = strstr(p, "\r\n")) != NULL) {
		p += 2;
		if (strncasecmp(p, name, nl) == 0 && p[nl] == ':') {
			p += nl + 1;
			while (*p == ' ')
				p++;
			eol = strstr(p, "\r\n");
			vl = eol ? (size_t)(eol - p) : strlen(p);
			if (vl >= sizeof(val))
				vl = sizeof(val) - 1;
			memcpy(val, p, vl);
			val[vl] = '\0';
			return val;
		}
	}
	return NULL;
}

void
hresp_free(struct hresp *r)
{
	free(r->head);
	free(r->body);
	memset(r, 0, sizeof(*r));
}

int
stack(const char *cmd)
{
	char	 line[1024];
	int	 rc;

	snprintf(line, sizeof(line), "%s/scripts/stack.sh %s "
	    ">>\"$VAR/log/test-stack.log\" 2>&1", test_env("LIANXIN_ROOT"),
	    cmd);
	rc = system(line);
	return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
}

long
stack_pid(const char *file)
{
	char	 path[1024];
	FILE	*f;
	long	 pid = -1;

	snprintf(path, sizeof(path), "%s/%s", test_env("LIANXIN_TEST_RUN"),
	    file);
	if ((f = fopen(path, "r")) == NULL)
		return -1;
	if (fscanf(f, "%ld", &pid) != 1)
		pid = -1;
	fclose(f);
	return pid;
}

long
stack_wait_restart(const char *file, long old)
{
	long	 now = -1;
	int	 i;

	for (i = 0; i < 100; i++) {
		now = stack_pid(file);
		if (now > 0 && now != old && kill((pid_t)now, 0) == 0)
			break;
		usleep(50000);
	}
	return now;
}

const char *
hresp_cookie(const struct hresp *r, const char *name)
{
	static char	 v[512];
	const char	*p = r->head;
	size_t		 nl = strlen(name), n;

	while (p != NULL && (p = strcasestr(p, "\r\nSet-Cookie: ")) != NULL) {
		p += 14;
		if (strncmp(p, name, nl) == 0 && p[nl] == '=') {
			n = strcspn(p + nl + 1, ";\r");
			if (n >= sizeof(v))
				return NULL;
			memcpy(v, p + nl + 1, n);
			v[n] = '\0';
			return v;
		}
	}
	return NULL;
}

void
http_enc(char *out, size_t sz, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t		 n = 0;
	unsigned char	 c;

	for (; *s != '\0' && n + 4 < sz; s++) {
		c = (unsigned char)*s;
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.')
			out[n++] = (char)c;
		else {
			out[n++] = '%';
			out[n++] = hex[c >> 4];
			out[n++] = hex[c & 15];
		}
	}
	out[n] = '\0';
}

void
http_form_set(char *out, size_t sz, const char *base, const char *field,
    const char *value, const char *other)
{
	char	*copy, *p, *save = NULL, *val;
	size_t	 n = 0, kl, vl = 0, len;
	int	 found = 0;

	out[0] = '\0';
	if ((copy = strdup(base)) == NULL || (val = malloc(sz)) == NULL) {
		free(copy);
		return;
	}
	if (value != NULL && strncmp(value, "LONG", 4) == 0) {
		len = (size_t)strtol(value + 4, NULL, 10);
		for (vl = 0; vl < len && vl + 1 < sz; vl++)
			val[vl] = 'x';
		val[vl] = '\0';
	} else if (value != NULL)
		snprintf(val, sz, "%s", strcmp(value, "OTHERGRID") == 0 ?
		    other : value);
	for (p = strtok_r(copy, "&", &save); p != NULL;
	    p = strtok_r(NULL, "&", &save)) {
		kl = strcspn(p, "=");
		if (strlen(field) == kl && strncmp(p, field, kl) == 0) {
			found = 1;
			if (value != NULL)
				n += (size_t)snprintf(out + n, sz - n, "%s%s=%s",
				    n ? "&" : "", field, val);
		} else
			n += (size_t)snprintf(out + n, sz - n, "%s%s",
			    n ? "&" : "", p);
		if (n >= sz)
			break;
	}
	if (!found && value != NULL && n < sz)
		snprintf(out + n, sz - n, "%s%s=%s", n ? "&" : "", field, val);
	free(copy);
	free(val);
}
