# kerjasama — set-up, run, test, bench. Every target installs what it needs and is safe to re-run.
SHELL := /bin/bash
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
ROOT ?= ./data
DEMO_ROOT ?= ./demo-data
APT_PACKAGES := tesseract-ocr tesseract-ocr-ind tesseract-ocr-eng tesseract-ocr-osd
# LibreOffice makes the PDF copies of the documents and the Buku Agenda, and the tests render
# every document through it (pages, tables, signatures); headless builds, no desktop needed.
# Liberation fonts are the metric twins of Times New Roman the templates name.
OFFICE_PACKAGES := libreoffice-writer-nogui libreoffice-calc-nogui fonts-liberation
# Font families the test corpus draws letters in (without them it falls back to fewer).
CORPUS_FONTS := fonts-dejavu-core fonts-liberation fonts-freefont-ttf
CORPUS ?= ./build/corpus
STAMP := $(VENV)/.installed

.PHONY: run test test-faults bench demo corpus corpus-eval setup system corpus-fonts venv doctor clean

# The main job: set up, then watch ROOT/masuk/ for scans and the agenda for status changes.
run: setup
	$(BIN)/kerjasama init --root $(ROOT)
	$(BIN)/kerjasama watch --root $(ROOT)

# The layers and no-cycle contracts first (pyproject.toml), then the tests.
test: setup
	$(BIN)/lint-imports
	$(BIN)/python -m pytest

# Real processes killed and restarted during a burst of files (minutes; tests/faults/).
test-faults: setup
	$(BIN)/python -m pytest -m faults tests/faults

# Samples (accuracy, speed against plain Tesseract), then the corpus per family and degradation.
bench: setup corpus
	$(BIN)/python -m pipeline.dev.bench --corpus $(CORPUS)

# SOP 7.1 end to end on two sample letters in a fresh $(DEMO_ROOT) (wiped first).
demo: setup
	$(BIN)/python -m pipeline.dev.demo --root $(DEMO_ROOT)

# Letters in layouts unlike the samples, with their truth (issue 9), deterministic by seed.
corpus: setup corpus-fonts
	$(BIN)/python -m tests.corpus --out $(CORPUS) --n 240 --seed 1

# Accuracy per layout family and degradation on an even sample of the corpus.
corpus-eval: corpus
	$(BIN)/python -m tests.corpus.evaluate $(CORPUS) --limit 60

setup: system venv

# System packages: installed only when something is missing (apt needs root or sudo).
define apt_ensure
	@missing=""; for p in $(1); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "Memasang paket sistem:$$missing"; \
	  SUDO=""; [ "$$(id -u)" -eq 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; \
	fi
endef

system:
	$(call apt_ensure,$(APT_PACKAGES))
	$(call apt_ensure,$(OFFICE_PACKAGES))

corpus-fonts:
	$(call apt_ensure,$(CORPUS_FONTS))

venv: $(STAMP)

$(STAMP): requirements.lock pyproject.toml
	@# A venv left without pip (made while python3-venv was missing) is rebuilt, not reused.
	@[ -x $(BIN)/pip ] || $(PY) -m venv --clear $(VENV)
	@# --no-deps: the lock is the complete pinned set (see its note on opencv-python)
	$(BIN)/python -m pip install -q --no-deps -r requirements.lock
	$(BIN)/python -m pip install -q --no-deps -e .
	@touch $(STAMP)

doctor: setup
	$(BIN)/kerjasama doctor

clean:
	rm -rf $(VENV) .pytest_cache
