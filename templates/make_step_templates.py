"""Generates the Word templates of SOP steps 3-7 (run: .venv/bin/python templates/make_step_templates.py).

  lembar_isian_evaluasi.docx   evaluation form (blank with the letter's pre-check, or completed)
  berita_acara_penolakan.docx  rejection record (status Ditolak)
  perjanjian_kerja_sama.docx   the cooperation agreement (status Diproses)

The generated .docx files are committed; staff may edit them in Word, keeping the
`{{ ... }}` placeholders and the `{%p ... %}` / `{%tr ... %}` lines (docxtpl/Jinja).
Re-running this script overwrites edits. Each placeholder is one run so it stays intact.
"""
from __future__ import annotations

import sys
from pathlib import Path

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from make_templates import _bottom_rule, _cell, _para  # noqa: E402  (shared drawing helpers)

CENTER, RIGHT, JUSTIFY = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.RIGHT, WD_ALIGN_PARAGRAPH.JUSTIFY


def _new_document(title: str):
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)  # A4
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(2.0))
    doc.styles["Normal"].font.size = Pt(11)
    doc.core_properties.title = title
    return doc


def _letterhead(doc) -> None:
    _para(doc, "{{ kantor.pemerintah|upper }}", bold=True, size=13, align=CENTER)
    _para(doc, "{{ kantor.nama|upper }}", bold=True, size=15, align=CENTER)
    _para(doc, "{{ kantor.alamat }}", size=9, align=CENTER)
    last = _para(doc, "Telepon {{ kantor.telepon }} · Pos-el {{ kantor.email }} · Laman {{ kantor.website }}",
                 size=9, align=CENTER)
    _bottom_rule(last)
    _para(doc)


def _table(doc, rows: list[tuple[str, ...]], widths: tuple[float, ...], *, header: bool = False):
    table = doc.add_table(rows=len(rows), cols=len(widths))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for r, values in enumerate(rows):
        for c, text in enumerate(values):
            _cell(table.cell(r, c), text, bold=(header and r == 0) or (not header and c == 0 and len(widths) == 2))
    for row in table.rows:
        for c, width in enumerate(widths):
            row.cells[c].width = Cm(width)
    return table


def _text(doc, text: str, **kw):
    p = _para(doc, text, align=kw.pop("align", JUSTIFY), **kw)
    p.paragraph_format.space_after = Pt(4)
    return p


def _bullets(doc, items: str, line: str) -> None:
    """A `{%p for %}` loop printing one paragraph per item."""
    _para(doc, f"{{%p for x in {items} %}}")
    _text(doc, line)
    _para(doc, "{%p endfor %}")


def _case_table(doc) -> None:
    _table(doc, [
        ("No. Agenda", "{{ no_agenda }}"),
        ("Perusahaan", "{{ perusahaan }}"),
        ("Media / jenis", "{{ media }} / {{ jenis_media }}"),
        ("Alamat", "{{ alamat }}"),
        ("Nomor / tanggal surat", "{{ nomor_surat }} / {{ tanggal_surat }}"),
        ("Perihal", "{{ perihal }}"),
    ], (5.0, 12.0))


def _signatures(doc, left: str, right: str, *, materai: bool = False) -> None:
    """Two signature blocks side by side; `left`/`right` are context names of {jabatan, nama, nip, judul}."""
    table = doc.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, who in zip(table.rows[0].cells, (left, right)):
        _cell(cell, f"{{{{ {who}.judul }}}}", bold=True)
        cell.paragraphs[0].alignment = CENTER
        _para(cell, f"{{{{ {who}.jabatan }}}}", align=CENTER)
        _para(cell)
        _para(cell, "Materai 10.000" if materai else "", italic=True, size=8, align=CENTER)
        _para(cell)
        name = _para(cell, align=CENTER)
        run = name.add_run(f"{{{{ {who}.nama }}}}")
        run.bold = run.underline = True
        _para(cell, f"{{{{ {who}.nip }}}}", align=CENTER)


# --- lembar isian evaluasi ---------------------------------------------------------------


