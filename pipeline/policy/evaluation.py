"""Step 3 of SOP 7.1: evaluating the media company (lembar isian evaluasi).

Criteria, weights, allowed answers, mandatory criteria, class rule and threshold live in
`config/evaluation.yaml`. `prefill` suggests answers from the letter (the verifier
confirms them), `compute` turns the verifier's answers into a score, a class (A
factually verified by Dewan Pers, B administratively, C neither) and Memenuhi / Tidak
Memenuhi with the reasons. The worksheet side (the `Evaluasi` sheet in the agenda
workbook) is in `pipeline.agenda.xlsx.evaluation_sheet`.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Mapping

from pipeline.core import settings as config
from pipeline.core.errors import KerjasamaError
from pipeline.core.models import FIELD_NAMES, ExtractedLetter
from pipeline.core.text import normalize

MEMENUHI, TIDAK_MEMENUHI = "Memenuhi", "Tidak Memenuhi"


class EvaluationConfigError(KerjasamaError):
    def __init__(self, message: str) -> None:
        super().__init__(f"config/evaluation.yaml: {message}", code="evaluation_config")


@dataclass(frozen=True)
class Criterion:
    key: str
    kolom: str
    uraian: str
    bobot: float
    jawaban: dict[str, float]  # allowed answer -> fraction of bobot earned (config order)
    alias: dict[str, str] = field(default_factory=dict)  # normalised spelling -> answer
    wajib: bool = False
    gagal: tuple[str, ...] = ()
    prefill: dict = field(default_factory=dict)

    @property
    def options(self) -> tuple[str, ...]:
        return tuple(self.jawaban)

    def match(self, typed: object) -> str | None:
        """The allowed answer a person meant ("  ya" -> "Ya"), or None."""
        key = normalize(typed)
        for answer in self.jawaban:
            if normalize(answer) == key:
                return answer
        return self.alias.get(key)


@dataclass(frozen=True)
class EvaluationConfig:
    sheet: str
    criteria: dict[str, Criterion]
    kelas_criterion: str
    kelas_map: dict[str, str]
    kelas_default: str
    min_percent: float

    @property
    def max_score(self) -> float:
        return sum(c.bobot for c in self.criteria.values())


@dataclass(frozen=True)
class EvaluationResult:
    score: float
    max_score: float
    kelas: str  # 'A' | 'B' | 'C'
    memenuhi: bool
    missing: list[str]  # criterion keys not (validly) answered
    reasons: list[str]  # Indonesian, for the form, the agenda and the rejection record

    @property
    def hasil(self) -> str:
        return MEMENUHI if self.memenuhi else TIDAK_MEMENUHI

    @property
    def lengkap(self) -> bool:
        return not self.missing


# --- loading ---------------------------------------------------------------------------


def _criterion(key: str, raw: dict) -> Criterion:
    if not isinstance(raw, dict) or not raw.get("jawaban"):
        raise EvaluationConfigError(f"kriteria '{key}' harus memiliki 'jawaban'")
    jawaban = {str(k): float(v) for k, v in raw["jawaban"].items()}
    if any(not 0 <= v <= 1 for v in jawaban.values()):
        raise EvaluationConfigError(f"nilai jawaban kriteria '{key}' harus antara 0 dan 1")
    if any("," in a or '"' in a for a in jawaban):  # they become an Excel list dropdown
        raise EvaluationConfigError(f"jawaban kriteria '{key}' tidak boleh memuat koma atau tanda kutip")
    alias = {normalize(k): str(v) for k, v in (raw.get("alias") or {}).items()}
    _check_prefill(key, dict(raw.get("prefill") or {}))
    gagal = tuple(str(g) for g in raw.get("gagal") or ())
    for answer in [*alias.values(), *gagal]:
        if answer not in jawaban:
            raise EvaluationConfigError(f"kriteria '{key}' memakai jawaban yang tidak dikenal: '{answer}'")
    return Criterion(
        key=key, kolom=str(raw.get("kolom") or key), uraian=str(raw.get("uraian") or raw.get("kolom") or key),
        bobot=float(raw.get("bobot", 0)), jawaban=jawaban, alias=alias, wajib=bool(raw.get("wajib", False)),
        gagal=gagal, prefill=dict(raw.get("prefill") or {}),
    )


def _check_prefill(key: str, rule: dict) -> None:
    fields = [rule["equals"].get("field")] if "equals" in rule else []
    fields += list(rule.get("present") or []) + ([rule["map"].get("field")] if "map" in rule else [])
    unknown = [f for f in fields if f not in FIELD_NAMES]
    if unknown or (rule and not fields):
        raise EvaluationConfigError(f"prefill kriteria '{key}' memakai kolom surat yang tidak dikenal: {unknown}")


def build(cfg: dict) -> EvaluationConfig:
    criteria = {str(k): _criterion(str(k), v) for k, v in (cfg.get("criteria") or {}).items()}
    if not criteria:
        raise EvaluationConfigError("daftar 'criteria' kosong")
    headers = [c.kolom for c in criteria.values()]
    if len(set(headers)) != len(headers):
        raise EvaluationConfigError("setiap kriteria harus memiliki 'kolom' yang berbeda")
    kelas = cfg.get("kelas") or {}
    kc = str(kelas.get("criterion", ""))
    if kc and kc not in criteria:
        raise EvaluationConfigError(f"kelas.criterion '{kc}' bukan kriteria yang dikenal")
    if sum(c.bobot for c in criteria.values()) <= 0:
        raise EvaluationConfigError("jumlah bobot harus lebih dari 0")
    return EvaluationConfig(
        sheet=str(cfg.get("worksheet", "Evaluasi")), criteria=criteria, kelas_criterion=kc,
        kelas_map={str(k): str(v) for k, v in (kelas.get("map") or {}).items()},
        kelas_default=str(kelas.get("default", "C")),
        min_percent=float((cfg.get("ambang") or {}).get("skor_minimal_persen", 0)),
    )


@lru_cache(maxsize=1)
def _default(_key: tuple) -> EvaluationConfig:
    return build(config.load("evaluation"))


def load(cfg: dict | None = None) -> EvaluationConfig:
    return build(cfg) if cfg is not None else _default(tuple(config.config_dirs()))


# --- pre-check from the letter ------------------------------------------------------------


def _stated(letter: ExtractedLetter, name: str) -> object:
    """A field's value, or None when missing, blank or flagged as uncertain."""
    if name in letter.perlu_ditinjau:
        return None
    value = getattr(letter, name, None)
    return None if value is None or (isinstance(value, str) and not value.strip()) else value


