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

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from make_templates import (  # noqa: E402  (shared drawing helpers)
    CENTER, JUSTIFY, RIGHT, _cell, _para, fix_grid, letterhead, new_document, signatures, table, title,
)

CASE_COLUMNS = (5.0, 12.0)


def _text(doc, text: str, **kw):
    p = _para(doc, text, align=kw.pop("align", JUSTIFY), **kw)
    p.paragraph_format.space_after = Pt(4)
    p.paragraph_format.widow_control = True
    return p


def _bullets(doc, items: str, line: str) -> None:
    """A `{%p for %}` loop printing one paragraph per item."""
    _para(doc, f"{{%p for x in {items} %}}")
    _text(doc, line)
    _para(doc, "{%p endfor %}")


def _case_table(doc) -> None:
    table(doc, [
        ("No. Agenda", "{{ no_agenda }}"),
        ("Perusahaan", "{{ perusahaan }}"),
        ("Media / jenis", "{{ media }} / {{ jenis_media }}"),
        ("Alamat", "{{ alamat }}"),
        ("Nomor / tanggal surat", "{{ nomor_surat }} / {{ tanggal_surat }}"),
        ("Perihal", "{{ perihal }}"),
    ], CASE_COLUMNS)


def _result_table(doc) -> None:
    table(doc, [
        ("Skor", "{{ hasil.skor }} dari {{ hasil.maks }}"),
        ("Kelas media", "{{ hasil.kelas }} — {{ hasil.kelas_uraian }}"),
        ("Kesimpulan", "{{ hasil.kesimpulan }}"),
    ], CASE_COLUMNS)


# --- lembar isian evaluasi ---------------------------------------------------------------

CRITERIA_COLUMNS = (0.9, 6.2, 1.4, 2.4, 3.8, 2.3)  # sums to TEXT_WIDTH


def _criteria_table(doc) -> None:
    t = table(doc, [
        ("No", "Kriteria", "Bobot", "Pra-periksa dari surat", "Jawaban verifikator", "Keterangan"),
        ("{%tr for k in kriteria %}", "", "", "", "", ""),
        ("{{ k.no }}", "{{ k.uraian }}", "{{ k.bobot }}", "{{ k.pra }}", "{{ k.jawaban }}", "{{ k.keterangan }}"),
        ("{%tr endfor %}", "", "", "", "", ""),
    ], CRITERIA_COLUMNS, header=True, size=10)
    for r in (1, 3):  # the loop rows hold only the tag, in one merged cell
        t.cell(r, 0).merge(t.cell(r, 5))
    fix_grid(t, CRITERIA_COLUMNS)


COMPANY_COLUMNS = (3.3, 5.2, 3.3, 5.2)


def _company_table(doc) -> None:
    """The case and the company's legal data side by side (one page for the whole form)."""
    t = table(doc, [
        ("No. Agenda", "{{ no_agenda }}", "NPWP", "{{ npwp }}"),
        ("Perusahaan", "{{ perusahaan }}", "NIB", "{{ nib }}"),
        ("Media / jenis", "{{ media }} / {{ jenis_media }}", "Akta pendirian", "{{ nomor_akta }}"),
        ("Alamat", "{{ alamat }}", "SK Kemenkumham", "{{ sk_kemenkumham }}"),
        ("Nomor / tanggal surat", "{{ nomor_surat }} / {{ tanggal_surat }}", "Status Dewan Pers", "{{ dewan_pers }}"),
        ("Laman", "{{ website }}", "Pemimpin redaksi", "{{ pemimpin_redaksi }}"),
        ("Perihal", "{{ perihal }}", "", ""),
    ], COMPANY_COLUMNS, label_column=False, size=10)
    for r in range(7):
        for c in (0, 2):
            for run in t.cell(r, c).paragraphs[0].runs:
                run.bold = True
    merged = t.cell(6, 1).merge(t.cell(6, 3))
    for extra in merged.paragraphs[1:]:
        extra._p.getparent().remove(extra._p)
    fix_grid(t, COMPANY_COLUMNS)


def _evaluation_result(doc) -> None:
    _para(doc, "{%p if hasil %}")
    _para(doc, "HASIL EVALUASI", bold=True, keep=True)
    _result_table(doc)
    _para(doc, "Alasan:", bold=True, keep=True)
    _bullets(doc, "hasil.alasan", "– {{ x }}")
    _para(doc, "{%p else %}")
    _para(doc, "KESIMPULAN (diisi verifikator)", bold=True, keep=True)
    _text(doc, "☐ Memenuhi   ☐ Tidak Memenuhi        Kelas media:  ☐ A   ☐ B   ☐ C        Skor: ........")
    _para(doc, "{%p endif %}")


