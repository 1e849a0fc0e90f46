"""Common words of Indonesian official letters (and a few English ones), for judging a reading.

Not a spelling dictionary: a page whose words of three or more letters are rarely among
these was probably misread (see hardness.py), and a run-together reading such as
"belumterdatadiDewanPers" can be cut back into words (see spacing.py).
"""
from __future__ import annotations

import re
import unicodedata

_WORDS = """
ada adalah agar agustus akan akta alamat anggota antara apabila april atas atau atas
bagi bagian bahwa baik bangsa banyak bapak baru beberapa belum berdasarkan berita bersama
besar bidang bisa bulan bupati badan berikut berupa bentuk berkas bermaksud bersedia
cetak cabang dalam dan dapat daerah dari data demikian dengan depan desa desember dewan
diajukan dibuat digital dinas direktur disampaikan diskominfo ditandatangani dokumen dua
elektronik email fakultas faktual februari fotokopi hal hari harian hormat hukum ibu
informasi informatika ini instansi itu jabatan jalan jakarta januari jawa jenis juli juni
jumlah kabupaten kami kamis kantor karena kasih kebijakan kecamatan kegiatan kelurahan
kemenkumham kementerian kepada kepala kerja kerjasama kerja sama kesediaan ketentuan kode
komunikasi koran kota kuasa kabar kepercayaan lampiran lembaga lengkap lain maka majalah
maret masa masyarakat media mei melalui memberikan mengajukan menjadi menteri mingguan
mohon nama negara nomor november nusantara oktober oleh online pada para pemerintah
pemimpin penanggung pendirian pengesahan penerbit penerbitan pengajuan perusahaan perihal
permohonan pers persetujuan pertimbangan perseroan perkumpulan pokok portal profil
program provinsi publikasi pusat radio redaksi republik rekening sama sampai saudara
sebagai sebagaimana segala sehubungan sekretariat selaku sejak selama semua senin september
serta siaran surat swasta syarat tabloid tahun tanggal tanda tangan telah telepon televisi
tembusan tentang terbatas terhadap terima terlampir terverifikasi tersebut timur trenggalek
tujuan tulungagung untuk utama wartawan website wilayah yang yayasan kompetensi sertifikat
usaha berusaha induk wajib pajak npwp nib pimpinan umum kerja sama penyebarluasan
pembangunan kemitraan administratif verifikasi berbadan terdaftar menyampaikan
bersama berikut kelengkapan keterangan sebagai berkenan atas perhatiannya perhatian
kerjasamanya jalin menjalin berita daring cetak penyiaran lembaga penyiaran komunitas
dengan hormat pimpinan redaksi sekretaris bendahara wakil ketua notaris nomor akta tahun
kabupaten kota jawa timur tengah barat indonesia hormat kami salam sejahtera
the and of for to in on with media news online radio
jl jln no telp tlp hp wa fax kel kec rt rw yth kab prov kode pos dr ir hj
"""

_MARKS = re.compile(r"^[\W_]+|[\W_]+$")

WORDS: frozenset[str] = frozenset(_WORDS.split())


def key(text: str) -> str:
    """A word as the list holds it: NFKC, lower case, outer punctuation stripped."""
    return _MARKS.sub("", unicodedata.normalize("NFKC", text).casefold())


def known(text: str) -> bool:
    return key(text) in WORDS