def _criteria_table(doc) -> None:
    table = _table(doc, [
        ("No", "Kriteria", "Bobot", "Pra-periksa dari surat", "Jawaban verifikator", "Keterangan"),
        ("{%tr for k in kriteria %}", "", "", "", "", ""),
        ("{{ k.no }}", "{{ k.uraian }}", "{{ k.bobot }}", "{{ k.pra }}", "{{ k.jawaban }}", "{{ k.keterangan }}"),
        ("{%tr endfor %}", "", "", "", "", ""),
    ], (0.9, 6.4, 1.3, 2.8, 3.6, 2.0), header=True)
    for r in (1, 3):  # the loop rows hold only the tag, in one merged cell
        table.cell(r, 0).merge(table.cell(r, 5))


def _evaluation_result(doc) -> None:
    _para(doc, "{%p if hasil %}")
    _para(doc, "HASIL EVALUASI", bold=True)
    _table(doc, [
        ("Skor", "{{ hasil.skor }} dari {{ hasil.maks }}"),
        ("Kelas media", "{{ hasil.kelas }} — {{ hasil.kelas_uraian }}"),
        ("Kesimpulan", "{{ hasil.kesimpulan }}"),
    ], (5.0, 12.0))
    _para(doc, "Alasan:", bold=True)
    _bullets(doc, "hasil.alasan", "– {{ x }}")
    _para(doc, "{%p else %}")
    _para(doc, "KESIMPULAN (diisi verifikator)", bold=True)
    _text(doc, "☐ Memenuhi   ☐ Tidak Memenuhi        Kelas media:  ☐ A   ☐ B   ☐ C        Skor: ........")
    _para(doc, "{%p endif %}")


def make_evaluation_form(path: Path) -> Path:
    doc = _new_document("Lembar Isian Evaluasi")
    _letterhead(doc)
    _para(doc, "LEMBAR ISIAN EVALUASI", bold=True, size=13, align=CENTER)
    _para(doc, "Verifikasi Legalitas Perusahaan dan Penilaian Media (SOP 7.1 langkah 3)", size=10, align=CENTER)
    _para(doc)
    _case_table(doc)
    _para(doc)
    _table(doc, [
        ("NPWP", "{{ npwp }}"), ("NIB", "{{ nib }}"), ("Akta pendirian", "{{ nomor_akta }}"),
        ("SK Kemenkumham", "{{ sk_kemenkumham }}"), ("Status Dewan Pers", "{{ dewan_pers }}"),
        ("Pemimpin redaksi", "{{ pemimpin_redaksi }}"), ("Laman", "{{ website }}"),
    ], (5.0, 12.0))
    _para(doc)
    _criteria_table(doc)
    _para(doc, "Pra-periksa diambil dari surat permohonan dan wajib dicocokkan dengan dokumen asli. "
               "{{ perlu_ditinjau }}", italic=True, size=9)
    _para(doc)
    _evaluation_result(doc)
    _para(doc, "Catatan verifikator: {{ catatan }}")
    _para(doc)
    _para(doc, "Trenggalek, {{ tanggal }}", align=RIGHT)
    _para(doc, "{{ verifikator.judul }}", align=RIGHT)
    _para(doc, "{{ verifikator.jabatan }}", align=RIGHT)
    for _ in range(3):
        _para(doc)
    _para(doc, "{{ verifikator.nama }}", bold=True, align=RIGHT)
    _para(doc, "{{ verifikator.nip }}", align=RIGHT)
    doc.save(path)
    return path


# --- berita acara penolakan --------------------------------------------------------------


def make_rejection_record(path: Path) -> Path:
    doc = _new_document("Berita Acara Penolakan")
    _letterhead(doc)
    _para(doc, "BERITA ACARA", bold=True, size=13, align=CENTER)
    _para(doc, "PENOLAKAN PERMOHONAN KERJA SAMA MEDIA MASSA", bold=True, align=CENTER)
    _para(doc, "Nomor: {{ nomor }}", align=CENTER)
    _para(doc)
    _text(doc, "Pada hari ini {{ hari }}, tanggal {{ tanggal }}, berdasarkan hasil verifikasi dan evaluasi sesuai "
               "SOP 7.1 Kerja Sama Media Massa, permohonan kerja sama berikut dinyatakan DITOLAK dan "
               "didokumentasikan tanpa perjanjian kerja sama:")
    _case_table(doc)
    _para(doc)
    _para(doc, "Hasil evaluasi", bold=True)
    _table(doc, [
        ("Skor", "{{ hasil.skor }} dari {{ hasil.maks }}"),
        ("Kelas media", "{{ hasil.kelas }} — {{ hasil.kelas_uraian }}"),
        ("Kesimpulan", "{{ hasil.kesimpulan }}"),
    ], (5.0, 12.0))
    _bullets(doc, "hasil.alasan", "– {{ x }}")
    _para(doc)
    _para(doc, "Catatan pejabat", bold=True)
    _bullets(doc, "catatan", "– {{ x }}")
    _para(doc)
    _text(doc, "Demikian berita acara ini dibuat untuk dipergunakan sebagaimana mestinya.")
    _para(doc)
    _signatures(doc, "pembuat", "mengetahui")
    doc.save(path)
    return path


