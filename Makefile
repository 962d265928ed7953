# lianxin — GNU Makefile.  Site settings go in an optional Makefile.local.
#
#   make            build lianxind (daemon) and lianxin (admin command)
#   make deps       install missing Debian packages (apt-get)
#   make run        private MariaDB + lianxind + nginx on 127.0.0.1:$(PORT)
#   make test       unit and integration tests (SAN=1: ASan + UBSan build)
#   make bench      benchmarks
#   make soak       mixed load for SOAK_SECONDS (600): no 5xx, no memory growth
#   make install    install under $(PREFIX)
#
# The stylesheet and the script (static/) are served by nginx, not the
# daemon, under names holding the first 10 hex digits of their SHA-256
# ($(BUILD)/static/lianxin.<hash>.css), so browsers may keep them for a
# year; $(BUILD)/gen/assets.h gives those names to cgi/html.c.

-include Makefile.local

CC	?= cc
PREFIX	?= /usr/local
PORT	?= 8080
SAN	?= 0

PKGS	 = libmariadb freetype2 gdlib inih liburiparser libsodium jansson xlsxwriter libexif
# The outbox's sender (admin/send.c): HTTPS.
PKGS	+= libcurl
CPPFLAGS += -D_GNU_SOURCE -Ilib -Iconf -Idomain -Isql -Icharts -Icgi \
	    -Iadmin -Iadmin/demo -I$(BUILD)/gen
CFLAGS	+= -std=c11 -g -Wall -Wextra -Werror -Wshadow -Wformat=2 \
	   -Wno-format-nonliteral -Wno-missing-field-initializers
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

