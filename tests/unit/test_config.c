/*
 * The configuration loader: the documented file equals the built-in
 * defaults; bad files are refused with file, line and reason.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "config.h"

static char *
write_tmp(const char *text)
{
	static char	 path[64];
	int		 fd;

	strcpy(path, "/tmp/lianxin-conf-XXXXXX");
	fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	close(fd);
	return path;
}

/* conf/lianxin.conf documents every key with its default value. */
static void
documented_file_equals_defaults(void **state)
{
	struct config	 a, b;
	char		 err[256];

	(void)state;
	config_defaults(&a);
	config_defaults(&b);
	/* Make b differ everywhere the file will overwrite it. */
	memset(&b, 0x5a, sizeof(b));
	assert_int_equal(config_load(&b, "conf/lianxin.conf", err,
	    sizeof(err)), 0);
	/* Every field of b was set by the file (else 0x5a garbage stays). */
	assert_string_equal(b.socket, a.socket);
	assert_string_equal(b.socket_group, a.socket_group);
	assert_int_equal(b.socket_mode, a.socket_mode);
	assert_int_equal(b.threads, a.threads);
	assert_int_equal(b.backlog, a.backlog);
	assert_int_equal(b.max_body, a.max_body);
	assert_int_equal(b.shutdown_grace_ms, a.shutdown_grace_ms);
	assert_string_equal(b.timezone, a.timezone);
	assert_string_equal(b.db_socket, a.db_socket);
	assert_string_equal(b.db_host, a.db_host);
	assert_int_equal(b.db_port, a.db_port);
	assert_string_equal(b.db_user, a.db_user);
	assert_string_equal(b.db_password, a.db_password);
	assert_string_equal(b.db_password_file, a.db_password_file);
	assert_string_equal(b.db_name, a.db_name);
	assert_int_equal(b.db_connect_timeout, a.db_connect_timeout);
	assert_int_equal(b.db_retry_ms, a.db_retry_ms);
	assert_string_equal(b.db_read_socket, a.db_read_socket);
	assert_string_equal(b.db_read_host, a.db_read_host);
	assert_int_equal(b.db_read_port, a.db_read_port);
	assert_string_equal(b.site_name, a.site_name);
	assert_string_equal(b.site_phone, a.site_phone);
	assert_int_equal(b.min_count, a.min_count);
}

static void
overrides_only_named_keys(void **state)
{
	struct config	 c, d;
	char		 err[256];
	char		*p;

	(void)state;
	p = write_tmp("; comment\n[server]\nthreads = 16\nsocket_mode = 0600\n"
	    "[db]\nname = other\n");
	config_defaults(&c);
	config_defaults(&d);
	assert_int_equal(config_load(&c, p, err, sizeof(err)), 0);
	assert_int_equal(c.threads, 16);
	assert_int_equal(c.socket_mode, 0600);
	assert_string_equal(c.db_name, "other");
	assert_string_equal(c.db_user, d.db_user);
	assert_int_equal(c.backlog, d.backlog);
	unlink(p);
}

struct badcase {
	const char	*text;
	const char	*expect;	/* substring of the error */
};

static const struct badcase bad[] = {
	{ "[server]\nthreads = 0\n", ":2:" },
	{ "[server]\nthreads = 257\n", "threads" },
	{ "[server]\nthreads = 4x\n", "not a number" },
	{ "[server]\nthreads =\n", "not a number" },
	{ "[server]\nthreds = 4\n", "unknown key" },
	{ "[nosuch]\nthreads = 4\n", "unknown key" },
	{ "[server]\nsocket_mode = 0999\n", "socket_mode" },
	{ "[server]\nmax_body = 99999999999999999999\n", "max_body" },
	{ "[db]\nport = 70000\n", "port" },
	{ "[db]\nname = aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n",
	  "longer than" },
	{ "[server\nthreads = 4\n", ":1:" },
	{ "no section = 1\n", "unknown key" },
};

static void
bad_files_refused(void **state)
{
	struct config	 c;
	char		 err[256];
	char		*p;
	size_t		 i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		p = write_tmp(bad[i].text);
		config_defaults(&c);
		err[0] = '\0';
		assert_int_equal(config_load(&c, p, err, sizeof(err)), -1);
		if (strstr(err, bad[i].expect) == NULL)
			fail_msg("case %zu: error \"%s\" lacks \"%s\"", i, err,
			    bad[i].expect);
		assert_non_null(strstr(err, p));
		unlink(p);
	}
}

static void
missing_file_refused(void **state)
{
	struct config	 c;
	char		 err[256];

	(void)state;
	config_defaults(&c);
	assert_int_equal(config_load(&c, "/nonexistent/lianxin.conf", err,
	    sizeof(err)), -1);
	assert_non_null(strstr(err, "cannot open"));
}

static void
env_names_the_file(void **state)
{
	(void)state;
	unsetenv("LIANXIN_CONF");
	assert_string_equal(config_path(), "conf/lianxin.conf");
	setenv("LIANXIN_CONF", "/etc/lianxin/lianxin.conf", 1);
	assert_string_equal(config_path(), "/etc/lianxin/lianxin.conf");
	unsetenv("LIANXIN_CONF");
}

static void
password_file_read(void **state)
{
	struct config	 c;
	char		 err[256];
	char		*p;

	(void)state;
	p = write_tmp("s3cret-from-file\n");
	config_defaults(&c);
	strcpy(c.db_password, "inline");
	strcpy(c.db_password_file, p);
	assert_int_equal(config_db_password(&c, err, sizeof(err)), 0);
	assert_string_equal(c.db_password, "s3cret-from-file");
	unlink(p);
	assert_int_equal(config_db_password(&c, err, sizeof(err)), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(documented_file_equals_defaults),
		cmocka_unit_test(overrides_only_named_keys),
		cmocka_unit_test(bad_files_refused),
		cmocka_unit_test(missing_file_refused),
		cmocka_unit_test(env_names_the_file),
		cmocka_unit_test(password_file_read),
	};

	return cmocka_run_group_tests_name("config", tests, NULL, NULL);
}
