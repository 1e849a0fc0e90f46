"""Model of config/ocr.yaml: when the second OCR engine reads a page, and how readings are voted."""
from __future__ import annotations

from pydantic import Field, field_validator

from pipeline.core.models import FIELD_NAMES
from pipeline.core.settings.base import Section

SIGNATURE_BLOCK = "blok_tanda_tangan"  # in look_near: the lines from "Hormat kami" down


class SecondEngineSection(Section):
    enabled: bool = True
    min_words: int = Field(12, ge=0)
    low_word_conf: float = Field(70.0, ge=0, le=100)
    max_doubtful_share: float = Field(0.06, ge=0, le=1)
    min_dictionary_share: float = Field(0.45, ge=0, le=1)
    max_mean_conf: float = Field(91.0, ge=0, le=100)
    detect_long_side: int = Field(1280, ge=320, le=4000)
    seconds_per_page: float = Field(60.0, gt=0)
    rapidocr_margin: float = Field(5.0, ge=-100, le=100)
    trust_line_conf: float = Field(93.0, ge=0, le=101)
    max_processes: int = Field(0, ge=0)
    # A scanned letter whose fields came out flagged for one of these reasons (words of the
    # Indonesian review reasons) is read once more with both engines on every page, and the
    # two extractions are put together field by field (pipeline/read/second_look.py).
    second_look: bool = True
    second_look_reasons: list[str] = ["keyakinan OCR rendah", "tidak sah", "terpotong", "salah baca",
                                      "tidak ditemukan", "tidak terbaca", "tidak utuh", "format nomor",
                                      "rusak", "meragukan", "bercampur", "mirip", "berbeda", "angka lepas"]
    # A doubtful value is read again where it was read and near the values printed beside it
    # (`look_near`: field -> fields, or SIGNATURE_BLOCK for the block after "Hormat kami"), in
    # a band this many line heights wide; a value with none of these places, on every page.
    look_near: dict[str, list[str]] = {}
    near_band_lines: float = Field(3.0, gt=0, le=20)

    @field_validator("look_near")
    @classmethod
    def _known_fields(cls, v: dict[str, list[str]]) -> dict[str, list[str]]:
        known = set(FIELD_NAMES) | {SIGNATURE_BLOCK}
        bad = sorted({k for k in v if k not in FIELD_NAMES} | {n for near in v.values() for n in near if n not in known})
        if bad:
            raise ValueError(f"nama kolom tidak dikenal di look_near: {', '.join(bad)}")
        return v


class OcrFile(Section):
    second_engine: SecondEngineSection = SecondEngineSection()
