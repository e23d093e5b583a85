# pooltrend: find kernel pool leaks in Windows pool logs.

PREFIX   ?= /usr/local
BINDIR   ?= $(PREFIX)/bin
MANDIR   ?= $(PREFIX)/share/man

CC       ?= cc
PKG_CONFIG ?= pkg-config
WARN      = -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes \
            -Wmissing-prototypes -Wwrite-strings
CFLAGS   ?= -O2 -g
# Hardening on by default; the sanitizers do their own checking.
HARDEN   ?= -D_FORTIFY_SOURCE=2 -fstack-protector-strong
# SAN=1 builds everything with AddressSanitizer and UBSan; SAN=thread
# with ThreadSanitizer (the fleet's and the tags' threads).
ifeq ($(SAN),1)
SANFLAGS  = -fsanitize=address,undefined -fno-sanitize-recover=all \
            -fno-omit-frame-pointer
HARDEN    =
endif
ifeq ($(SAN),thread)
SANFLAGS  = -fsanitize=thread -fno-omit-frame-pointer
HARDEN    =
endif
ALL_CFLAGS = -std=c11 -D_DEFAULT_SOURCE -pthread $(WARN) $(CFLAGS) $(HARDEN) $(SANFLAGS) -Iinclude \
             $(shell $(PKG_CONFIG) --cflags jansson 2>/dev/null)
ALL_LDFLAGS = $(LDFLAGS) $(SANFLAGS) -pthread
LIBS      = $(shell $(PKG_CONFIG) --libs jansson 2>/dev/null || echo -ljansson) \
            -lcsv -lm
CMOCKA_LIBS = $(shell $(PKG_CONFIG) --libs cmocka 2>/dev/null || echo -lcmocka)

LIB_SRCS  = src/util.c src/diag.c src/input.c src/timestamp.c src/table.c \
            src/stats.c src/trend.c src/sniff.c src/fmt_poolmon.c \
            src/fmt_csv.c src/report_text.c src/report_json.c src/units.c src/parse.c src/csvin.c \
            src/split.c src/fmt_pscsv.c src/fmt_poolused.c src/pooltag.c src/vm.c \
            src/fmt_perfmon.c src/gate.c src/report_feed.c src/emit.c \
            src/report_html.c src/report.c src/host.c src/fleet.c \
            src/nextstep.c src/fmt_handle.c src/fmt_events.c src/fmt_wpa.c
LIB_OBJS  = $(LIB_SRCS:.c=.o)
TESTS     = tests/util_test tests/units_test tests/input_test \
            tests/timestamp_test tests/table_test \
            tests/stats_test tests/trend_test tests/fmt_poolmon_test \
            tests/fmt_csv_test tests/fmt_pscsv_test tests/fmt_poolused_test \
            tests/fmt_perfmon_test tests/pooltag_test tests/vm_test \
            tests/report_test tests/parse_test tests/gate_test \
            tests/fleet_test tests/nextstep_test tests/fmt_handle_test \
            tests/fmt_events_test tests/fmt_wpa_test
TOOLS     = tools/poolgen tools/poolsim

# Debian packages the build and the tests need.
DEB_PKGS  = libcsv-dev libjansson-dev libcmocka-dev pkg-config mandoc \
            python3-jsonschema libxml2-utils

all: pooltrend

pooltrend: src/main.o libpooltrend.a
	$(CC) $(ALL_LDFLAGS) -o $@ src/main.o libpooltrend.a $(LIBS)

libpooltrend.a: $(LIB_OBJS)
	rm -f $@
	$(AR) rcs $@ $(LIB_OBJS)

.c.o:
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

# Rebuild everything when the flags change (SAN=1 and back).
.cflags: FORCE
	@echo '$(ALL_CFLAGS) $(ALL_LDFLAGS)' | cmp -s - $@ || \
	    echo '$(ALL_CFLAGS) $(ALL_LDFLAGS)' > $@

