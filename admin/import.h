/*
 * CSV imports of the admin command: regions, categories and staff users,
 * all or nothing (admin/import.c, with sql/import.c for the database;
 * the file format is that of lib/csvin.h).
 */
#ifndef LIANXIN_IMPORT_H
#define LIANXIN_IMPORT_H

#include <stddef.h>
#include <stdio.h>

struct config;
struct csvin_errors;

enum import_kind {
	IMPORT_REGIONS,
	IMPORT_CATEGORIES,
	IMPORT_USERS,
	IMPORT_COMPOUNDS,
	IMPORT_HOLIDAYS,	/* one year's holiday notice (工作日) */
	IMPORT_UNITS,		/* departments and co-building units */
	IMPORT_ORGS,		/* 两新 organisations (admin/import_orgs.c) */
	IMPORT__MAX
};

/* The kind named s ("regions", "categories", "users", "compounds",
 * "holidays", "units", "orgs"), or
 * -1. */
int	 import_kind_by_name(const char *s);

/*
 * Import the CSV file path ("-": standard input).  Every row is checked
 * first (values, rows against each other, rows against the database);
 * only when no row has an error are they all inserted, in one
 * transaction.  Each error goes to err as "FILE:LINE: FIELD: reason";
 * success prints "imported N <kind>" to out, after the lines
 * "username<TAB>password" of the passwords it generated (users).
 * Returns 0 when imported, 1 when nothing was imported.
 */
int	 import_file(const struct config *, enum import_kind,
	    const char *path, FILE *out, FILE *err);

/*
 * The checks of import_file on CSV text, without a database: every code,
 * username and parent is taken as not being in it.  The errors go to *e
 * (free with csvin_errors_free), the number of rows read to *nrows.
 * Returns 0, or -1 when out of memory.  For the fuzz driver and tests.
 */
int	 import_check_buffer(enum import_kind, const char *buf, size_t len,
	    struct csvin_errors *e, size_t *nrows);

#endif
