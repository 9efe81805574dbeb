# deliusd - build, run and test.
#   make          build build/deliusd (release, -O2)
#   make run      install deps, build, migrate + seed data/deliusd.db, dev key, serve on :8080
#   make test     install deps, build, unit + API tests, then the same under ASan+UBSan
#   make asan     build build/asan/deliusd
#   make bench    benchmarks (bench/README.md)
# Every .c file under src/ is compiled; src/main.c holds main().

CC ?= cc
PKGS := libmicrohttpd jansson libcurl openssl sqlite3 libpq
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS := $(shell pkg-config --libs $(PKGS) 2>/dev/null)
VERSION := $(shell cat VERSION 2>/dev/null || echo 0.0.0)
GIT_REV := $(shell git rev-parse --short HEAD 2>/dev/null || echo unknown)

WARN := -Wall -Wextra -Werror -pedantic -Wshadow -Wformat=2 -Wno-unused-parameter
BASE_CFLAGS := -std=c17 -D_GNU_SOURCE $(WARN) -g $(PKG_CFLAGS) -I src \
	-DDELIUSD_VERSION='"$(VERSION)"' -DDELIUSD_GIT='"$(GIT_REV)"'
LDLIBS := $(PKG_LIBS) -lpthread -lm

MODE ?= release
ifeq ($(MODE),asan)
  BUILD := build/asan
  CFLAGS_MODE := -O1 -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=undefined
  LDFLAGS_MODE := -fsanitize=address,undefined
else
  BUILD := build
  CFLAGS_MODE := -O2
  LDFLAGS_MODE :=
endif
CFLAGS_ALL := $(BASE_CFLAGS) $(CFLAGS_MODE) $(EXTRA_CFLAGS)