def make_evaluation_form(path: Path) -> Path:
    doc = new_document("Lembar Isian Evaluasi")
    doc.sections[0].top_margin = doc.sections[0].bottom_margin = Cm(1.5)  # the form fits one page
    letterhead(doc)
    title(doc, "LEMBAR ISIAN EVALUASI",
          "Verifikasi Legalitas Perusahaan dan Penilaian Media (SOP 7.1 langkah 3)")
    _para(doc)
    _company_table(doc)
    _para(doc)
    _criteria_table(doc)
    _para(doc, "Pra-periksa diambil dari surat permohonan dan wajib dicocokkan dengan dokumen asli. "
               "{{ perlu_ditinjau }}", italic=True, size=9)
    _para(doc)
    _evaluation_result(doc)
    _para(doc, keep=True)
    signatures(doc, "", "verifikator", place_date={"verifikator": "Trenggalek, {{ tanggal }}"})
    # The verifier's note beside the signature: the form keeps to one page when it can.
    _cell(doc.tables[-1].cell(0, 0), "Catatan verifikator:", bold=True)
    _para(doc.tables[-1].cell(0, 0), "{{ catatan }}")
    doc.save(path)
    return path


# --- berita acara penolakan --------------------------------------------------------------


def make_rejection_record(path: Path) -> Path:
    doc = new_document("Berita Acara Penolakan")
    letterhead(doc)
    title(doc, "BERITA ACARA", "PENOLAKAN PERMOHONAN KERJA SAMA MEDIA MASSA")
    _para(doc, "Nomor: {{ nomor }}", align=CENTER)
    _para(doc)
    _text(doc, "Pada hari ini {{ hari }}, tanggal {{ tanggal }}, berdasarkan hasil verifikasi dan evaluasi sesuai "
               "SOP 7.1 Kerja Sama Media Massa, permohonan kerja sama berikut dinyatakan DITOLAK dan "
               "didokumentasikan tanpa perjanjian kerja sama:", keep=True)
    _case_table(doc)
    _para(doc)
    _para(doc, "Hasil evaluasi", bold=True, keep=True)
    _result_table(doc)
    _bullets(doc, "hasil.alasan", "– {{ x }}")
    _para(doc)
    _para(doc, "Catatan pejabat", bold=True, keep=True)
    _bullets(doc, "catatan", "– {{ x }}")
    _para(doc)
    _text(doc, "Demikian berita acara ini dibuat untuk dipergunakan sebagaimana mestinya.", keep=True)
    _para(doc, keep=True)
    signatures(doc, "pembuat", "mengetahui", place_date={"pembuat": "Trenggalek, {{ tanggal }}", "mengetahui": " "})
    doc.save(path)
    return path


# --- perjanjian kerja sama ---------------------------------------------------------------

DASAR_HUKUM = (
    "Undang-Undang Nomor 40 Tahun 1999 tentang Pers;",
    "Peraturan Menteri Komunikasi dan Informatika Nomor 17/Per.M.Kominfo/03/2009 tentang Diseminasi Informasi "
    "Nasional oleh Pemerintah, Pemerintah Daerah Provinsi, dan Pemerintah Daerah Kabupaten/Kota;",
    "Peraturan Menteri Komunikasi dan Informatika Nomor 07/Per.M.Kominfo/6/2010 tentang Pedoman Pengembangan "
    "Kemitraan Media;",
    "Peraturan Menteri Komunikasi dan Informatika Nomor 8 Tahun 2019 tentang Penyelenggaraan Urusan Pemerintahan "
    "Konkuren Bidang Komunikasi dan Informatika;",
    "{{ anggaran.dpa }}, sebagai dasar pembebanan anggaran Perjanjian ini;",
)

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
        "Perjanjian ini berlaku selama {{ jangka_waktu }} terhitung sejak tanggal {{ mulai }} sampai dengan "
        "tanggal {{ berakhir }}.",
        "Perjanjian ini dapat diperpanjang dengan perjanjian baru berdasarkan hasil evaluasi PIHAK PERTAMA dan "
        "ketersediaan anggaran.",
    ]),
    ("NILAI PERJANJIAN DAN SUMBER DANA", [
        "Nilai Perjanjian ini sebesar Rp{{ nilai }},00 ({{ nilai_terbilang }}), sudah termasuk pajak sesuai "
        "ketentuan peraturan perundang-undangan.",
        "Biaya pelaksanaan Perjanjian ini dibebankan pada {{ anggaran.dpa }}{% if anggaran.kode_rekening %}, "
        "kode rekening {{ anggaran.kode_rekening }}{% endif %}.",
    ]),
    ("CARA PEMBAYARAN", [
        "Pembayaran dilakukan oleh PIHAK PERTAMA setelah PIHAK KEDUA menyerahkan bukti publikasi sebagaimana "
        "dimaksud dalam Pasal 9 dan dokumen penagihan yang sah.",
        "Pembayaran dilakukan melalui transfer ke rekening PIHAK KEDUA: {{ rekening }}.",
        "Perubahan rekening hanya berlaku bila diberitahukan PIHAK KEDUA secara tertulis kepada PIHAK PERTAMA.",
    ]),
    ("PERPAJAKAN", [
        "Segala pajak yang timbul dari pelaksanaan Perjanjian ini menjadi tanggungan PIHAK KEDUA dan dipungut "
        "serta disetorkan oleh PIHAK PERTAMA sesuai ketentuan peraturan perundang-undangan perpajakan.",
        "PIHAK KEDUA wajib memiliki NPWP yang masih berlaku atas nama perusahaan dan menerbitkan faktur pajak "
        "apabila berstatus Pengusaha Kena Pajak.",
    ]),
    ("HAK DAN KEWAJIBAN PIHAK PERTAMA", [
        "PIHAK PERTAMA berhak menerima layanan publikasi sesuai ruang lingkup Perjanjian ini dan meminta perbaikan "
        "atas materi yang tidak sesuai.",
        "PIHAK PERTAMA berkewajiban menyediakan materi informasi dan membayar nilai Perjanjian sesuai Pasal 4 "
        "dan Pasal 5.",
    ]),
    ("HAK DAN KEWAJIBAN PIHAK KEDUA", [
        "PIHAK KEDUA berhak menerima pembayaran sesuai Pasal 4 dan Pasal 5 setelah kewajibannya dipenuhi.",
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
        "Perjanjian ini dibuat dalam rangkap 2 (dua), masing-masing dibubuhi meterai cukup dan mempunyai kekuatan "
        "hukum yang sama, satu untuk PIHAK PERTAMA dan satu untuk PIHAK KEDUA.",
    ]),
]