# --- perjanjian kerja sama ---------------------------------------------------------------

_PASAL = [
    ("MAKSUD DAN TUJUAN", [
        "Perjanjian ini dimaksudkan sebagai dasar pelaksanaan kerja sama publikasi dan diseminasi informasi "
        "penyelenggaraan pemerintahan dan pembangunan {{ kantor.pemerintah }} melalui media {{ media }}.",
        "Tujuan Perjanjian ini adalah menyebarluaskan informasi program, kegiatan dan kebijakan {{ kantor.pemerintah }} "
        "secara cepat, akurat dan berimbang kepada masyarakat.",
    ]),
    ("RUANG LINGKUP", [
        "Ruang lingkup Perjanjian ini meliputi publikasi berita, advertorial, pengumuman dan/atau materi informasi "
        "lain yang disediakan atau disetujui PIHAK PERTAMA melalui media {{ media }} ({{ jenis_media }}).",
        "Materi publikasi disusun sesuai Kode Etik Jurnalistik dan ketentuan peraturan perundang-undangan.",
    ]),
    ("JANGKA WAKTU", [
        "Perjanjian ini berlaku selama {{ jangka_waktu }} terhitung sejak tanggal ditandatanganinya Perjanjian ini.",
    ]),
    ("NILAI PERJANJIAN DAN CARA PEMBAYARAN", [
        "Nilai Perjanjian ini sebesar Rp{{ nilai }},00 ({{ nilai_terbilang }}), sudah termasuk pajak sesuai "
        "ketentuan peraturan perundang-undangan.",
        "Pembayaran dilakukan oleh PIHAK PERTAMA melalui transfer ke rekening bank atas nama PIHAK KEDUA setelah "
        "PIHAK KEDUA menyerahkan bukti publikasi sebagaimana dimaksud dalam Pasal 7 dan dokumen penagihan yang sah.",
    ]),
    ("HAK DAN KEWAJIBAN PIHAK PERTAMA", [
        "PIHAK PERTAMA berhak menerima layanan publikasi sesuai ruang lingkup Perjanjian ini dan meminta perbaikan "
        "atas materi yang tidak sesuai.",
        "PIHAK PERTAMA berkewajiban menyediakan materi informasi dan membayar nilai Perjanjian sesuai Pasal 4.",
    ]),
    ("HAK DAN KEWAJIBAN PIHAK KEDUA", [
        "PIHAK KEDUA berhak menerima pembayaran sesuai Pasal 4 setelah kewajibannya dipenuhi.",
        "PIHAK KEDUA berkewajiban mempublikasikan materi secara tepat waktu, akurat dan berimbang, menjaga "
        "legalitas perusahaan serta status verifikasi Dewan Pers selama Perjanjian berlaku.",
    ]),
    ("BUKTI PUBLIKASI", [
        "PIHAK KEDUA menyerahkan bukti publikasi berupa tautan, tangkapan layar, kliping, atau rekaman siaran "
        "beserta tanggal tayang kepada PIHAK PERTAMA setiap bulan dan pada akhir jangka waktu Perjanjian.",
    ]),
    ("PEMUTUSAN PERJANJIAN", [
        "PIHAK PERTAMA dapat memutuskan Perjanjian ini secara sepihak apabila PIHAK KEDUA tidak melaksanakan "
        "kewajibannya setelah diberi teguran tertulis sebanyak 2 (dua) kali, atau kehilangan legalitasnya.",
        "Pemutusan Perjanjian tidak menghapus kewajiban pembayaran atas publikasi yang telah dilaksanakan dan "
        "dibuktikan sebelum tanggal pemutusan.",
    ]),
    ("KEADAAN KAHAR", [
        "Para Pihak dibebaskan dari tanggung jawab atas keterlambatan atau kegagalan yang disebabkan keadaan kahar, "
        "dengan kewajiban memberitahukan secara tertulis paling lambat 7 (tujuh) hari sejak keadaan kahar terjadi.",
    ]),
    ("PENYELESAIAN PERSELISIHAN", [
        "Perselisihan yang timbul dari Perjanjian ini diselesaikan secara musyawarah untuk mufakat.",
        "Apabila musyawarah tidak mencapai mufakat, Para Pihak sepakat menyelesaikannya melalui Pengadilan Negeri "
        "Trenggalek.",
    ]),
    ("PENUTUP", [
        "Perjanjian ini dibuat dalam rangkap 2 (dua), masing-masing bermeterai cukup dan mempunyai kekuatan hukum "
        "yang sama, satu untuk PIHAK PERTAMA dan satu untuk PIHAK KEDUA.",
    ]),
]


