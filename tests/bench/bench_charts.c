/*
 * Benchmark of charts/: cold renders (no PNG cache; the glyph cache is
 * warm after the first render, which is reported on its own) of the
 * dashboard's 800x400 charts, in one and in two threads.
 *
 * Prints plain lines:
 *   chart_bar_first_ms 9.1
 *   chart_bar_cold_ms p50=3.1 p99=4.0 mean=3.2
 *   chart_bar_cold_cpu_ms p50=3.0 p99=3.6 mean=3.0
 *   chart_bar_cold_per_s threads=1 310
 *   chart_bar_cold_ms threads=2 p50=3.2 p99=4.4 mean=3.3
 *   chart_bar_cold_per_s threads=2 590
 * and the same for trend and stack.  _ms is wall time per render, _cpu_ms
 * the rendering thread's CPU time (steadier on a shared machine).
 * Optional argument: renders per run (default 300).
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../../charts/chart.h"
#include "chartdata.h"

static struct chart_bar_item	 items[36];
static struct chart_stack_item	 sitems[36];
static double			 tv[3][12];
static struct chart_series	 series[3];
static struct chart_bar		 bar;
static struct chart_trend	 trend;
static struct chart_stack	 stack;

enum kind { K_BAR, K_TREND, K_STACK, K__MAX };

static const char *const kname[K__MAX] = { "bar", "trend", "stack" };

static void
fill_data(void)
{
	bar = chart_sample_bar(items);
	trend = chart_sample_trend(tv, series);
	stack = chart_sample_stack(sitems, 36);
}

static double
now_ms(clockid_t c)
{
	struct timespec t;

	clock_gettime(c, &t);
	return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

/* One render, its PNG freed; returns wall ms (CPU ms in *cpu) or -1. */
static double
render(enum kind k, double *cpu)
{
	unsigned char	*png;
	size_t		 len;
	double		 t = now_ms(CLOCK_MONOTONIC);
	double		 c = now_ms(CLOCK_THREAD_CPUTIME_ID);
	int		 rc;

	rc = k == K_BAR ? chart_bar_png(&bar, &png, &len) :
	    k == K_TREND ? chart_trend_png(&trend, &png, &len) :
	    chart_stack_png(&stack, &png, &len);
	*cpu = now_ms(CLOCK_THREAD_CPUTIME_ID) - c;
	t = now_ms(CLOCK_MONOTONIC) - t;
	if (rc == -1)
		return -1;
	chart_free(png);
	return t;
}

struct run {
	enum kind	 k;
	size_t		 n;
	double		*ms;
	double		*cpu;
	int		 bad;
};

static void *
worker(void *arg)
{
	struct run	*r = arg;
	size_t		 i;

	for (i = 0; i < r->n; i++)
		if ((r->ms[i] = render(r->k, &r->cpu[i])) < 0)
			r->bad = 1;
	return NULL;
}

static int
cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* Sort v[0..n) and print "name p50=.. p99=.. mean=..". */
static void
stats(const char *name, double *v, size_t n)
{
	double	 sum = 0;
	size_t	 i;

	qsort(v, n, sizeof(*v), cmp);
	for (i = 0; i < n; i++)
		sum += v[i];
	printf("%s p50=%.2f p99=%.2f mean=%.2f\n", name, v[n / 2],
	    v[n * 99 / 100], sum / n);
}

/* n renders in each of nt threads; prints figures; returns 0 or -1. */
static int
bench(enum kind k, size_t nt, size_t n)
{
	struct run	 r[2];
	pthread_t	 th[2];
	double		*ms, *cpu, t;
	size_t		 i, all = nt * n;
	char		 name[64];
	int		 rc = -1;

	ms = calloc(all, sizeof(*ms));
	cpu = calloc(all, sizeof(*cpu));
	if (ms == NULL || cpu == NULL)
		goto out;
	t = now_ms(CLOCK_MONOTONIC);
	for (i = 0; i < nt; i++) {
		r[i] = (struct run){ k, n, ms + i * n, cpu + i * n, 0 };
		pthread_create(&th[i], NULL, worker, &r[i]);
	}
	for (i = 0; i < nt; i++)
		pthread_join(th[i], NULL);
	t = now_ms(CLOCK_MONOTONIC) - t;
	for (i = 0; i < nt; i++)
		if (r[i].bad)
			goto out;
	if (nt == 1) {
		snprintf(name, sizeof(name), "chart_%s_cold_ms", kname[k]);
		stats(name, ms, all);
		snprintf(name, sizeof(name), "chart_%s_cold_cpu_ms", kname[k]);
		stats(name, cpu, all);
	} else {
		snprintf(name, sizeof(name), "chart_%s_cold_ms threads=%zu",
		    kname[k], nt);
		stats(name, ms, all);
	}
	printf("chart_%s_cold_per_s threads=%zu %.0f\n", kname[k], nt,
	    all / (t / 1e3));
	rc = 0;
out:
	free(ms);
	free(cpu);
	return rc;
}

int
main(int argc, char *argv[])
{
	size_t	 n = argc > 1 ? strtoul(argv[1], NULL, 10) : 300;
	double	 t, cpu;
	int	 k;

	if (n < 10)
		n = 10;
	fill_data();
	t = now_ms(CLOCK_MONOTONIC);
	if (chart_init(getenv("LIANXIN_FONT")) == -1) {
		fprintf(stderr, "chart_init failed\n");
		return 1;
	}
	printf("chart_init_ms %.2f\n", now_ms(CLOCK_MONOTONIC) - t);
	for (k = 0; k < K__MAX; k++)
		printf("chart_%s_first_ms %.2f\n", kname[k], render(k, &cpu));
	for (k = 0; k < K__MAX; k++)
		if (bench(k, 1, n) == -1 || bench(k, 2, n) == -1) {
			fprintf(stderr, "render failed\n");
			return 1;
		}
	chart_shutdown();
	return 0;
}
