# WasmFiber — the two commands of the README are `make demo` and `make test`.
# Both install what a fresh Debian machine lacks (scripts/ensure-deps.sh) and build what they need.

SWIFT ?= swift
CC ?= cc
C_SOURCES := $(wildcard CContext/*.c)
SWIFT_CLANG ?= $(dir $(shell command -v $(SWIFT)))clang
ASM_SOURCES := CContext/switch_x86_64.S CContext/switch_aarch64.S

.PHONY: demo test deps check-c test-asan test-tsan bench bench-all bench-workloads bench-continuations release bench-peers clean

WASMFIBER := .build/debug/wasmfiber

## The main job: build the command-line tool and run the demos of Examples/.
demo: deps
	$(SWIFT) build --product wasmfiber
	$(SWIFT) build --product embedding-example
	$(WASMFIBER) demo
	@echo "== WebAssembly on fibers (Examples/basics)"
	$(WASMFIBER) run Examples/basics/fib.wat --invoke fib 25
	$(WASMFIBER) run Examples/basics/sieve.wat --invoke count_primes 100000
	$(WASMFIBER) run Examples/basics/exceptions.wat --invoke safe_div 84 2
	$(WASMFIBER) run Examples/basics/exceptions.wat --invoke safe_div 1 0
	$(WASMFIBER) run Examples/basics/tailcalls.wat --invoke is_even 1000000
	@echo '$(WASMFIBER) run Examples/basics/exceptions.wat --invoke trap_demo   # traps: exit status 1'
	@$(WASMFIBER) run Examples/basics/exceptions.wat --invoke trap_demo || test $$? -eq 1
	@echo "== A C program compiled for wasm32-wasi, sandboxed by WASI (Tests/Fixtures/wasi)"
	$(WASMFIBER) run --env GREETING=hello Tests/Fixtures/wasi/bin/args_env.wasm one 'two words'
	@echo '$(WASMFIBER) run Tests/Fixtures/wasi/bin/exit_code.wasm proc_exit 9   # exit status 9'
	@$(WASMFIBER) run Tests/Fixtures/wasi/bin/exit_code.wasm proc_exit 9 || test $$? -eq 9
	@echo "== Embedding WasmFiber in Swift (Examples/embedding)"
	.build/debug/embedding-example
	@echo "== Coroutines: typed continuations on native stacks (Examples/coroutines)"
	@for demo in generator scheduler async pipeline; do \
		echo "$(WASMFIBER) run Examples/coroutines/$$demo.wat --invoke main"; \
		$(WASMFIBER) run Examples/coroutines/$$demo.wat --invoke main > .build/demo-$$demo.txt || exit 1; \
		cat .build/demo-$$demo.txt; \
		diff -u Examples/coroutines/expected/$$demo.txt .build/demo-$$demo.txt || exit 1; \
	done

## Every test (what CI runs): the C layer warning-free, then the Swift test suite.
test: deps check-c
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build --disable-xctest

deps:
	@scripts/ensure-deps.sh

## The C layer must compile without a warning under -Wall -Wextra.
check-c: deps
	@for f in $(C_SOURCES); do \
		$(CC) -std=c11 -Wall -Wextra -Werror -ICContext/include -c $$f -o /dev/null || exit 1; \
	done
	@$(CC) -Wall -Wextra -Werror -ICContext/include -c CContext/switch_$$(uname -m | sed 's/arm64/aarch64/').S -o /dev/null
	@if command -v clang >/dev/null; then \
		for arch in x86_64 aarch64; do \
			clang --target=$$arch-linux-gnu -Wall -Wextra -Werror -ICContext/include -c CContext/switch_$$arch.S -o /dev/null || exit 1; \
		done; \
	fi
	@echo "CContext: warning-free with -Wall -Wextra"
	@# The interpreter's handler shells need the Swift toolchain's Clang (swiftasynccall, musttail).
	@if [ -x "$(SWIFT_CLANG)" ]; then \
		for arch in x86_64 aarch64; do \
			echo 'const void *check(unsigned op) { return wf_handler_address(op); }' | \
			$(SWIFT_CLANG) --target=$$arch-linux-gnu -ffreestanding -std=c11 -O2 -Wall -Wextra -Werror \
				-ISources/CInterpreter/include -include CInterpreter.h -x c -c - -o /dev/null || exit 1; \
		done; \
		echo "CInterpreter: warning-free with -Wall -Wextra (x86_64, aarch64)"; \
	fi

## The test suite under AddressSanitizer / ThreadSanitizer (separate build folders).
test-asan: deps
	LSAN_OPTIONS=suppressions=$(CURDIR)/scripts/lsan.supp $(SWIFT) test --disable-xctest --scratch-path .build-asan -Xswiftc -sanitize=address -Xcc -fsanitize=address

test-tsan: deps
	$(SWIFT) test --disable-xctest --scratch-path .build-tsan -Xswiftc -sanitize=thread -Xcc -fsanitize=thread

## Benchmarks (a separate package, release build), as tables side by side with WasmKit 0.4.2 in
## one run: the workloads of ../shared/bench (compute, hostcall, startup), then typed continuations
## (round trips, memory per idle continuation, a generator as plain calls / continuations /
## Asyncify). Each script builds its fixtures first. `bench-all` runs every benchmark target raw.
## Built like `make release`: frame pointers omitted for both runtimes (FRAME_POINTERS=keep for
## SwiftPM's default; Benchmarks/package-benchmark.sh, Benchmarks/README.md).
bench: deps
	Benchmarks/compare-workloads.sh
	Benchmarks/compare-continuations.sh

bench-all: deps
	Benchmarks/Workloads/build.sh
	Benchmarks/Workloads/build-continuations.sh
	Benchmarks/package-benchmark.sh

## The interpreter workloads only, as one table: WasmFiber | WasmKit | ratio (medians, one run).
bench-workloads: deps
	Benchmarks/compare-workloads.sh

## Typed continuations only, as one table: round trips, memory per idle continuation, and a
## generator as plain calls / continuations / Asyncify (needs binaryen: apt-get install binaryen).
bench-continuations: deps
	Benchmarks/compare-continuations.sh

## The command-line tool as the peers' table measures it: release, frame pointers omitted (every
## interpreter handler would otherwise push and pop one; Benchmarks/README.md).
release:
	$(SWIFT) build -c release --omit-frame-pointers --product wasmfiber

## ../shared/bench/run.sh with WasmFiber as a column next to wasm3, WasmKit and wasmtime (WASI
## mode, whole processes). SHARED=… if shared/ is not next to the repository; OUT=… for the results.
SHARED ?= $(CURDIR)/../shared
bench-peers: deps release
	RUNTIME_CMD="$(CURDIR)/.build/release/wasmfiber run" RUNTIME_NAME=wasmfiber OUT=$${OUT:-/tmp/wasmfiber-bench} \
		bash $(SHARED)/bench/run.sh

clean:
	rm -rf .build .build-asan .build-tsan Benchmarks/.build