def _contract_heading(doc) -> None:
    for text in ("PERJANJIAN KERJA SAMA", "ANTARA", "{{ kantor.nama|upper }}", "{{ kantor.pemerintah|upper }}",
                 "DENGAN", "{{ pihak_kedua.nama_lengkap }}", "TENTANG",
                 "PUBLIKASI DAN DISEMINASI INFORMASI MELALUI MEDIA {{ media }}"):
        _para(doc, text, bold=True, align=CENTER)
    _para(doc)
    _para(doc, "Nomor PIHAK PERTAMA: {{ nomor_pihak_pertama }}", align=CENTER)
    _para(doc, "Nomor PIHAK KEDUA: {{ nomor_pihak_kedua }}", align=CENTER)
    _para(doc)


def _parties(doc) -> None:
    _text(doc, "Pada hari ini {{ hari }} tanggal {{ tanggal_kata }} bulan {{ bulan }} tahun {{ tahun_kata }} "
               "({{ tanggal }}), yang bertanda tangan di bawah ini:")
    _text(doc, "1. {{ pihak_pertama.nama }}, {{ pihak_pertama.nip }}, {{ pihak_pertama.jabatan }}, "
               "berkedudukan di {{ kantor.alamat }}, dalam hal ini bertindak untuk dan atas nama "
               "{{ kantor.pemerintah }}, selanjutnya disebut PIHAK PERTAMA;")
    _text(doc, "2. {{ pihak_kedua.penandatangan }}, {{ pihak_kedua.jabatan }}, "
               "berkedudukan di {{ pihak_kedua.alamat }}, NPWP {{ pihak_kedua.npwp }}, NIB {{ pihak_kedua.nib }}, "
               "pengelola media {{ media }} ({{ jenis_media }}), dalam hal ini bertindak untuk dan atas nama "
               "{{ pihak_kedua.nama_lengkap }}, selanjutnya disebut PIHAK KEDUA.")
    _text(doc, "PIHAK PERTAMA dan PIHAK KEDUA (Para Pihak), dengan memperhatikan Undang-Undang Nomor 40 Tahun 1999 "
               "tentang Pers dan Peraturan Menteri Komunikasi dan Informatika Nomor 07/Per.M.Kominfo/6/2010 tentang "
               "Pedoman Pengembangan Kemitraan Media, serta hasil evaluasi media (kelas {{ kelas }}), sepakat "
               "mengadakan Perjanjian Kerja Sama dengan ketentuan sebagai berikut:")


def make_contract(path: Path) -> Path:
    doc = _new_document("Perjanjian Kerja Sama")
    _contract_heading(doc)
    _parties(doc)
    for number, (title, clauses) in enumerate(_PASAL, start=1):
        _para(doc)
        _para(doc, f"Pasal {number}", bold=True, align=CENTER)
        _para(doc, title, bold=True, align=CENTER)
        for i, clause in enumerate(clauses, start=1):
            _text(doc, f"({i}) {clause}" if len(clauses) > 1 else clause)
    _para(doc)
    _signatures(doc, "pihak_kedua", "pihak_pertama", materai=True)
    doc.save(path)
    return path


def main(argv: list[str]) -> int:
    out = Path(argv[1]) if len(argv) > 1 else HERE
    print(make_evaluation_form(out / "lembar_isian_evaluasi.docx"))
    print(make_rejection_record(out / "berita_acara_penolakan.docx"))
    print(make_contract(out / "perjanjian_kerja_sama.docx"))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
