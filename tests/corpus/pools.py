"""Pools of names, titles, words and places the letters are drawn from (all fictional
combinations; place names are real Indonesian names so that addresses look plausible)."""
from __future__ import annotations

GIVEN = (
    "Agus Ahmad Aditya Andi Anis Arief Arif Bagus Bambang Benny Budi Cahyo Dedi Dewi Dian Dimas Dwi "
    "Eko Endang Erna Fajar Fitri Galih Gilang Hadi Hendra Heru Ika Imam Indah Indra Irfan Joko Kartika "
    "Kurnia Lestari Lina Luluk Made Mochamad Muhammad Nanang Nining Nur Nurul Okta Putri Purnomo Rahmat "
    "Ratna Reza Rina Rizky Rudi Sari Setyo Siti Slamet Sri Sugeng Suharto Sulastri Sutrisno Taufik Teguh "
    "Tri Umi Wahyu Wawan Widya Yanuar Yoga Yudi Yuli Zainal Zaenal Abdul Achmad Hariyanto Moh. Didik "
    "Gatot Haris Krisna Lukman Maya Novi Pramono Rosyid Samsul Triyono Windarti Yusuf Ainun Bayu Citra"
).split()
FAMILY = (
    "Santoso Wibowo Setiawan Susanto Nugroho Saputra Kurniawan Hidayat Pratama Wijaya Purnomo Maulana "
    "Hermawan Rahayu Kusuma Prasetyo Handoko Suryadi Wahyudi Firmansyah Ramadhan Hakim Syahputra Utomo "
    "Haryanto Sulistyo Mahendra Permana Anggraini Puspitasari Suharjo Widodo Cahyono Effendi Gunawan "
    "Harjono Iskandar Junaedi Kholis Lukito Mustofa Nurhadi Prabowo Rachman Sasongko Triwibowo Wardhana "
    "Yulianto Zulkarnain Ashari Baihaqi Darmawan Fauzi Ghozali Hasanah Ismail Ja'far Mubarok Rifa'i"
).split()
TITLE_BEFORE = ("", "", "", "", "", "Drs. ", "Dra. ", "Dr. ", "Ir. ", "H. ", "Hj. ")
TITLE_AFTER = (
    "", "", "S.E.", "S.I.Kom.", "S.Sos.", "S.H.", "S.Pd.", "S.Kom.", "S.T.", "S.Ag.", "S.IP.", "A.Md.",
    "S.E., M.M.", "S.Sos., M.Si.", "S.I.Kom., M.I.Kom.", "S.H., M.H.", "M.Si.", "S.Hum.", "S.Psi.", "S.S.",
)
NOTARY_TITLES = ("S.H.", "S.H., M.Kn.", "S.H., M.Kn.", "S.H., Sp.N.", "S.H., M.H., M.Kn.")

# Words companies and brands are built from.
BRAND_A = (
    "Arjuna Bengawan Brantas Cakrawala Citra Gema Gaung Jendela Kabar Kilas Lentera Lintas Mata Menara "
    "Nusa Pelita Pena Radar Rembug Sinar Suara Swara Suluh Teropong Warta Wilis Bumi Dharma Duta Fajar "
    "Gerbang Jagad Kanal Lawu Mandala Mitra Nada Obor Pijar Pilar Rakyat Samudra Sapta Selaras Tapal "
    "Tugu Ufuk Widya Nawa Cempaka Kencana Garuda Merapi Kelud Semeru Bromo Ijen Panji Prabu Wijaya"
).split()
BRAND_B = (
    "Timur Selatan Jatim Nusantara Desa Kota Rakyat Pesisir Raya Kita Warga Publik Muda Baru Pagi Post "
    "Pos Terkini Satu Aktual Utama Bangsa Pantura Mataraman Arek Tapalkuda Madura Brang Wetan Kulon Wetan"
).split()
PLACE_WORDS = ("Trenggalek Tulungagung Kediri Blitar Malang Madiun Ponorogo Pacitan Nganjuk Jombang "
               "Mojokerto Surabaya Sidoarjo Gresik Tuban Bojonegoro Jember Banyuwangi Lumajang Probolinggo").split()
COMPANY_TAIL = ("Media", "Media Utama", "Multimedia", "Informasi", "Pers", "Mandiri", "Kreasi", "Digital",
                "Global Media", "Indah", "Perkasa", "Sejahtera", "Nusantara", "Komunika", "Cipta Media",
                "Inti Media", "Jaya", "Abadi", "Grafika", "Visual")
