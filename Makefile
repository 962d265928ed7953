# lianxin — GNU Makefile.  Site settings go in an optional Makefile.local.
#
#   make            build lianxind (daemon) and lianxin (admin command)
#   make deps       install missing Debian packages (apt-get)
#   make run        private MariaDB + lianxind + nginx on 127.0.0.1:$(PORT)
#   make test       unit and integration tests (SAN=1: ASan + UBSan build)
#   make bench      benchmarks
#   make soak       mixed load for SOAK_SECONDS (600): no 5xx, no memory growth
#   make install    install under $(PREFIX)

-include Makefile.local

CC	?= cc
PREFIX	?= /usr/local
PORT	?= 8080
SAN	?= 0

PKGS	 = libmariadb freetype2 gdlib inih liburiparser libsodium jansson xlsxwriter
CPPFLAGS += -D_GNU_SOURCE -Iconf -Isql -Icharts -Icgi
CFLAGS	+= -std=c11 -g -Wall -Wextra -Werror -Wshadow -Wformat=2 \
	   -Wno-format-nonliteral
ifeq ($(SAN),1)
BUILD	?= build/san
CFLAGS	+= -O1 -fno-omit-frame-pointer -fsanitize=address,undefined \
	   -fno-sanitize-recover=undefined
LDFLAGS	+= -fsanitize=address,undefined
else
BUILD	?= build
CFLAGS	+= -O2
endif

# pkg-config runs only when building (not for deps/help), so that
# `make deps` works on a machine without the -dev packages.
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   = $(shell pkg-config --libs $(PKGS) 2>/dev/null)
LDLIBS	+= $(PKG_LIBS) -lfcgi -lcsv -lpthread -lm
CFLAGS	+= $(PKG_CFLAGS)

