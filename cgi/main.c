/*
 * lianxind: the FastCGI daemon.
 *
 * N worker threads each hold a MariaDB connection and take requests with
 * FCGX_Accept_r.  The main thread waits for SIGTERM or SIGINT; then it
 * stops accepting (shutdown(2) on the listening socket wakes a blocked
 * accept), lets in-flight requests finish for up to shutdown_grace_ms,
 * removes the socket and exits.
 */
#include <errno.h>
#include <grp.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include <fcgiapp.h>

#include "chart.h"
#include "config.h"
#include "db.h"
#include "formtoken.h"
#include "photos.h"
#include "http.h"
#include "log.h"
#include "route.h"
#include "sheet.h"
#include "workdays.h"

static struct config	 cfg;
static int		 listen_fd = -1;
static volatile int	 stopping;
static pthread_mutex_t	 accept_mutex = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t	 done_mutex = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t	 done_cond = PTHREAD_COND_INITIALIZER;
static int		 running;	/* worker threads still running */

static void *
worker(void *arg)
{
	FCGX_Request	 req;
	struct db	*db;
	int		 rc;

	(void)arg;
	db_thread_init();
	if ((db = db_open(&cfg)) == NULL) {
		log_err("worker: out of memory");
		goto out;
	}
	FCGX_InitRequest(&req, listen_fd, 0);
	for (;;) {
		pthread_mutex_lock(&accept_mutex);
		rc = __atomic_load_n(&stopping, __ATOMIC_SEQ_CST) ? -1 :
		    FCGX_Accept_r(&req);
		pthread_mutex_unlock(&accept_mutex);
		if (rc < 0)
			break;
		dispatch(&req, &cfg, db);
		FCGX_Finish_r(&req);
	}
	FCGX_Free(&req, 0);
	db_close(db);
out:
	db_thread_end();
	pthread_mutex_lock(&done_mutex);
	running--;
	pthread_cond_signal(&done_cond);
	pthread_mutex_unlock(&done_mutex);
	return NULL;
}

/*
 * Open the FastCGI socket.  A socket file nobody listens on is stale (a
 * crash) and is replaced; a live one means another daemon: refuse.
 * Returns the descriptor or -1.
 */
static int
open_socket(void)
{
	struct sockaddr_un sun;
	struct group	*gr;
	int		 fd, s;

	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	if (strlen(cfg.socket) >= sizeof(sun.sun_path)) {
		log_err("socket path too long: %s", cfg.socket);
		return -1;
	}
	strcpy(sun.sun_path, cfg.socket);
	if ((s = socket(AF_UNIX, SOCK_STREAM, 0)) != -1) {
		if (connect(s, (struct sockaddr *)&sun, sizeof(sun)) == 0) {
			log_err("%s: another lianxind is listening",
			    cfg.socket);
			close(s);
			return -1;
		}
		close(s);
	}
	if (unlink(cfg.socket) == -1 && errno != ENOENT) {
		log_err("%s: %s", cfg.socket, strerror(errno));
		return -1;
	}
	if ((fd = FCGX_OpenSocket(cfg.socket, cfg.backlog)) < 0) {
		log_err("%s: cannot listen", cfg.socket);
		return -1;
	}
	if (cfg.socket_group[0] != '\0') {
		if ((gr = getgrnam(cfg.socket_group)) == NULL ||
		    chown(cfg.socket, (uid_t)-1, gr->gr_gid) == -1) {
			log_err("%s: cannot give the socket to group %s",
			    cfg.socket, cfg.socket_group);
			close(fd);
			return -1;
		}
	}
	if (chmod(cfg.socket, (mode_t)cfg.socket_mode) == -1) {
		log_err("%s: chmod: %s", cfg.socket, strerror(errno));
		close(fd);
		return -1;
	}
	return fd;
}

int
main(int argc, char *argv[])
{
	pthread_t	*th;
	pthread_attr_t	 attr;
	sigset_t	 set;
	struct timespec	 deadline;
	char		 err[512];
	int		 i, sig, rc, started = 0;

	if (argc != 1) {
		fprintf(stderr, "usage: %s (configuration: "
		    "$LIANXIN_CONF or conf/lianxin.conf)\n", argv[0]);
		return 2;
	}
	config_defaults(&cfg);
	if (config_load(&cfg, config_path(), err, sizeof(err)) == -1 ||
	    config_db_password(&cfg, err, sizeof(err)) == -1) {
		log_err("configuration: %s", err);
		return 1;
	}
	if (setenv("TZ", cfg.timezone, 1) == -1)
		return 1;
	tzset();

	/* Signals are taken by sigwait in this thread only. */
	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGHUP);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	signal(SIGPIPE, SIG_IGN);

	if (db_library_init() == -1 || FCGX_Init() != 0) {
		log_err("cannot initialise libraries");
		return 1;
	}
	/* Fonts and libgd's cache before any thread (DESIGN.md). */
	if (chart_init(NULL) == -1)
		log_err("charts: cannot load the font %s: chart URLs will "
		    "answer 500", CHART_FONT_DEFAULT);
	/* The exports' column tables and workbook directory, likewise. */
	export_init();
	(void)sheet_init();
	/* The form tokens' key, derived once rather than per request. */
	formtoken_init(&cfg);
	photos_init(&cfg);
	/* Years a deadline may fall in without their holiday notice. */
	workdays_startup(&cfg);
	if ((listen_fd = open_socket()) == -1)
		return 1;
	if ((th = calloc((size_t)cfg.threads, sizeof(*th))) == NULL)
		return 1;
	pthread_attr_init(&attr);
	pthread_attr_setstacksize(&attr, 1024 * 1024);
	for (i = 0; i < cfg.threads; i++) {
		pthread_mutex_lock(&done_mutex);
		running++;
		pthread_mutex_unlock(&done_mutex);
		if ((rc = pthread_create(&th[i], &attr, worker, NULL)) != 0) {
			log_err("pthread_create: %s", strerror(rc));
			pthread_mutex_lock(&done_mutex);
			running--;
			pthread_mutex_unlock(&done_mutex);
			break;
		}
		started++;
	}
	log_info("listening on %s with %d threads", cfg.socket, started);

	do {
		if (sigwait(&set, &sig) != 0)
			sig = SIGTERM;
		if (sig == SIGHUP)
			log_info("SIGHUP ignored (restart to reload)");
	} while (sig == SIGHUP);

	log_info("signal %d: stopping", sig);
	__atomic_store_n(&stopping, 1, __ATOMIC_SEQ_CST);
	FCGX_ShutdownPending();
	shutdown(listen_fd, SHUT_RDWR);
	unlink(cfg.socket);

	clock_gettime(CLOCK_REALTIME, &deadline);
	deadline.tv_sec += cfg.shutdown_grace_ms / 1000;
	deadline.tv_nsec += (long)(cfg.shutdown_grace_ms % 1000) * 1000000L;
	if (deadline.tv_nsec >= 1000000000L) {
		deadline.tv_sec++;
		deadline.tv_nsec -= 1000000000L;
	}
	pthread_mutex_lock(&done_mutex);
	while (running > 0)
		if (pthread_cond_timedwait(&done_cond, &done_mutex,
		    &deadline) == ETIMEDOUT)
			break;
	rc = running;
	pthread_mutex_unlock(&done_mutex);
	if (rc > 0) {
		log_warn("%d requests still running after %d ms; exiting",
		    rc, cfg.shutdown_grace_ms);
		_exit(0);
	}
	for (i = 0; i < started; i++)
		pthread_join(th[i], NULL);
	free(th);
	close(listen_fd);
	db_library_end();
	log_info("stopped");
	return 0;
}