TLD = (".com", ".id", ".co.id", ".net", ".or.id", ".web.id", ".news", ".tv", ".my.id")
FREE_MAIL = ("gmail.com", "gmail.com", "yahoo.co.id", "yahoo.com", "outlook.com", "ymail.com")
MAIL_USER = ("redaksi", "redaksi", "info", "admin", "marketing", "iklan", "humas", "sekretariat", "official")

STREETS = (
    "Jl. Panglima Sudirman", "Jl. Jenderal Ahmad Yani", "Jl. Diponegoro", "Jl. Pahlawan", "Jl. Veteran",
    "Jl. Teuku Umar", "Jl. Imam Bonjol", "Jl. Gajah Mada", "Jl. Hayam Wuruk", "Jl. Kartini", "Jl. Dr. Soetomo",
    "Jl. Mayjen Sungkono", "Jl. Brigjen Katamso", "Jl. KH. Hasyim Asy'ari", "Jl. Raya Karangan",
    "Jl. Soekarno-Hatta", "Jl. Mastrip", "Jl. Raden Wijaya", "Jl. Ronggowarsito", "Jl. Cut Nyak Dien",
    "Jl. Wahid Hasyim", "Jl. Ki Hajar Dewantara", "Jl. Pattimura", "Jl. Sultan Agung", "Jl. Letjen Suprapto",
    "Jl. Supriyadi", "Jl. Ade Irma Suryani", "Jl. Melati", "Jl. Mawar Gg. III", "Jl. Kenanga",
    "Jl. Raya Tulungagung-Trenggalek Km. 4", "Jalan Pemuda", "Jalan Kapten Tendean", "Jalan Yos Sudarso",
    "Perum Griya Permata Blok C", "Ruko Mutiara Square", "Jl. Basuki Rahmat", "Jl. Kawi", "Jl. Ijen",
    "Jl. Semeru", "Jl. Trunojoyo", "Jl. Panjaitan", "Jl. Sumbawa", "Jl. Kalimantan", "Jl. Sriwijaya",
)

