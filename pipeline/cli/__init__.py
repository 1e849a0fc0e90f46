"""The `kerjasama` command line: the parser and every command."""
from pipeline.cli.main import main

__all__ = ["main"]
