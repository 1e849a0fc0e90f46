"""The model of config/extraction.yaml: labels, patterns, keyword lists and thresholds.

Keyword lists are regex fragments or plain phrases (pipeline.extract decides which); the
named `patterns` must compile, so a broken one is reported when the file is loaded rather
than in the middle of reading a letter.
"""
from __future__ import annotations

import re
from typing import Any

from pydantic import field_validator

from pipeline.core.settings.base import Section

Words = list[str]


def _regexes(v: dict[str, Any] | list[str]) -> dict[str, Any] | list[str]:
    """`v` unchanged when every pattern in it (a list, or the values of a dict) compiles."""
    for name, source in (v.items() if isinstance(v, dict) else ((s, s) for s in v)):
        try:
            re.compile(source)
        except re.error as exc:
            raise ValueError(f"pola '{name}' bukan regex yang sah ({exc})") from None
    return v


class Zones(Section):
    header_labels: Words
    addressee_markers: Words
    salutations: Words
    signature_markers: Words
    signature_phrases: Words
    closing_markers: Words
    receipt_stamp_words: Words = []  # regexes

    @field_validator("receipt_stamp_words")
    @classmethod
    def _stamp_words_compile(cls, v: list[str]) -> list[str]:
        return _regexes(v)


class DateWindow(Section):
    max_past_days: int
    max_future_days: int


class PressStatus(Section):
    status: str
    phrases: Words


class PressCouncil(Section):
    anchor: str
    statuses: list[PressStatus]
    verbs: Words


class EditorInChief(Section):
    patterns: Words  # NAME marks where the person's name is read
    not_name_words: Words = []  # a "name" with one of these is a list's other value


class Competence(Section):
    anchor: str
    editor: str
    staff: str
    levels: dict[str, bool]
    negations: Words


class Review(Section):
    min_word_conf: float
    max_word_gap_ratio: float
    max_word_gap_height_ratio: float
    min_word_conf_confirmed: float
    required: Words


class Signature(Section):
    """The signature block: what a position line and a name line look like, and its geometry."""

    # a line made only of these words, one of them a head, names a position ("Ketua Pengurus")
    position_words: Words
    position_heads: Words
    # a line with one of these words names a company or a medium, never a person
    not_person_words: Words
    # of two signatories side by side, one holding such a position signs for the company
    primary_positions: Words = []
    # on a scan, a signatory in such a position may be the co-signer of an unread head (regexes)
    deputy_positions: Words = []
    noise_min_conf: float = 40       # stamp and scribble fragments are read below this
    same_line_dy: float = 0.02       # two blocks side by side: first lines this close (page fraction)
    same_row_dy: float = 0.006       # ... a line this little above the marker still stands on its baseline
    column_gap: float = 0.15         # ... and starting this far apart
    column_gap_heights: float = 2.5  # a gap this many text heights wide parts two blocks on one OCR line


class RequestGroup(Section):
    weight: float
    phrases: Words


class MediaRequest(Section):
    groups: list[RequestGroup]
    min_score: float
    # Below min_score but at least maybe_score with one of maybe_phrases: registered and
    # flagged for the clerk, never refused (a request in unusual wording, a stamped subject).
    maybe_score: float = 2
    maybe_phrases: Words = []


class ExtractionFile(Section):
    zones: Zones
    labels: dict[str, Words]
    label_separator: str
    patterns: dict[str, str]
    known_tlds: Words = []
    contact_labels: Words
    phone_labels: Words
    fax_labels: Words = []  # a number only these stand before is a fax line, maybe not the phone
    website_labels: Words
    not_sender_contacts: Words = []  # regexes: the office written to, web mail's own pages
    address_labels: Words
    address_starts: Words
    branch_labels: Words = []
    address_markers: Words
    address_open_words: Words = []
    address_continue_words: Words = []
    alamat_requires_postcode: bool
    months: dict[int, Words]
    weekdays: Words
    date_window: DateWindow
    legal_forms: dict[str, Words]
    name_connectors: Words
    company_run_on_words: Words = []
    person_particles: Words
    name_abbreviations: Words = []
    name_stopwords: Words
    person_stopwords: Words = []
    media_kinds: dict[str, Words]
    media_intro: Words
    media_intro_needs_kind: Words
    media_kind_verbs: Words = []
    media_stopwords: Words
    brand_generic_words: Words
    free_mail_domains: Words
    mailbox_words: Words = []
    social_labels: Words = []
    ocr_lookalike_letters: Words = []
    person_names_with_q: Words = []
    letterhead_brand_intro: Words
    letterhead_not_brand: Words = []  # regexes
    akta_labels: Words
    akta_number_labels: Words
    akta_change_words: Words = []  # regexes: a deed of change after "Akta", not the founding deed
    personal_number_words: Words = []  # regexes: a person's NPWP between label and number, not the company's
    sk_labels: Words
    npwp_labels: Words
    nib_labels: Words
    dewan_pers: PressCouncil
    pemimpin_redaksi: EditorInChief
    ukw: Competence
    name_prefixes: Words
    degrees: Words
    min_name_words: int
    positions: Words
    signature: Signature
    presence_hints: dict[str, Words]
    presence_rows: dict[str, Words] = {}
    vocabulary: dict[str, Words]
    review: Review
    media_request: MediaRequest

    @field_validator("patterns", "letterhead_not_brand")
    @classmethod
    def _patterns_compile(cls, v: dict[str, Any] | list[str]) -> dict[str, Any] | list[str]:
        return _regexes(v)

    @field_validator("ocr_lookalike_letters")
    @classmethod
    def _letter_pairs(cls, v: list[str]) -> list[str]:
        bad = [p for p in v if len(p) != 2 or p[0] == p[1]]
        if bad:
            raise ValueError(f"setiap entri harus dua huruf yang berbeda, bukan {bad}")
        return v