LIB_SRC    = $(wildcard lib/*.c)
CONF_SRC   = $(wildcard conf/*.c)
DOMAIN_SRC = $(wildcard domain/*.c)
SQL_SRC    = $(wildcard sql/*.c)
CHARTS_SRC = $(wildcard charts/*.c)
CGI_SRC    = $(filter-out cgi/main.c,$(wildcard cgi/*.c))
ADMIN_SRC  = $(filter-out admin/admin.c,$(wildcard admin/*.c admin/demo/*.c))
MIGRATIONS = sql/schema.sql $(sort $(wildcard sql/migrations/[0-9]*.sql))

# Static files, each named by its content: static/NAME.EXT is served as
# /static/NAME.<first 10 hex digits of its SHA-256>.EXT.
STATIC_SRC = static/lianxin.css static/lianxin.js
hashed = $(basename $(notdir $(1))).$(shell sha256sum $(1) | cut -c1-10)$(suffix $(1))
STATIC_NAMES := $(foreach f,$(STATIC_SRC),$(call hashed,$(f)))
STATIC_OUT = $(addprefix $(BUILD)/static/,$(STATIC_NAMES))
ASSETS_H = $(BUILD)/gen/assets.h

obj = $(patsubst %.c,$(BUILD)/%.o,$(1))
LIBLIB	  = $(BUILD)/liblib.a
LIBCONF	  = $(BUILD)/libconf.a
LIBDOMAIN = $(BUILD)/libdomain.a
LIBSQL	  = $(BUILD)/libsql.a
LIBCHARTS = $(BUILD)/libcharts.a
LIBCGI	  = $(BUILD)/libcgi.a
LIBADMIN  = $(BUILD)/libadmin.a
# Layers from the top down, the order they link in: lib/ uses nothing of
# ours, domain/ and conf/ only lib/, sql/ those, cgi/ and admin/ all below.
DAEMON_LIBS = $(LIBCGI) $(LIBSQL) $(LIBCHARTS) $(LIBDOMAIN) $(LIBCONF) \
	    $(LIBLIB)
ADMIN_LIBS = $(LIBADMIN) $(LIBSQL) $(LIBDOMAIN) $(LIBCONF) $(LIBLIB)
# Tests link with every layer.
LIBS	  = $(LIBADMIN) $(DAEMON_LIBS)

UNIT_TESTS = $(patsubst tests/unit/%.c,$(BUILD)/tests/%,$(wildcard tests/unit/test_*.c))
INTEG_TESTS = $(patsubst tests/integration/%.c,$(BUILD)/tests/%,$(wildcard tests/integration/test_*.c))
SCALE_TESTS = $(patsubst tests/scaleout/%.c,$(BUILD)/tests/%,$(wildcard tests/scaleout/test_*.c))
BENCHES	= $(patsubst tests/bench/%.c,$(BUILD)/tests/%,$(wildcard tests/bench/bench_*.c))
TEST_SUPPORT = $(call obj,$(wildcard tests/support/*.c))

.PHONY: all deps run test test-unit bench soak fuzz install clean check-tools
.PHONY: test-galera
.DEFAULT_GOAL := all

all: $(BUILD)/lianxind $(BUILD)/lianxin $(STATIC_OUT)

deps:
	@scripts/deps.sh

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	@$(CC) $(CPPFLAGS) $(CFLAGS) -MMD -MP -c $< -o $@

$(LIBLIB): $(call obj,$(LIB_SRC))
$(LIBCONF): $(call obj,$(CONF_SRC))
$(LIBDOMAIN): $(call obj,$(DOMAIN_SRC))
$(LIBSQL): $(call obj,$(SQL_SRC)) $(BUILD)/sql/migrations.gen.o
$(LIBCHARTS): $(call obj,$(CHARTS_SRC))
$(LIBCGI): $(call obj,$(CGI_SRC))
$(LIBADMIN): $(call obj,$(ADMIN_SRC))
$(LIBS):
	@mkdir -p $(dir $@)
	@rm -f $@
	@echo "  AR      $@"
	@ar rcs $@ $^

# The static files under their hashed names (the older copy removed),
# and the header that gives their URLs to the pages: ASSET_CSS, ASSET_JS.
define static_rule
$(BUILD)/static/$(call hashed,$(1)): $(1)
	@mkdir -p $$(dir $$@)
	@echo "  STATIC  $$@"
	@rm -f $$(dir $$@)$(basename $(notdir $(1))).*$(suffix $(1))
	@cp $(1) $$@
endef
$(foreach f,$(STATIC_SRC),$(eval $(call static_rule,$(f))))
$(ASSETS_H): $(STATIC_SRC)
	@mkdir -p $(dir $@)
	@echo "  GEN     $@"
	@{ echo '/* Made by the Makefile: the URLs of the files of static/. */'; \
	    for n in $(STATIC_NAMES); do \
		ext=$${n##*.}; echo "#define ASSET_$$(echo $$ext | tr a-z A-Z)" \
		    "\"/static/$$n\""; \
	    done; } >$@.tmp && mv $@.tmp $@
$(BUILD)/cgi/html.o build/fuzz/obj/cgi/html.o: $(ASSETS_H)

# The schema and migrations, embedded in the binaries by a build tool.
$(BUILD)/embed: tools/embed.c
	@mkdir -p $(dir $@)
	$(CC) -std=c11 -D_GNU_SOURCE -O1 -Wall -Wextra -Werror $< -o $@
$(BUILD)/sql/migrations.gen.c: $(BUILD)/embed $(MIGRATIONS)
	@mkdir -p $(dir $@)
	$(BUILD)/embed $@ $(MIGRATIONS)
$(BUILD)/sql/migrations.gen.o: $(BUILD)/sql/migrations.gen.c
	$(CC) $(CPPFLAGS) $(CFLAGS) -c $< -o $@

$(BUILD)/lianxind: $(BUILD)/cgi/main.o $(DAEMON_LIBS)
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/lianxin: $(BUILD)/admin/admin.o $(ADMIN_LIBS)
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
# The cluster test's form tokens (make test runs it; scripts/test.sh).
tests-build: $(BUILD)/tests/formtoks

run: deps
	@$(MAKE) --no-print-directory all
	@BUILD=$(BUILD) PORT=$(PORT) scripts/stack.sh run

test: deps
	@$(MAKE) --no-print-directory tests-build
	@BUILD=$(BUILD) scripts/test.sh

bench: deps
	@$(MAKE) --no-print-directory all $(BENCHES) $(BUILD)/tests/formtoks
	@BUILD=$(BUILD) scripts/bench.sh

soak: deps
	@$(MAKE) --no-print-directory all
	@BUILD=$(BUILD) scripts/soak.sh

# The Galera cluster test (issue 21): three nodes, three daemons, faults
# under a load of posts (scripts/test-galera.sh).
test-galera: deps
	@$(MAKE) --no-print-directory all $(BUILD)/tests/formtoks
	@BUILD=$(BUILD) scripts/test-galera.sh

# libFuzzer drivers (clang), each run FUZZ_SECONDS on its seed corpus; a
# crash, leak or sanitizer report fails the target.  The program's sources
# are compiled once (build/fuzz/obj) and linked into every driver.
FUZZ_SECONDS ?= 60
FUZZERS = $(patsubst tests/fuzz/%.c,build/fuzz/%,$(wildcard tests/fuzz/fuzz_*.c))
FUZZ_CFLAGS = $(CPPFLAGS) -std=c11 -g -O1 $(PKG_CFLAGS)
FUZZ_OBJ = $(patsubst %.c,build/fuzz/obj/%.o,$(ADMIN_SRC) $(CGI_SRC) \
    $(SQL_SRC) $(CONF_SRC) $(CHARTS_SRC) $(DOMAIN_SRC) $(LIB_SRC)) build/fuzz/obj/migrations.gen.o
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
# libxml2 checks the XML writers' output (the drivers only).
FUZZ_XML_CFLAGS = $(shell pkg-config --cflags libxml-2.0)
FUZZ_XML_LIBS = $(shell pkg-config --libs libxml-2.0)
build/fuzz/%: tests/fuzz/%.c build/fuzz/libfuzz.a
	@mkdir -p $(dir $@)
	@echo "  FUZZ    $@"
	@clang $(FUZZ_CFLAGS) $(FUZZ_XML_CFLAGS) \
	    -fsanitize=fuzzer,address,undefined \
	    -o $@ $^ $(LDLIBS) $(FUZZ_XML_LIBS)
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
	install -d $(DESTDIR)$(PREFIX)/share/lianxin/static
	install -m 0644 $(STATIC_OUT) $(DESTDIR)$(PREFIX)/share/lianxin/static/

clean:
	rm -rf build

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