$(LIB_OBJS) src/main.o: include/*.h .cflags

# The next-step table, compiled in as one string literal a line.
src/nextsteps.inc: data/next-steps.tsv
	sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/^/"/' -e 's/$$/",/' \
	    data/next-steps.tsv > $@
src/nextstep.o: src/nextsteps.inc

tests/%_test: tests/%_test.c tests/testutil.h tests/parseutil.h libpooltrend.a .cflags
	$(CC) $(ALL_CFLAGS) -Itests $(ALL_LDFLAGS) -o $@ $< libpooltrend.a \
	    $(CMOCKA_LIBS) $(LIBS)

tools/%: tools/%.c libpooltrend.a .cflags
	$(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $< libpooltrend.a $(LIBS)

# Install the Debian packages that are missing (needs root or sudo).
deps:
	@missing=""; for p in $(DEB_PKGS); do \
	    dpkg-query -W -f='$${Status}' $$p 2>/dev/null | \
	        grep -q 'install ok installed' || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	    echo "installing:$$missing"; \
	    if [ "$$(id -u)" = 0 ]; then sudo=; else sudo=sudo; fi; \
	    $$sudo apt-get update -qq && \
	    DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq $$missing; \
	fi

# The demo log holds a leak, so pooltrend exits 1: that is the point.
DEMO_ARGS = --limit paged=384M,nonpaged=256M testdata/demo/poolsnap.log
demo: deps
	@$(MAKE) --no-print-directory -s pooltrend
	@echo '$$ ./pooltrend $(DEMO_ARGS)'
	@./pooltrend $(DEMO_ARGS) || test $$? = 1

check: deps
	@$(MAKE) --no-print-directory -s pooltrend $(TESTS) $(TOOLS)
	@sh tests/run.sh $(TESTS)

# The fleet page, docs/fleet.md, run as written: a pooltrend per host in
# parallel, the NDJSON queried in DuckDB (its Node.js package, from the npm
# registry, pinned in tests/fleet/package.json and its lock file; npm install
# rather than npm ci, which rejects a lock file without the other platforms'
# optional binaries, as npm writes it here).
check-fleet: deps
	@$(MAKE) --no-print-directory -s pooltrend
	@command -v npm >/dev/null || $(MAKE) --no-print-directory \
	    DEB_PKGS="nodejs npm" deps
	@cd tests/fleet && { [ -d node_modules ] || \
	    npm install --no-audit --no-fund --no-save >/dev/null; }
	@sh tests/fleet/run.sh

# The unit tests and the golden tests under valgrind: any error or leak
# fails.
VALGRIND = valgrind -q --error-exitcode=99 --leak-check=full \
           --errors-for-leak-kinds=definite,indirect
check-valgrind: deps
	@command -v valgrind >/dev/null || { $(MAKE) --no-print-directory \
	    DEB_PKGS=valgrind deps; }
	@$(MAKE) --no-print-directory -s pooltrend $(TESTS) $(TOOLS)
	@VALGRIND='$(VALGRIND)' sh tests/run.sh $(TESTS)

# The HTML report in a real browser: Debian's chromium driven by
# playwright-core from the npm registry (tests/browser/README.md), on the
# demo, a log with a reboot and a single dump; and the example page in
# docs/ is what the demo writes.  Debian's nodejs and npm are installed only
# when there is no npm (playwright-core wants Node.js 20 or later).
HTML_OUT = tests/out/html
check-html: deps pooltrend
	@$(MAKE) --no-print-directory DEB_PKGS=chromium deps
	@command -v npm >/dev/null || $(MAKE) --no-print-directory \
	    DEB_PKGS="nodejs npm" deps
	@test -d tests/browser/node_modules || \
	    (cd tests/browser && npm ci --no-audit --no-fund --silent)
	@rm -rf $(HTML_OUT) && mkdir -p $(HTML_OUT)
	@./pooltrend -f html $(DEMO_ARGS) >$(HTML_OUT)/demo.html || test $$? = 1
	@./pooltrend -f html testdata/reboot-midway/poolsnap.log \
	    >$(HTML_OUT)/reboot.html || test $$? = 1
	@./pooltrend -f html --limit nonpaged=4G \
	    testdata/poolused-dump/dump.txt >$(HTML_OUT)/dump.html 2>/dev/null
	@./pooltrend -f html $(DEMO_ARGS) testdata/toke-handles/handles.log \
	    testdata/toke-handles/system-events.txt \
	    >$(HTML_OUT)/events.html 2>/dev/null || test $$? = 1
	@cmp -s $(HTML_OUT)/demo.html docs/example-report.html || { echo \
	    "html: docs/example-report.html is not what the demo writes" \
	    "(make example-report)"; exit 1; }
	@node tests/browser/check.js $(HTML_OUT)/demo.html $(HTML_OUT)/demo.png \
	    $(HTML_OUT)/reboot.html $(HTML_OUT)/reboot.png \
	    $(HTML_OUT)/dump.html $(HTML_OUT)/dump.png \
	    $(HTML_OUT)/events.html $(HTML_OUT)/events.png

# Rewrite the example page and its screenshot in docs/ from the demo.
example-report: pooltrend
	@./pooltrend -f html $(DEMO_ARGS) >docs/example-report.html || \
	    test $$? = 1
	@$(MAKE) --no-print-directory check-html
	@cp $(HTML_OUT)/demo.png docs/example-report.png

.PHONY: check-html example-report

# Fuzzing with clang's libFuzzer: one target per input parser (each then
# runs the whole pipeline) and one for the value parsers, seeded from
# testdata/.  make fuzz runs each for FUZZ_SECONDS; CI runs fuzz-smoke.
FUZZ_TARGETS = poolmon csv pscsv poolused perfmon handle events wpa pooltag \
               vm values
FUZZ_SECONDS ?= 600
FUZZ_CC     = clang
FUZZ_CFLAGS = -std=c11 -D_DEFAULT_SOURCE -g -O1 -Iinclude \
              -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
              $(shell $(PKG_CONFIG) --cflags jansson 2>/dev/null)
FUZZ_BINS   = $(FUZZ_TARGETS:%=fuzz/build/%)
FUZZ_DEFS_poolmon  = -DPARSER=fmt_poolmon_parse
FUZZ_DEFS_csv      = -DPARSER=fmt_csv_parse
FUZZ_DEFS_pscsv    = -DPARSER=fmt_pscsv_parse
FUZZ_DEFS_poolused = -DPARSER=fmt_poolused_parse
FUZZ_DEFS_perfmon  = -DPARSER=fmt_perfmon_parse
FUZZ_DEFS_handle   = -DPARSER=fmt_handle_parse
FUZZ_DEFS_events   = -DPARSER=fmt_events_parse
FUZZ_DEFS_wpa      = -DPARSER=fmt_wpa_parse
FUZZ_DEFS_pooltag  = -DPOOLTAG
FUZZ_DEFS_vm       = -DVM

fuzz/build/values: fuzz/fuzz_values.c $(LIB_SRCS) include/*.h src/nextsteps.inc
	@mkdir -p fuzz/build
	$(FUZZ_CC) $(FUZZ_CFLAGS) -o $@ fuzz/fuzz_values.c $(LIB_SRCS) $(LIBS)

fuzz/build/%: fuzz/fuzz_parser.c $(LIB_SRCS) include/*.h src/nextsteps.inc
	@mkdir -p fuzz/build
	$(FUZZ_CC) $(FUZZ_CFLAGS) $(FUZZ_DEFS_$*) -o $@ fuzz/fuzz_parser.c \
	    $(LIB_SRCS) $(LIBS)

fuzz-deps:
	@$(MAKE) --no-print-directory DEB_PKGS="clang libclang-rt-14-dev \
	    $(DEB_PKGS)" deps

fuzz/seeds: FORCE
	@rm -rf fuzz/seeds && mkdir -p fuzz/seeds
	@find testdata -type f ! -name cmd ! -name stdout ! -name stderr \
	    ! -name status -size -256k | while read f; do \
	    cp "$$f" "fuzz/seeds/$$(echo "$$f" | tr / _)"; done

fuzz: fuzz-deps
	@$(MAKE) --no-print-directory $(FUZZ_BINS) fuzz/seeds
	@mkdir -p fuzz/crashes
	@for t in $(FUZZ_TARGETS); do \
	    mkdir -p fuzz/corpus/$$t; \
	    echo "fuzz $$t: $(FUZZ_SECONDS) s"; \
	    fuzz/build/$$t -max_total_time=$(FUZZ_SECONDS) -max_len=65536 \
	        -artifact_prefix=fuzz/crashes/$$t- -print_final_stats=1 \
	        fuzz/corpus/$$t fuzz/seeds 2>fuzz/build/$$t.log || \
	        { tail -40 fuzz/build/$$t.log; exit 1; }; \
	    grep -E '^stat::number_of_executed_units' fuzz/build/$$t.log; \
	done

fuzz-smoke:
	@$(MAKE) --no-print-directory FUZZ_SECONDS=10 fuzz

# The accuracy benchmark: pooltrend and the usual baselines on scenarios
# with known truth from tools/poolsim (see bench/README.md).
ACCURACY_SCENARIOS ?= 40
ACCURACY_SEED ?= 1
bench/accuracy: bench/accuracy.c libpooltrend.a .cflags
	$(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $< libpooltrend.a $(LIBS)

bench-accuracy: deps
	@$(MAKE) --no-print-directory -s tools/poolsim bench/accuracy
	@rm -rf bench/corpus && mkdir -p bench/corpus
	@tools/poolsim -n $(ACCURACY_SCENARIOS) -S $(ACCURACY_SEED) bench/corpus
	@bench/accuracy bench/corpus

# The speed benchmark: pooltrend against wc -l, DuckDB, gawk, mawk, Miller
# and pandas on generated long CSV and poolmon text; installs the peers
# (bench/README.md).  BENCH_SCALES="0.1 1 4" for the scaling curve.
BENCH_SCALES ?= 1
bench: deps
	@$(MAKE) --no-print-directory -s pooltrend tools/poolgen
	@sh bench/speed/run.sh $(BENCH_SCALES)

# The fleet in one run: one job against one a processor (bench/README.md).
FLEET_HOSTS ?= 16
bench-fleet: deps
	@$(MAKE) --no-print-directory DEB_PKGS=time deps
	@$(MAKE) --no-print-directory -s pooltrend tools/poolgen
	@sh bench/fleet.sh $(FLEET_HOSTS)

# Regenerate the bundled sample logs (they are committed).
samples: $(TOOLS)
	tools/poolgen -rg > testdata/demo/poolsnap.log

install: pooltrend
	mkdir -p $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1
	install -m 755 pooltrend $(DESTDIR)$(BINDIR)/pooltrend
	install -m 644 man/pooltrend.1 $(DESTDIR)$(MANDIR)/man1/pooltrend.1

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/pooltrend $(DESTDIR)$(MANDIR)/man1/pooltrend.1

# Static analysis, configured in .clang-tidy and here; all must be clean.
lint: src/nextsteps.inc
	@$(MAKE) --no-print-directory DEB_PKGS="cppcheck clang-tidy mandoc \
	    $(DEB_PKGS)" deps
	cppcheck --enable=warning,performance,portability --std=c11 \
	    -Iinclude --quiet --inline-suppr --error-exitcode=1 src tools fuzz
	clang-tidy --quiet src/*.c -- -std=c11 -D_DEFAULT_SOURCE -Iinclude \
	    $(shell $(PKG_CONFIG) --cflags jansson 2>/dev/null)
	mandoc -T lint -W warning man/pooltrend.1

clean:
	rm -f pooltrend libpooltrend.a src/*.o src/nextsteps.inc $(TESTS) $(TOOLS) .cflags
	rm -rf tests/out fuzz/build fuzz/seeds bench/corpus bench/accuracy bench/fleet bench/speed/data

.PHONY: check-fleet all deps demo check check-valgrind samples install uninstall \
        lint clean fuzz fuzz-smoke fuzz-deps bench bench-accuracy bench-fleet FORCE
