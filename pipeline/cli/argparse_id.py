"""argparse in Indonesian: help headings, the -h option, and errors as one line.

argparse writes its own words in English ("usage:", "show this help message and exit",
"the following arguments are required"). `Parser` replaces them for everything a person
reads, without touching the `argparse` module itself (other code in the process keeps it
as it is): headings and the help option are set per parser, and `error()` turns argparse's
known messages into Indonesian on one line of stderr (exit 2, as argparse does).
"""
from __future__ import annotations

import argparse
import re
import sys
from typing import NoReturn

HELP = "tampilkan bantuan ini lalu keluar"

# argparse's own messages (Python 3.11-3.13) -> Indonesian; the groups carry the details.
_ERRORS = (
    (re.compile(r"^the following arguments are required: (.+)$"), "argumen wajib belum diberikan: {0}"),
    (re.compile(r"^argument (.+?): invalid choice: (.+?) \(choose from (.+)\)$"),
     "argumen {0}: pilihan {1} tidak dikenal (pilih salah satu: {2})"),
    (re.compile(r"^argument (.+?): expected one argument$"), "argumen {0} memerlukan satu nilai"),
    (re.compile(r"^argument (.+?): invalid (\w+) value: (.+)$"), "argumen {0}: nilai {2} tidak sah"),
    (re.compile(r"^unrecognized arguments: (.+)$"), "argumen tidak dikenal: {0}"),
    (re.compile(r"^argument (.+?): not allowed with argument (.+)$"), "argumen {0} tidak boleh bersama {1}"),
    (re.compile(r"^one of the arguments (.+) is required$"), "salah satu argumen ini wajib: {0}"),
)


def indonesian(message: str) -> str:
    for pattern, text in _ERRORS:
        m = pattern.match(message)
        if m:
            return text.format(*m.groups())
    return message


class Formatter(argparse.HelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):  # noqa: ANN001 (argparse's signature)
        super().add_usage(usage, actions, groups, prefix="Penggunaan: " if prefix is None else prefix)


class Parser(argparse.ArgumentParser):
    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("formatter_class", Formatter)
        add_help = kwargs.pop("add_help", True)
        super().__init__(*args, add_help=False, **kwargs)
        self._positionals.title = "argumen"
        self._optionals.title = "opsi"
        if add_help:
            self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS, help=HELP)

    def error(self, message: str) -> NoReturn:
        print(f"{self.prog}: {indonesian(message)} (lihat: {self.prog} --help)", file=sys.stderr)
        sys.exit(2)
