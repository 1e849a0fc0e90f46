"""The Indonesian text of each notification: subject and body, plain text.

Letter text (company, subject) comes from a scan and is untrusted: it is cut to one short
line without control characters (`shown`), so it can neither break the message's headers
nor run on for pages. Everything else comes from the SOP and the journal.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from pipeline.policy.sla import format_duration, format_time
from pipeline.policy.sop import Step
from pipeline.policy.sop.model import shown

SUBJECT_PREFIX = "[Kerja Sama Media]"
FOOTER = "Pesan ini dikirim otomatis oleh sistem kerjasama (SOP 7.1); mohon tidak dibalas."
# What a step's actors must have filled in before the status is accepted (README's table).
NEEDS = {
    "Diverifikasi": "isi dulu semua jawaban di lembar Evaluasi agenda",
    "Diproses": "isi dulu kolom Nilai Kerja Sama dan Jangka Waktu",
}


@dataclass(frozen=True)
class CaseView:
    """What a message says about one case, already made safe to print."""

    agenda_no: str
    company: str
    perihal: str
    status: str
    since: datetime
    folder: Path
    step: Step | None  # the step the case now waits for
    due: datetime | None

    def late_by(self, now: datetime) -> str:
        return format_duration(now - self.due) if self.due is not None and now > self.due else ""


def safe(text: object, fallback: str = "-") -> str:
    value = shown(text)
    return value or fallback


def _greeting(roles: list[str]) -> str:
    return f"Yth. {', '.join(roles)}," if roles else "Yth. Bapak/Ibu,"


def _facts(c: CaseView) -> list[str]:
    return [
        f"No. Agenda : {c.agenda_no}",
        f"Perusahaan : {c.company}",
        f"Perihal    : {c.perihal}",
        f"Status     : {c.status} (sejak {format_time(c.since)})",
    ]


def _expected(c: CaseView) -> list[str]:
    if c.step is None:
        return ["Perkara ini sudah berstatus akhir; tidak ada langkah berikutnya."]
    s = c.step
    statuses = " atau ".join(f"'{x}'" for x in s.sets)
    lines = [
        f"Yang diharapkan: Langkah {s.number} — {s.name} ({' → '.join(s.actors)}).",
        f"Setelah selesai, ketik status {statuses} di kolom Status agenda pada baris {c.agenda_no}.",
    ]
    needs = [NEEDS[x] for x in s.sets if x in NEEDS]
    if needs:
        lines.append(f"Sebelumnya, {'; '.join(needs)}.")
    lines.append(f"Tenggat (waktu standar SOP {format_duration(s.standard)}): {format_time(c.due)}")
    return lines


def _body(roles: list[str], opening: str, c: CaseView, extra: list[str] = ()) -> str:
    parts = [_greeting(roles), "", opening, "", *_facts(c), "", *extra, *_expected(c), "",
             f"Folder perkara: {c.folder}", "", FOOTER]
    return "\n".join(parts) + "\n"


def registered(c: CaseView, roles: list[str]) -> tuple[str, str]:
    waits = f", menunggu Langkah {c.step.number}" if c.step else ""
    return (f"{SUBJECT_PREFIX} {c.agenda_no}: surat permohonan baru{waits}",
            _body(roles, "Surat permohonan kerja sama baru sudah tercatat dan menunggu tindak lanjut Anda.", c))


def status_applied(c: CaseView, roles: list[str], old: str) -> tuple[str, str]:
    waits = f", menunggu Langkah {c.step.number}" if c.step else ""
    return (f"{SUBJECT_PREFIX} {c.agenda_no}: status {c.status}{waits}",
            _body(roles, f"Status perkara berubah dari '{old}' menjadi '{c.status}'; sekarang giliran Anda.", c))


def overdue(c: CaseView, roles: list[str], now: datetime) -> tuple[str, str]:
    step = c.step.number if c.step else "-"
    return (f"{SUBJECT_PREFIX} {c.agenda_no}: TERLAMBAT, Langkah {step} melewati waktu standar",
            _body(roles, f"Pengingat: Langkah {step} perkara ini sudah melewati waktu standar SOP "
                         f"(lewat {c.late_by(now)}).", c))


def digest(cases: list[CaseView], roles: list[str], now: datetime) -> tuple[str, str]:
    lines = [_greeting(roles), "",
             f"Ringkasan harian {format_time(now)}: {len(cases)} perkara melewati waktu standar SOP.", ""]
    for c in cases:
        who = " → ".join(c.step.actors) if c.step else "-"
        step = c.step.number if c.step else "-"
        lines += [f"- {c.agenda_no}  {c.company}",
                  f"  status {c.status}, menunggu Langkah {step} ({who})",
                  f"  tenggat {format_time(c.due)}, lewat {c.late_by(now)}",
                  f"  folder: {c.folder}"]
    lines += ["", "Perkara yang sudah ditangani: ketik status berikutnya di kolom Status agenda.", "", FOOTER]
    return f"{SUBJECT_PREFIX} Ringkasan harian: {len(cases)} perkara terlambat", "\n".join(lines) + "\n"