CONF_SRC   = $(wildcard conf/*.c)
SQL_SRC    = $(filter-out sql/admin.c sql/embed.c,$(wildcard sql/*.c))
CHARTS_SRC = $(wildcard charts/*.c)
CGI_SRC    = $(filter-out cgi/main.c,$(wildcard cgi/*.c))
MIGRATIONS = sql/schema.sql $(sort $(wildcard sql/migrations/[0-9]*.sql))

obj = $(patsubst %.c,$(BUILD)/%.o,$(1))
LIBCONF	  = $(BUILD)/libconf.a
LIBSQL	  = $(BUILD)/libsql.a
LIBCHARTS = $(BUILD)/libcharts.a
LIBCGI	  = $(BUILD)/libcgi.a
LIBS	  = $(LIBCGI) $(LIBSQL) $(LIBCHARTS) $(LIBCONF)

UNIT_TESTS = $(patsubst tests/unit/%.c,$(BUILD)/tests/%,$(wildcard tests/unit/test_*.c))
INTEG_TESTS = $(patsubst tests/integration/%.c,$(BUILD)/tests/%,$(wildcard tests/integration/test_*.c))
SCALE_TESTS = $(patsubst tests/scaleout/%.c,$(BUILD)/tests/%,$(wildcard tests/scaleout/test_*.c))
BENCHES	= $(patsubst tests/bench/%.c,$(BUILD)/tests/%,$(wildcard tests/bench/bench_*.c))
TEST_SUPPORT = $(call obj,$(wildcard tests/support/*.c))

.PHONY: all deps run test test-unit bench soak fuzz install clean check-tools
.DEFAULT_GOAL := all

all: $(BUILD)/lianxind $(BUILD)/lianxin

deps:
	@scripts/deps.sh

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	@$(CC) $(CPPFLAGS) $(CFLAGS) -MMD -MP -c $< -o $@

$(LIBCONF): $(call obj,$(CONF_SRC))
$(LIBSQL): $(call obj,$(SQL_SRC)) $(BUILD)/sql/migrations.gen.o
$(LIBCHARTS): $(call obj,$(CHARTS_SRC))
$(LIBCGI): $(call obj,$(CGI_SRC))
$(LIBS):
	@mkdir -p $(dir $@)
	@rm -f $@
	@echo "  AR      $@"
	@ar rcs $@ $^

# The schema and migrations, embedded in the binaries by a build tool.
$(BUILD)/embed: sql/embed.c
	@mkdir -p $(dir $@)
	$(CC) -std=c11 -D_GNU_SOURCE -O1 -Wall -Wextra -Werror $< -o $@
$(BUILD)/sql/migrations.gen.c: $(BUILD)/embed $(MIGRATIONS)
	@mkdir -p $(dir $@)
	$(BUILD)/embed $@ $(MIGRATIONS)
$(BUILD)/sql/migrations.gen.o: $(BUILD)/sql/migrations.gen.c
	$(CC) $(CPPFLAGS) $(CFLAGS) -c $< -o $@

$(BUILD)/lianxind: $(BUILD)/cgi/main.o $(LIBS)
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/lianxin: $(BUILD)/sql/admin.o $(LIBS)
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

# Tests and benchmarks: one binary per file, linked with every module.
define test_link
	@mkdir -p $(dir $@)
	@echo "  LD      $@"
	@$(CC) $(CPPFLAGS) -Itests/support $(CFLAGS) $(LDFLAGS) \
	    -o $@ $^ $(LDLIBS) -lcmocka
endef
$(BUILD)/tests/%: tests/unit/%.c $(TEST_SUPPORT) $(LIBS)
	$(test_link)
$(BUILD)/tests/%: tests/integration/%.c $(TEST_SUPPORT) $(LIBS)
	$(test_link)
$(BUILD)/tests/%: tests/scaleout/%.c $(TEST_SUPPORT) $(LIBS)
	$(test_link)
$(BUILD)/tests/%: tests/bench/%.c $(TEST_SUPPORT) $(LIBS)
	$(test_link)

tests-build: all $(UNIT_TESTS) $(INTEG_TESTS) $(SCALE_TESTS)

run: deps
	@$(MAKE) --no-print-directory all
	@BUILD=$(BUILD) PORT=$(PORT) scripts/stack.sh run

test: deps
	@$(MAKE) --no-print-directory tests-build
	@BUILD=$(BUILD) scripts/test.sh

bench: deps
	@$(MAKE) --no-print-directory all $(BENCHES)
	@BUILD=$(BUILD) scripts/bench.sh

soak: deps
	@$(MAKE) --no-print-directory all
	@BUILD=$(BUILD) scripts/soak.sh

# libFuzzer drivers (clang), each run FUZZ_SECONDS on its seed corpus; a
# crash, leak or sanitizer report fails the target.  The program's sources
# are compiled once (build/fuzz/obj) and linked into every driver.
FUZZ_SECONDS ?= 60
FUZZERS = $(patsubst tests/fuzz/%.c,build/fuzz/%,$(wildcard tests/fuzz/fuzz_*.c))
FUZZ_CFLAGS = $(CPPFLAGS) -std=c11 -g -O1 $(PKG_CFLAGS)
FUZZ_OBJ = $(patsubst %.c,build/fuzz/obj/%.o,$(CGI_SRC) $(SQL_SRC) \
    $(CONF_SRC) $(CHARTS_SRC)) build/fuzz/obj/migrations.gen.o
build/fuzz/obj/%.o: %.c
	@mkdir -p $(dir $@)
	@echo "  CC      $@"
	@clang $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link,address,undefined \
	    -MMD -MP -c $< -o $@
build/fuzz/obj/migrations.gen.o: build/sql/migrations.gen.c
	@mkdir -p $(dir $@)
	@clang $(FUZZ_CFLAGS) -fsanitize=address,undefined -c $< -o $@
build/fuzz/libfuzz.a: $(FUZZ_OBJ)
	@rm -f $@
	@ar rcs $@ $^
build/fuzz/%: tests/fuzz/%.c build/fuzz/libfuzz.a
	@mkdir -p $(dir $@)
	@echo "  FUZZ    $@"
	@clang $(FUZZ_CFLAGS) -fsanitize=fuzzer,address,undefined \
	    -o $@ $^ $(LDLIBS)
fuzz: deps
	@$(MAKE) --no-print-directory build/sql/migrations.gen.c $(FUZZERS)
	@for f in $(FUZZERS); do \
		name=$$(basename $$f); corpus=tests/fuzz/corpus/$${name#fuzz_}; \
		mkdir -p build/fuzz/corpus-$$name; \
		echo "== $$name ($(FUZZ_SECONDS) s)"; \
		if ! $$f -max_total_time=$(FUZZ_SECONDS) -max_len=65536 \
		    -detect_leaks=1 -artifact_prefix=build/fuzz/$$name- \
		    build/fuzz/corpus-$$name $$corpus >build/fuzz/$$name.log 2>&1; \
		then \
			tail -n 40 build/fuzz/$$name.log; \
			echo "fuzz: $$name failed (log build/fuzz/$$name.log)"; \
			exit 1; \
		fi; \
		tail -n 2 build/fuzz/$$name.log; \
	done

install: all
	install -d $(DESTDIR)$(PREFIX)/sbin $(DESTDIR)$(PREFIX)/bin \
	    $(DESTDIR)/etc/lianxin
	install -m 0755 $(BUILD)/lianxind $(DESTDIR)$(PREFIX)/sbin/lianxind
	install -m 0755 $(BUILD)/lianxin $(DESTDIR)$(PREFIX)/bin/lianxin
	test -e $(DESTDIR)/etc/lianxin/lianxin.conf || \
	    install -m 0640 conf/lianxin.conf $(DESTDIR)/etc/lianxin/lianxin.conf
	install -d $(DESTDIR)/lib/systemd/system
	install -m 0644 conf/lianxind.service $(DESTDIR)/lib/systemd/system/

clean:
	rm -rf build

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