# (city as printed, area code, postcode prefix, {kecamatan: [kelurahan/desa, ...]})
PLACES = (
    ("Kabupaten Trenggalek", "0355", "663", {"Trenggalek": ["Sumbergedong", "Ngantru", "Surodakan", "Kelutan"],
                                           "Pogalan": ["Ngetal", "Ngadirejo"], "Karangan": ["Sumberingin", "Salamrejo"]}),
    ("Kabupaten Tulungagung", "0355", "662", {"Kedungwaru": ["Ketanon", "Plosokandang"],
                                            "Tulungagung": ["Kepatihan", "Kampungdalem", "Botoran"], "Boyolangu": ["Beji"]}),
    ("Kota Kediri", "0354", "641", {"Mojoroto": ["Bandar Lor", "Campurejo"], "Kota": ["Balowerti", "Kemasan"],
                                   "Pesantren": ["Tosaren", "Burengan"]}),
    ("Kabupaten Kediri", "0354", "641", {"Pare": ["Tulungrejo", "Pelem"], "Ngasem": ["Sumberejo", "Gogorante"]}),
    ("Kota Blitar", "0342", "661", {"Sananwetan": ["Kauman", "Bendogerit"], "Kepanjenkidul": ["Sentul"]}),
    ("Kota Malang", "0341", "651", {"Klojen": ["Kauman", "Oro-oro Dowo", "Samaan"], "Blimbing": ["Pandanwangi"],
                                   "Lowokwaru": ["Tulusrejo", "Dinoyo", "Jatimulyo"]}),
    ("Kota Surabaya", "031", "602", {"Genteng": ["Ketabang", "Kapasari", "Embong Kaliasin"],
                                    "Tegalsari": ["Dr. Soetomo", "Keputran"], "Wonokromo": ["Darmo", "Jagir"],
                                    "Rungkut": ["Kalirungkut", "Penjaringan Sari"]}),
    ("Kabupaten Sidoarjo", "031", "612", {"Sidoarjo": ["Lemahputro", "Sidokare"], "Waru": ["Kureksari"]}),
    ("Kota Madiun", "0351", "631", {"Taman": ["Josenan", "Mojorejo"], "Kartoharjo": ["Oro-oro Ombo"]}),
    ("Kabupaten Ponorogo", "0352", "634", {"Ponorogo": ["Mangkujayan", "Tonatan"], "Babadan": ["Patihan Wetan"]}),
    ("Kabupaten Pacitan", "0357", "635", {"Pacitan": ["Sidoharjo", "Ploso"]}),
    ("Kabupaten Nganjuk", "0358", "644", {"Nganjuk": ["Kauman", "Mangundikaran"]}),
    ("Kabupaten Jombang", "0321", "614", {"Jombang": ["Kepanjen", "Jombatan"], "Diwek": ["Cukir"]}),
    ("Kota Mojokerto", "0321", "613", {"Prajurit Kulon": ["Blooto"], "Magersari": ["Gunung Gedangan"]}),
    ("Kabupaten Tuban", "0356", "623", {"Tuban": ["Kutorejo", "Sidorejo"]}),
    ("Kabupaten Bojonegoro", "0353", "621", {"Bojonegoro": ["Kadipaten", "Ledok Kulon"]}),
    ("Kabupaten Jember", "0331", "681", {"Sumbersari": ["Tegal Gede", "Kebonsari"], "Kaliwates": ["Mangli"]}),
    ("Kabupaten Banyuwangi", "0333", "684", {"Banyuwangi": ["Penganjuran", "Kepatihan"], "Giri": ["Boyolangu"]}),
    ("Kabupaten Lumajang", "0334", "673", {"Lumajang": ["Citrodiwangsan", "Jogotrunan"]}),
    ("Kota Probolinggo", "0335", "672", {"Mayangan": ["Mangunharjo"], "Kanigaran": ["Tisnonegaran"]}),
    ("Kabupaten Pamekasan", "0324", "693", {"Pamekasan": ["Kolpajung", "Barurambat Kota"]}),
    ("Kabupaten Gresik", "031", "611", {"Kebomas": ["Randuagung"], "Gresik": ["Pekelingan"]}),
    ("Kota Pasuruan", "0343", "671", {"Purworejo": ["Pohjentrek"], "Bugul Kidul": ["Blandongan"]}),
    ("Kota Yogyakarta", "0274", "552", {"Gondokusuman": ["Baciro", "Terban"], "Umbulharjo": ["Warungboto"]}),
    ("Kota Surakarta", "0271", "571", {"Laweyan": ["Sondakan", "Penumping"], "Banjarsari": ["Manahan"]}),
    ("Kota Semarang", "024", "502", {"Semarang Tengah": ["Pekunden", "Sekayu"], "Candisari": ["Jatingaleh"]}),
    ("Kota Bandung", "022", "401", {"Coblong": ["Dago", "Lebak Siliwangi"], "Sumur Bandung": ["Braga"]}),
    ("Jakarta Selatan", "021", "121", {"Kebayoran Baru": ["Senayan", "Gunung"], "Tebet": ["Tebet Barat"],
                                      "Mampang Prapatan": ["Kuningan Barat"]}),
    ("Jakarta Pusat", "021", "103", {"Menteng": ["Gondangdia", "Cikini"], "Gambir": ["Petojo Utara"]}),
    ("Kota Denpasar", "0361", "802", {"Denpasar Barat": ["Dauh Puri"], "Denpasar Timur": ["Sumerta"]}),
)
KEL_PREFIX = ("Kel. ", "Kel. ", "Kelurahan ", "Desa ", "Ds. ")
KEC_PREFIX = ("Kec. ", "Kec. ", "Kecamatan ")

# The office written to.
ADDRESSEES = (
    ("Yth. Kepala Dinas Komunikasi dan Informatika", "Kabupaten Trenggalek", "di Trenggalek"),
    ("Yth. Kepala Dinas Kominfo Kabupaten Trenggalek", "Jl. Soekarno-Hatta No. 1", "TRENGGALEK"),
    ("Yth. Bupati Trenggalek", "c.q. Kepala Dinas Komunikasi dan Informatika", "di Tempat"),
    ("Yth. Bapak/Ibu Kepala Diskominfo", "Kabupaten Trenggalek", "di -", "Trenggalek"),
    ("Kepada Yth.", "Kepala Dinas Komunikasi dan Informatika Kabupaten Trenggalek", "di Trenggalek"),
)
TEMBUSAN = ("Bupati Trenggalek (sebagai laporan)", "Sekretaris Daerah Kabupaten Trenggalek",
            "Kepala Bidang Informasi dan Komunikasi Publik", "Kepala Bagian Protokol dan Komunikasi Pimpinan",
            "Arsip")
OFFERS = ("publikasi rilis kegiatan", "advertorial", "liputan khusus", "iklan ucapan hari besar",
          "banner digital di halaman utama", "live report kegiatan", "talkshow interaktif",
          "spot iklan layanan masyarakat", "siaran langsung kegiatan pemerintah daerah",
          "dialog interaktif bersama pimpinan daerah", "pemuatan berita pembangunan", "running text")