def _suggest(c: Criterion, letter: ExtractedLetter) -> str | None:
    rule = c.prefill
    if "equals" in rule:
        r = rule["equals"]
        value = _stated(letter, r["field"])
        if value is None:
            return None
        return str(r.get("ya", "Ya")) if normalize(value) == normalize(r["value"]) else str(r.get("tidak", "Tidak"))
    if "present" in rule:
        # Only ever "Ya": a letter that does not mention its NPWP does not prove there is none.
        return "Ya" if all(_stated(letter, f) is not None for f in rule["present"]) else None
    if "map" in rule:
        value = _stated(letter, rule["map"]["field"])
        if value is None:
            return None
        values = {normalize(k): v for k, v in rule["map"]["values"].items()}  # YAML true/"true" alike
        return values.get(normalize(value))
    return None


def prefill(letter: ExtractedLetter, cfg: EvaluationConfig | None = None) -> dict[str, str | None]:
    """{criterion key: suggested answer or None} from what the letter states."""
    cfg = cfg or load()
    return {k: c.match(_suggest(c, letter)) for k, c in cfg.criteria.items()}


# --- scoring --------------------------------------------------------------------------------


def summary(result: EvaluationResult, cfg: EvaluationConfig | None = None) -> str:
    """One Indonesian line for Pesan Sistem."""
    cfg = cfg or load()
    if result.missing:
        names = ", ".join(cfg.criteria[k].kolom for k in result.missing)
        return f"Evaluasi belum lengkap di lembar '{cfg.sheet}': belum dijawab {names}."
    return (f"Evaluasi: skor {_fmt(result.score)} dari {_fmt(result.max_score)}, kelas {result.kelas}, "
            f"{result.hasil}.")


def _fmt(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else f"{x:.1f}".replace(".", ",")


def compute(answers: Mapping[str, object], cfg: EvaluationConfig | None = None) -> EvaluationResult:
    """Score, class and result from the verifier's answers (typed text is matched tolerantly)."""
    cfg = cfg or load()
    score, missing, reasons, failed = 0.0, [], [], []
    for key, c in cfg.criteria.items():
        typed = answers.get(key)
        answer = c.match(typed)
        if answer is None:
            missing.append(key)
            if normalize(typed):
                reasons.append(f"Jawaban '{' '.join(str(typed).split())[:40]}' untuk '{c.kolom}' tidak dikenal "
                               f"(pilihan: {', '.join(c.options)}).")
            continue
        score += c.bobot * c.jawaban[answer]
        if c.wajib and answer in c.gagal:
            failed.append(c.kolom)
    score = round(score, 2)
    kelas = cfg.kelas_default
    if cfg.kelas_criterion:
        kelas = cfg.kelas_map.get(cfg.criteria[cfg.kelas_criterion].match(answers.get(cfg.kelas_criterion)) or "",
                                  cfg.kelas_default)
    minimum = cfg.max_score * cfg.min_percent / 100
    if missing:
        reasons.append("Belum dijawab: " + ", ".join(cfg.criteria[k].kolom for k in missing) + ".")
    for kolom in failed:
        reasons.append(f"Persyaratan wajib '{kolom}' tidak terpenuhi.")
    if score < minimum:
        reasons.append(f"Skor {_fmt(score)} di bawah batas minimal {_fmt(minimum)} dari {_fmt(cfg.max_score)}.")
    memenuhi = not missing and not failed and score >= minimum
    if memenuhi:
        reasons.append(f"Semua persyaratan wajib terpenuhi; skor {_fmt(score)} dari {_fmt(cfg.max_score)}, "
                       f"kelas {kelas}.")
    return EvaluationResult(score, cfg.max_score, kelas, memenuhi, missing, reasons)
