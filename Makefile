# Kelisim: the two commands are `make run` and `make test`. Everything else is a step of
# those. All set-up lives in scripts/ (apt-get and npm only).
SHELL := /bin/bash
export CCACHE_BASEDIR := $(CURDIR)
export CCACHE_NOHASHDIR := true
export CCACHE_SLOPPINESS := pch_defines,time_macros

.PHONY: run test deps build web server format clean

run: build
	@scripts/run.sh

test: deps
	@scripts/test.sh

deps:
	@scripts/install-deps.sh

build: deps web server

web:
	@cd web && npm run --silent build

server:
	@cmake --preset main >/dev/null
	@cmake --build build/main --target kelisim

format:
	@clang-format -i $$(git ls-files 'src/*.cpp' 'src/*.hpp' 'tests/*.cpp' 'tests/*.hpp' 'bench/*.cpp')

clean:
	rm -rf build web/dist