def _contract_heading(doc) -> None:
    title(doc, "PERJANJIAN KERJA SAMA", "ANTARA", "{{ kantor.nama|upper }}", "{{ kantor.pemerintah|upper }}",
          "DENGAN", "{{ pihak_kedua.nama_lengkap }}", "TENTANG",
          "PUBLIKASI DAN DISEMINASI INFORMASI MELALUI MEDIA {{ media|upper }}", size=12)
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
    _text(doc, "PIHAK PERTAMA dan PIHAK KEDUA (Para Pihak), dengan memperhatikan:", keep=True)
    for i, basis in enumerate(DASAR_HUKUM, start=1):
        p = _text(doc, f"{i}. {basis}")
        p.paragraph_format.left_indent = p.paragraph_format.first_line_indent = None
    _text(doc, "serta hasil evaluasi media (kelas {{ kelas }}), sepakat mengadakan Perjanjian Kerja Sama dengan "
               "ketentuan sebagai berikut:")


def _field_runs(paragraph, code: str, size: float) -> None:
    """A Word field (PAGE, NUMPAGES) that Word and LibreOffice both fill in when they print:
    begin / instruction / separate / last result / end, each in a run of its own."""
    for kind, text in (("begin", None), ("instr", f" {code} "), ("separate", None), ("text", "1"), ("end", None)):
        run = paragraph.add_run()
        run.font.size = Pt(size)
        if kind == "instr":
            el = OxmlElement("w:instrText")
        elif kind == "text":
            el = OxmlElement("w:t")
        else:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        if text is not None:
            el.set(qn("xml:space"), "preserve")
            el.text = text
        run._r.append(el)


def _footer(doc) -> None:
    """Paraf boxes for both parties and 'Halaman X dari Y' on every page of the agreement."""
    footer = doc.sections[0].footer
    footer.is_linked_to_previous = False
    t = footer.add_table(rows=2, cols=2, width=doc.sections[0].page_width)
    t.style = "Table Grid"
    _cell(t.cell(0, 0), "Paraf PIHAK PERTAMA", size=7, align=CENTER)
    _cell(t.cell(0, 1), "Paraf PIHAK KEDUA", size=7, align=CENTER)
    t.rows[1].height = Cm(1.0)  # room for a paraf
    fix_grid(t, (3.0, 3.0))
    p = footer.add_paragraph()
    p.alignment = RIGHT
    for piece in ("Halaman ", "PAGE", " dari ", "NUMPAGES"):
        if piece.isupper():
            _field_runs(p, piece, 9)
        else:
            p.add_run(piece).font.size = Pt(9)
    first = footer.paragraphs[0]
    if not first.text and first._p is not p._p:  # python-docx's empty default paragraph above the table
        first._p.getparent().remove(first._p)


def make_contract(path: Path) -> Path:
    doc = new_document("Perjanjian Kerja Sama")
    doc.sections[0].footer_distance = doc.sections[0].bottom_margin // 2
    _footer(doc)
    _contract_heading(doc)
    _parties(doc)
    for number, (heading, clauses) in enumerate(_PASAL, start=1):
        _para(doc, keep=True)
        _para(doc, f"Pasal {number}", bold=True, align=CENTER, keep=True)
        _para(doc, heading, bold=True, align=CENTER, keep=True, after=2)
        for i, clause in enumerate(clauses, start=1):
            p = _text(doc, f"({i}) {clause}" if len(clauses) > 1 else clause)
            p.paragraph_format.keep_together = True
    _para(doc, keep=True)
    # Each party signs over a meterai on the copy the other keeps (Pasal 13: two copies).
    signatures(doc, "pihak_kedua", "pihak_pertama", meterai=("pihak_kedua", "pihak_pertama"))
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
