# The two commands of the README, and a few for developers.
.PHONY: setup demo test lint format bench

setup:
	scripts/setup

demo: setup
	.venv/bin/htleads demo

test:
	scripts/test

lint: setup
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .

format: setup
	.venv/bin/ruff format .
	.venv/bin/ruff check --fix .