SRCS := $(shell find src -name '*.c' | sort)
OBJS := $(patsubst src/%.c,$(BUILD)/obj/%.o,$(SRCS))
LIB_OBJS := $(filter-out $(BUILD)/obj/main.o,$(OBJS)) $(BUILD)/obj/gen/embedded.o
SCHEMA := $(sort $(wildcard src/db/schema/*.sql))
DOCS_JSON := $(sort $(wildcard docs/api/*.json))
UNIT_SRCS := $(sort $(wildcard tests/unit/test_*.c))
UNIT_BINS := $(patsubst tests/unit/%.c,$(BUILD)/tests/%,$(UNIT_SRCS))
# tests/unit/core/ mirrors src/core/ and links src/core alone: core knows no
# service and no database, and these tests prove it builds that way.
CORE_OBJS := $(filter $(BUILD)/obj/core/%,$(OBJS))
CORE_UNIT_SRCS := $(sort $(wildcard tests/unit/core/test_*.c))
CORE_UNIT_BINS := $(patsubst tests/unit/core/%.c,$(BUILD)/tests/core/%,$(CORE_UNIT_SRCS))

.PHONY: all asan run test unit api deps clean bench
all: $(BUILD)/deliusd

$(BUILD)/deliusd: $(OBJS) $(BUILD)/obj/gen/embedded.o
	$(CC) $(LDFLAGS_MODE) -o $@ $^ $(LDLIBS)

$(BUILD)/obj/%.o: src/%.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -MMD -MP -c -o $@ $<

build/tools/embed: tools/embed.c
	@mkdir -p $(dir $@)
	$(CC) -std=c17 -O2 -Wall -Wextra -Werror -pedantic -o $@ $<

$(BUILD)/gen/embedded.c: build/tools/embed $(SCHEMA) $(DOCS_JSON) Makefile
	@mkdir -p $(dir $@)
	build/tools/embed embedded_schema $@.schema $(SCHEMA)
	build/tools/embed embedded_docs $@.docs $(DOCS_JSON)
	cat $@.schema $@.docs > $@
	rm -f $@.schema $@.docs

$(BUILD)/obj/gen/embedded.o: $(BUILD)/gen/embedded.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -I src/core -c -o $@ $<

$(BUILD)/tests/core/%: tests/unit/core/%.c $(CORE_OBJS)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -o $@ $< $(CORE_OBJS) $(LDFLAGS_MODE) $(LDLIBS) -lcmocka

$(BUILD)/tests/%: tests/unit/%.c $(LIB_OBJS)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -o $@ $< $(LIB_OBJS) $(LDFLAGS_MODE) $(LDLIBS) -lcmocka

# bench/dblimit.c: each route's statements replayed without HTTP or JSON (bench/README.md)
$(BUILD)/bench/dblimit: bench/dblimit.c $(LIB_OBJS)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -o $@ $< $(LIB_OBJS) $(LDFLAGS_MODE) $(LDLIBS)

asan:
	$(MAKE) MODE=asan build/asan/deliusd

unit-bins: $(UNIT_BINS) $(CORE_UNIT_BINS)
.PHONY: unit-bins

deps:
	scripts/install-deps

run: deps
	$(MAKE) all
	scripts/run-dev

test: deps
	scripts/test

bench: all $(BUILD)/bench/dblimit
	bench/run

clean:
	rm -rf build

-include $(OBJS:.o=.d)

# Fuzzing (clang + libFuzzer): `make fuzz FUZZ_SECONDS=60` runs each target.
FUZZ_SECONDS ?= 20
FUZZ_SRCS := src/core/json.c src/core/buf.c src/core/auth.c src/core/log.c src/core/timeutil.c
FUZZ_FLAGS := -std=c17 -D_GNU_SOURCE -g -O1 -fsanitize=fuzzer,address,undefined -I src $(PKG_CFLAGS) -DDELIUSD_VERSION='"$(VERSION)"' -DDELIUSD_GIT='"$(GIT_REV)"'
build/fuzz/%: tests/fuzz/%.c $(FUZZ_SRCS)
	@mkdir -p $(dir $@)
	clang $(FUZZ_FLAGS) -o $@ $^ $(LDLIBS)
# the compare tools' body parser and JSON comparison (services/court_case/compare_body.c, core/jsondiff.c)
build/fuzz/fuzz_compare_body: tests/fuzz/fuzz_compare_body.c src/services/court_case/compare_body.c src/core/jsondiff.c $(FUZZ_SRCS)
	@mkdir -p $(dir $@)
	clang $(FUZZ_FLAGS) -o $@ $^ $(LDLIBS)
# the request-target parsers of core/http.c through http_invoke, and the log redaction (issue 16)
FUZZ_CORE_SRCS := $(filter-out src/core/embedded_find.c,$(sort $(wildcard src/core/*.c)))
build/fuzz/fuzz_query: tests/fuzz/fuzz_query.c $(FUZZ_CORE_SRCS)
	@mkdir -p $(dir $@)
	clang $(FUZZ_FLAGS) -o $@ $^ $(LDLIBS)
# the message envelope (SNS notification / domain event) of messaging/envelope.c
build/fuzz/fuzz_envelope: tests/fuzz/fuzz_envelope.c src/messaging/envelope.c $(FUZZ_SRCS)
	@mkdir -p $(dir $@)
	clang $(FUZZ_FLAGS) -o $@ $^ $(LDLIBS)
fuzz: build/fuzz/fuzz_json build/fuzz/fuzz_token build/fuzz/fuzz_compare_body build/fuzz/fuzz_query build/fuzz/fuzz_envelope
	@mkdir -p build/fuzz/corpus-json build/fuzz/corpus-token
	build/fuzz/fuzz_json -max_total_time=$(FUZZ_SECONDS) build/fuzz/corpus-json
	build/fuzz/fuzz_token -max_total_time=$(FUZZ_SECONDS) -max_len=4096 build/fuzz/corpus-token
	@mkdir -p build/fuzz/corpus-compare
	build/fuzz/fuzz_compare_body -max_total_time=$(FUZZ_SECONDS) -max_len=4096 build/fuzz/corpus-compare
	@mkdir -p build/fuzz/corpus-query build/fuzz/corpus-envelope
	build/fuzz/fuzz_query -max_total_time=$(FUZZ_SECONDS) -max_len=2048 build/fuzz/corpus-query tests/fuzz/seeds-query
	build/fuzz/fuzz_envelope -max_total_time=$(FUZZ_SECONDS) -max_len=4096 build/fuzz/corpus-envelope tests/fuzz/seeds-envelope
.PHONY: fuzz
