//! Indonesian word lists and phrase templates for names, titles and press-release prose.
//!
//! The affixed forms (meN-/di-/ber-/ter-/pe-/per-/ke- prefixes; -kan/-i/-an/-nya/-lah
//! suffixes) are deliberate: the site's Indonesian stemmer is tested on this text.

pub const FIRST_NAMES: &[&str] = &[
    "Ahmad", "Agus", "Andi", "Arief", "Bambang", "Budi", "Cahyo", "Dedi", "Dewi", "Dian", "Eko",
    "Endang", "Fajar", "Fitri", "Gilang", "Hadi", "Hendra", "Heru", "Ika", "Indra", "Irwan",
    "Joko", "Kartika", "Kurniawan", "Lestari", "Lukman", "Made", "Maria", "Muhammad", "Nanang",
    "Nur", "Nurul", "Putu", "Rahmat", "Ratna", "Rizky", "Rudi", "Sari", "Siti", "Slamet",
    "Sri", "Suparman", "Taufik", "Teguh", "Tri", "Umar", "Wahyu", "Wayan", "Yanti", "Yusuf",
    "Zainal", "Achmad", "Qori", "Ketut", "Komang", "Ni Luh", "Nyoman", "Rina", "Ayu", "Bayu",
    "Citra", "Dimas", "Erna", "Farhan", "Galih", "Hasan", "Ilham", "Jamaluddin", "Kiki",
    "Laila", "Mulyadi", "Nadia", "Oki", "Prasetyo", "Rahmawati", "Samsul", "Tuti", "Usman",
    "Vina", "Wulan", "Yohanes", "Yosef", "Fransiskus", "Daniel", "Samuel", "Markus", "Petrus",
    "Abdul", "Syamsuddin", "Halimah", "Asep", "Ujang", "Dadang", "Cecep", "Iwan", "Hj. Siti",
    "H. Muhammad", "Dr. Hendra", "Ir. Bambang", "Teuku", "Cut", "Andi Muhammad", "La Ode",
];

pub const LAST_NAMES: &[&str] = &[
    "Saputra", "Wijaya", "Santoso", "Setiawan", "Hidayat", "Kusuma", "Nugroho", "Pratama",
    "Siregar", "Nasution", "Harahap", "Lubis", "Simanjuntak", "Sitompul", "Hutapea",
    "Ginting", "Tarigan", "Sembiring", "Purba", "Manurung", "Rahman", "Hakim", "Syahputra",
    "Firmansyah", "Ramadhan", "Kurniawan", "Gunawan", "Suryadi", "Susanto", "Hartono",
    "Wibowo", "Utomo", "Prabowo", "Sutrisno", "Maulana", "Hasibuan", "Daulay", "Tanjung",
    "Pane", "Batubara", "Effendi", "Sulaiman", "Ismail", "Yunus", "Hamzah", "Lestari",
    "Rahayu", "Anggraini", "Permata", "Wulandari", "Handayani", "Puspitasari", "Sihombing",
    "Pattimura", "Latuconsina", "Wenda", "Tabuni", "Kogoya", "Rumbiak", "Mandagi", "Lumentut",
    "Sondakh", "Pakaya", "Mokodompit", "Daeng Matika", "Pawellangi", "Mattalatta", "Sinaga",
    "Ayatullah", "Zamzami", "Syihabudin", "Hermawan", "Sudrajat", "Suganda", "Permana",
    "Mulyana", "Sukmana", "Supriatna", "Adiwijaya", "Suryanegara", "Atmaja", "Pangestu",
    "Sasmita", "Wiranata", "Yudhistira", "Alamsyah", "Fadillah", "Rizal", "Fauzi", "Iskandar",
];

pub const STREETS: &[&str] = &[
    "Jenderal Sudirman", "Ahmad Yani", "Diponegoro", "Gatot Subroto", "Pahlawan", "Merdeka",
    "Veteran", "Imam Bonjol", "Sultan Hasanuddin", "Gajah Mada", "R.A. Kartini",
    "Cut Nyak Dien", "Raya Pasar Baru", "Kenanga", "Melati", "Flamboyan", "Teuku Umar",
    "Pemuda", "Perintis Kemerdekaan", "Sisingamangaraja", "Hayam Wuruk", "Pattimura",
    "Sam Ratulangi", "Jenderal Basuki Rahmat", "Raya Bypass", "Pramuka", "Kesatrian",
];

pub const KELURAHAN: &[&str] = &[
    "Sukamaju", "Sukajadi", "Karangasem", "Sidomulyo", "Margahayu", "Tanjung Harapan",
    "Kebon Jeruk", "Cempaka Putih", "Suka Damai", "Mekar Jaya", "Bumi Ayu", "Tegal Sari",
    "Pasar Lama", "Kampung Baru", "Sumber Rejo", "Tanah Merah", "Padang Bulan", "Wonorejo",
];

// --- ormas names ----------------------------------------------------------------------------

pub const ORMAS_PREFIX: &[&str] = &[
    "Forum", "Forum Komunikasi", "Ikatan", "Himpunan", "Persatuan", "Gerakan", "Lembaga",
    "Paguyuban", "Perkumpulan", "Aliansi", "Barisan", "Komunitas", "Majelis", "Badan Musyawarah",
    "Dewan", "Keluarga Besar", "Gabungan", "Serikat", "Angkatan Muda", "Solidaritas",
    "Perhimpunan", "Asosiasi", "Jaringan", "Laskar", "Pusat Kajian", "Lembaga Swadaya",
];

pub const ORMAS_GROUP: &[&str] = &[
    "Pemuda", "Masyarakat", "Warga", "Pemudi", "Relawan", "Petani", "Nelayan", "Pedagang",
    "Perempuan", "Mahasiswa", "Pengusaha Muda", "Seniman", "Guru", "Buruh", "Purnawirawan",
    "Santri", "Ulama", "Pemerhati", "Pecinta Alam", "Putra-Putri", "Generasi Muda",
    "Tokoh Adat", "Karang Taruna", "Penyuluh", "Pengemudi Daring", "Penyandang Disabilitas",
];

pub const ORMAS_PURPOSE: &[&str] = &[
    "Peduli Lingkungan", "Anti Narkoba", "Pancasila", "Peduli Bangsa", "Cinta Tanah Air",
    "Pembangunan", "Kebangsaan", "Keadilan", "Pemberdayaan Masyarakat", "Sadar Hukum",
    "Peduli Pendidikan", "Kesejahteraan Sosial", "Pelestari Budaya", "Bela Negara", "Kerukunan",
    "Demokrasi", "Pemantau Pemilu", "Penggerak Ekonomi Rakyat", "Peduli Kesehatan",
    "Tanggap Bencana", "Persaudaraan", "Pembela Rakyat Kecil", "Anti Korupsi", "Kebudayaan",
    "Pengawal Kebijakan Publik", "Peduli Anak", "Kemandirian Desa", "Literasi Digital",
];

pub const ORMAS_ABSTRACT: &[&str] = &[
    "Cahaya Harapan", "Merah Putih", "Bhinneka", "Garuda", "Nusantara Jaya", "Bumi Pertiwi",
    "Sinar Kasih", "Amanah", "Mandiri", "Sejahtera", "Berkah Bersama", "Satria", "Cakra",
    "Pusaka", "Tunas Bangsa", "Pelita", "Bintang Timur", "Rumah Kita", "Insan Mulia",
    "Matahari Terbit", "Anak Negeri", "Mutiara", "Rajawali", "Panca Marga", "Jaya Abadi",
];

pub const ORMAS_FIELDS: &[&str] = &[
    "sosial", "budaya", "pendidikan", "keagamaan", "lingkungan-hidup", "kepemudaan", "ekonomi",
    "kesehatan", "hukum-dan-ham", "olahraga", "seni", "pertanian", "kebangsaan",
    "perempuan-dan-anak", "demokrasi", "kebencanaan",
];

// --- venues, media ---------------------------------------------------------------------------

pub const HOTELS: &[&str] = &[
    "Grand Mercure", "Novotel", "Swiss-Belhotel", "Aston", "Santika", "Horison", "Fave Hotel",
    "Hotel Grand Kanaya", "Hotel Mutiara", "Hotel Sahid", "Hotel Puri Indah", "Hotel Nusantara",
];

/// `(domain, publisher)`: only example domains.
pub const MEDIA: &[(&str, &str)] = &[
    ("berita.example.id", "Berita Nusantara"),
    ("warta.example.co.id", "Warta Daerah"),
    ("kabar-daerah.example.id", "Kabar Daerah"),
    ("radar.example.com", "Radar Kota"),
    ("ekspres.example.co.id", "Ekspres Online"),
    ("suara-rakyat.example.id", "Suara Rakyat"),
    ("pos-kota.example.com", "Pos Kota Digital"),
    ("antara.example.id", "Kantor Berita Contoh"),
    ("tribun.example.co.id", "Tribun Contoh"),
    ("detak.example.id", "Detak Nusantara"),
];

// --- prose -----------------------------------------------------------------------------------

/// meN- ... -kan verbs (transitive, take an object).
pub const V_KAN: &[&str] = &[
    "menyosialisasikan", "menyampaikan", "mengoptimalkan", "menyukseskan", "mengedepankan",
    "menyelaraskan", "menumbuhkan", "mewujudkan", "melaksanakan", "menggerakkan",
    "mengembangkan", "menyalurkan", "menerapkan", "memberdayakan", "memantapkan",
    "menguatkan", "menyatukan", "mengamankan", "menyebarluaskan", "menanamkan",
    "mengoordinasikan", "merumuskan", "mengarahkan", "membudayakan", "memasyarakatkan",
    "menyejahterakan", "menyerahkan", "mengamalkan", "memaksimalkan", "menegakkan",
];

/// meN- verbs with other or no suffix.
pub const V_MEN: &[&str] = &[
    "meningkatkan", "memperkuat", "membangun", "menjaga", "mendorong", "mengajak",
    "mengapresiasi", "memfasilitasi", "mengawal", "memantau", "mengevaluasi", "memastikan",
    "mempererat", "menjalin", "melibatkan", "mengelola", "menyusun", "mempertahankan",
    "menghormati", "menyepakati", "mencegah", "menanggulangi", "mengantisipasi",
    "menindaklanjuti", "membina", "mendukung", "merawat", "memperhatikan", "melindungi",
    "memperjuangkan",
];

/// meN- ... -i verbs.
pub const V_I: &[&str] = &[
    "memahami", "mematuhi", "menghadiri", "mendampingi", "mengikuti", "menyadari",
    "menghargai", "mewarnai", "meresmikan", "menaati", "menyikapi", "mengatasi",
    "mengawasi", "menjauhi", "menghindari", "mengakhiri", "menyemangati",
];

/// ber- verbs.
pub const V_BER: &[&str] = &[
    "berkolaborasi", "bersinergi", "berperan", "berkomitmen", "berpartisipasi", "berdiskusi",
    "berkoordinasi", "berkontribusi", "berdialog", "berupaya", "bergotong royong", "bersatu",
    "bekerja sama", "berperan aktif", "bermusyawarah", "bergerak bersama",
];

/// di- passives.
pub const V_DI: &[&str] = &[
    "diharapkan", "dilaksanakan", "diselenggarakan", "disampaikan", "ditingkatkan",
    "diperkuat", "dikembangkan", "dimanfaatkan", "ditindaklanjuti", "dibahas", "disepakati",
    "diapresiasi", "disosialisasikan", "dioptimalkan", "diwujudkan", "dijaga", "dikawal",
    "dievaluasi", "dirumuskan", "didorong", "dibina", "diberdayakan", "dipertahankan",
];

/// pe-/peN-/per- ... -an nouns.
pub const N_PE: &[&str] = &[
    "pembinaan", "pemberdayaan", "pembangunan", "pengawasan", "pelaksanaan", "penguatan",
    "peningkatan", "penanganan", "pencegahan", "pengelolaan", "pendampingan",
    "penyelenggaraan", "pemilihan", "pendidikan", "pelayanan", "perlindungan", "persatuan",
    "perdamaian", "pemantauan", "pendataan", "penyuluhan", "pengembangan", "pemahaman",
    "perencanaan", "penyaluran", "pertanggungjawaban", "pelaporan", "pemutakhiran",
];

/// ke- ... -an nouns.
pub const N_KE: &[&str] = &[
    "kebersamaan", "keamanan", "ketertiban", "kesejahteraan", "kebangsaan", "kesatuan",
    "keberagaman", "kemitraan", "kepedulian", "keterbukaan", "kesadaran", "ketahanan",
    "kemajuan", "kerukunan", "kesetaraan", "kedaulatan", "kemandirian", "keberlanjutan",
    "kepercayaan", "kekeluargaan", "kegotongroyongan", "keteladanan",
];

/// Other nouns and noun phrases (roots and -an nouns) used as objects.
pub const N_OBJ: &[&str] = &[
    "organisasi kemasyarakatan", "masyarakat", "generasi muda", "tokoh masyarakat",
    "tokoh agama", "pemerintah daerah", "lingkungan", "demokrasi", "toleransi", "partisipasi publik",
    "kolaborasi", "sinergi", "ideologi Pancasila", "nilai-nilai kebangsaan", "kearifan lokal",
    "program kerja", "data ormas", "laporan kegiatan", "dana hibah", "kegiatan sosial",
    "jaringan relawan", "layanan publik", "ruang dialog", "potensi konflik", "informasi hoaks",
    "ujaran kebencian", "tata kelola organisasi", "administrasi ormas", "anggaran", "pemilih pemula",
    "hak pilih", "wawasan kebangsaan", "kesehatan masyarakat", "usaha mikro", "pangan lokal",
];

pub const ADJ: &[&str] = &[
    "kondusif", "aman", "damai", "harmonis", "strategis", "positif", "produktif",
    "berintegritas", "profesional", "transparan", "akuntabel", "partisipatif", "inklusif",
    "berkelanjutan", "bermartabat", "terpadu", "terbuka", "tertib", "terarah", "terukur",
    "berkualitas", "bersih", "jujur", "adil",
];

/// Sentence openers.
pub const CONJ: &[&str] = &[
    "Selain itu,", "Lebih lanjut,", "Oleh karena itu,", "Di samping itu,", "Dengan demikian,",
    "Sementara itu,", "Selanjutnya,", "Pada kesempatan tersebut,", "Dalam paparannya,",
    "Menurutnya,", "Tentunya,", "Khususnya di tengah dinamika saat ini,", "Sebelumnya,",
    "Terkait hal tersebut,", "Dalam kaitan itu,", "Pada prinsipnya,",
];

/// Sentence templates for the narrative. Slots: {ORG} organizer's full name, {ORGS} its short
/// name, {PLACE} region, {TOPIC} first topic, {VENUE}, {DATE} date phrase, {COUNT} ormas count,
/// {ORMAS} a named ormas (or "ormas"), {VKAN} {VMEN} {VI} {VBER} {VDI} {NPE} {NKE} {NOBJ} {ADJ}
/// {CONJ} words from the lists above.
pub const SENTENCES: &[&str] = &[
    "{CONJ} {NPE} {NOBJ} perlu terus {VDI} agar {NKE} di {PLACE} tetap {ADJ}.",
    "Kegiatan ini bertujuan {VKAN} {NPE} {NOBJ} sekaligus {VMEN} {NKE} antarwarga.",
    "{ORGS} {VBER} dengan berbagai elemen masyarakat untuk {VKAN} {NPE} yang {ADJ}.",
    "Melalui kegiatan tersebut, ormas {VDI} mampu {VKAN} {NPE} {NOBJ} secara {ADJ}.",
    "Acara yang {VDI} di {VENUE} ini dihadiri oleh perwakilan dari {COUNT} ormas.",
    "{CONJ} peserta {VDI} dapat {VI} ketentuan yang berlaku terkait {NPE} {NOBJ}.",
    "Pemerintah daerah berkomitmen {VMEN} {NPE} {NOBJ} sebagai bagian dari {NPE} daerah.",
    "Para peserta tampak antusias mengikuti rangkaian kegiatan hingga selesai.",
    "{CONJ} {NKE} dan {NKE} menjadi modal utama dalam {VKAN} {NPE} di {PLACE}.",
    "Diskusi berlangsung {ADJ} dan diwarnai berbagai masukan dari perwakilan ormas.",
    "Sejumlah usulan terkait {NPE} {NOBJ} {VDI} untuk ditindaklanjuti oleh perangkat daerah terkait.",
    "{ORMAS} menyatakan siap {VBER} dengan {ORGS} dalam {VKAN} {NPE} {NOBJ}.",
    "Keterlibatan ormas dinilai penting untuk {VMEN} {NKE} serta {VKAN} {NPE} {NOBJ}.",
    "{CONJ} {ORGS} mengajak seluruh pihak {VI} {NOBJ} dan {VMEN} {NKE} bersama.",
    "Kegiatan tersebut merupakan tindak lanjut dari program {NPE} {NOBJ} yang telah berjalan sebelumnya.",
    "Tidak hanya itu, {ORGS} juga membuka ruang konsultasi bagi pengurus ormas yang membutuhkan pendampingan.",
    "Dengan {NPE} yang {ADJ}, {NKE} masyarakat {VDI} semakin meningkat.",
    "Pertemuan ini sekaligus menjadi wadah untuk mempererat silaturahmi dan {NKE} antarorganisasi.",
    "{CONJ} pihaknya terus {VMEN} {NPE} {NOBJ} agar berjalan {ADJ} dan tepat sasaran.",
    "Hasil pertemuan tersebut {VDI} menjadi bahan {NPE} kebijakan di tingkat {PLACE}.",
    "Ormas sebagai mitra pemerintah memiliki peran strategis dalam {VKAN} {NKE} di tengah masyarakat.",
    "Ke depan, kegiatan serupa {VDI} dapat dilaksanakan secara berkala dengan melibatkan lebih banyak peserta.",
    "{CONJ} keberadaan ormas harus memberikan manfaat nyata bagi {NKE} warga {PLACE}.",
    "Kegiatan ditutup dengan sesi tanya jawab dan penyerahan cendera mata kepada para narasumber.",
    "Seluruh rangkaian acara terselenggara dengan {ADJ} berkat dukungan berbagai pihak.",
    "{ORGS} berharap ormas di {PLACE} senantiasa {VMEN} {NKE} dan menjauhi tindakan yang meresahkan.",
    "Pembahasan mengenai {TOPIC} menjadi salah satu agenda utama dalam pertemuan tersebut.",
    "{CONJ} isu {TOPIC} {VDI} menjadi perhatian bersama seluruh pemangku kepentingan.",
    "Kebersamaan yang terjalin selama ini diharapkan terus terjaga demi {NKE} {PLACE}.",
    "Materi disampaikan oleh narasumber yang berkompeten di bidang {NPE} {NOBJ}.",
    "Para narasumber menekankan pentingnya {NPE} {NOBJ} yang {ADJ} dan bertanggung jawab.",
    "Peserta juga diajak berdiskusi mengenai tantangan {NPE} {NOBJ} di lingkungan masing-masing.",
    "{CONJ} koordinasi lintas sektor dinilai sebagai kunci keberhasilan {NPE} {NOBJ}.",
    "Kegiatan semacam ini dinilai efektif untuk {VKAN} {NKE} dan mencegah kesalahpahaman di tengah masyarakat.",
    "Pihak penyelenggara memastikan seluruh masukan peserta akan dihimpun dan dipelajari lebih lanjut.",
    "Beberapa peserta menyampaikan pengalaman mereka dalam {VKAN} {NPE} {NOBJ} di tingkat kelurahan.",
    "{ORGS} mencatat jumlah ormas yang terdaftar di {PLACE} terus bertambah setiap tahunnya.",
    "Pendataan ormas yang tertib {VDI} memudahkan pemerintah dalam {VKAN} {NPE} secara tepat.",
    "Perwakilan ormas mengapresiasi langkah {ORGS} yang dinilai terbuka dan mau mendengarkan aspirasi.",
    "{CONJ} semangat gotong royong harus terus dirawat agar {NKE} tidak mudah terpecah.",
    "Ia menambahkan, pihaknya terbuka terhadap kritik dan saran yang membangun dari masyarakat.",
    "Dalam waktu dekat, {ORGS} berencana menggelar kegiatan lanjutan dengan cakupan peserta yang lebih luas.",
    "Kegiatan ini juga dimanfaatkan untuk memperbarui data kepengurusan dan alamat sekretariat ormas.",
    "Menurut panitia, antusiasme peserta tahun ini jauh lebih tinggi dibandingkan kegiatan sebelumnya.",
    "Ketersediaan informasi yang terbuka {VDI} mendorong partisipasi masyarakat dalam {NPE} {NOBJ}.",
    "{CONJ} ormas diminta tidak terprovokasi oleh informasi yang belum jelas kebenarannya.",
    "Sinergi antara pemerintah dan ormas terbukti mampu {VMEN} {NKE} di berbagai daerah.",
];

/// Openings of the first paragraph. Extra slots: {DATE}.
pub const LEADS: &[&str] = &[
    "{ORG} {VMEN} organisasi kemasyarakatan (ormas) di {PLACE} melalui kegiatan bertema {TOPIC} yang {VDI} di {VENUE}, {DATE}.",
    "{ORGS} kembali {VKAN} {NPE} {NOBJ} bersama {COUNT} organisasi kemasyarakatan di {VENUE}, {DATE}.",
    "Sebanyak {COUNT} organisasi kemasyarakatan di {PLACE} mengikuti kegiatan yang diselenggarakan {ORG} di {VENUE}, {DATE}.",
    "Dalam rangka {VKAN} {NPE} {NOBJ}, {ORG} menggelar pertemuan dengan ormas di {VENUE}, {DATE}.",
    "{ORG} terus berupaya {VKAN} {NKE} di {PLACE}. Salah satunya melalui kegiatan bersama ormas di {VENUE}, {DATE}.",
];

/// The words of an official's quote (no surrounding quotation marks).
pub const QUOTES: &[&str] = &[
    "Kami {VMEN} seluruh ormas untuk {VBER} dalam {NPE} {NOBJ}. {NKE} adalah modal utama kita",
    "Ormas adalah mitra strategis pemerintah. Marilah kita jaga {NKE} dan {NKE} di {PLACE}",
    "Kegiatan ini {VDI} dapat {VKAN} {NPE} {NOBJ} sehingga hasilnya dirasakan langsung oleh masyarakat",
    "Kami ingin memastikan {NPE} {NOBJ} berjalan {ADJ}. Karena itu, keterlibatan ormas sangatlah penting",
    "Tentunya kami sangat mengapresiasi kehadiran rekan-rekan ormas. Kebersamaan inilah yang harus terus dijaga",
    "Pemerintah tidak bisa bekerja sendiri. Kami membutuhkan dukungan ormas untuk {VKAN} {NPE} di {PLACE}",
    "Jadikanlah momentum ini untuk {VMEN} {NKE} dan {VKAN} {NPE} {NOBJ}",
    "Kami berharap ormas dapat {VI} aturan yang berlaku dan turut {VMEN} {NKE} di lingkungannya masing-masing",
    "Pada prinsipnya kami terbuka terhadap masukan. Silakan sampaikan melalui saluran resmi agar dapat kami tindak lanjuti",
    "{TOPIC} merupakan tanggung jawab bersama. Mari kita kawal bersama agar berjalan {ADJ}",
];

/// How a quote is attributed. {Q} is the quote, {WHO} the speaker, {ROLE} the role.
pub const ATTRIBUTIONS: &[&str] = &[
    "\"{Q},\" kata {WHO}, {ROLE}.",
    "\"{Q},\" ujar {WHO} selaku {ROLE}.",
    "{ROLE}, {WHO}, dalam sambutannya menyampaikan, \"{Q}.\"",
    "\"{Q},\" tegasnya.",
    "Menurut {WHO}, {ROLE}, \"{Q}.\"",
    "\"{Q},\" tutur {WHO}.",
    "{WHO} menegaskan bahwa pihaknya siap mendukung. \"{Q},\" ucapnya.",
];

/// Items of an occasional bulleted list.
pub const LIST_INTROS: &[&str] = &[
    "Adapun sejumlah poin yang disepakati dalam pertemuan tersebut antara lain:",
    "Beberapa hal yang dibahas dalam kegiatan ini meliputi:",
    "Materi yang disampaikan kepada peserta di antaranya:",
    "Sejumlah rekomendasi yang dihasilkan yaitu:",
];

pub const LIST_ITEMS: &[&str] = &[
    "{NPE} {NOBJ} secara {ADJ};",
    "{NPE} peran ormas dalam {VKAN} {NKE};",
    "{NPE} dan {NPE} {NOBJ} di tingkat kecamatan;",
    "komitmen bersama untuk {VMEN} {NKE} di {PLACE};",
    "tindak lanjut {NPE} {NOBJ} oleh perangkat daerah;",
    "mekanisme {NPE} dan {NPE} yang {ADJ};",
];

pub const CLOSINGS: &[&str] = &[
    "Informasi selengkapnya dapat dibaca pada [sumber berita]({URL}).",
    "Dokumentasi kegiatan dapat dilihat di [laman resmi]({URL}).",
    "Berita terkait: [{TITLE}]({URL}).",
];

/// Short editorial notes (`notes`).
pub const NOTES: &[&str] = &[
    "Sumber menyebut jumlah peserta berbeda di dua paragraf; dipakai angka pada judul.",
    "Tanggal kegiatan dihitung dari tanggal terbit berita karena sumber hanya menulis \"kemarin\".",
    "Nama sebagian ormas tidak disebutkan dalam sumber.",
    "Sumber kedua tidak lagi dapat diakses; arsip disimpan oleh redaksi.",
    "Jabatan pejabat mengikuti keterangan dalam sumber pada saat kegiatan.",
];

/// Openings of an ormas profile. {ORMAS} the name, {TOPIC} its fields, {DATE} "sejak 1982".
pub const PROFILE_LEADS: &[&str] = &[
    "{ORMAS} adalah organisasi kemasyarakatan yang berkedudukan di {PLACE} dan bergerak di bidang {TOPIC}.",
    "Didirikan {DATE}, {ORMAS} menghimpun warga yang peduli pada bidang {TOPIC} di {PLACE}.",
    "{ORMAS} merupakan wadah berhimpun masyarakat {PLACE} yang berfokus pada bidang {TOPIC} {DATE}.",
];

pub const PROFILE_SENTENCES: &[&str] = &[
    "Organisasi ini {VBER} dalam {NPE} {NOBJ} di {PLACE}.",
    "Dalam menjalankan programnya, {ORGS} {VBER} dengan pemerintah daerah dan berbagai elemen masyarakat.",
    "Kegiatan rutin yang dilaksanakan antara lain {NPE} {NOBJ}, {NPE} anggota, serta {NPE} {NOBJ}.",
    "{ORGS} berkomitmen {VKAN} {NKE} dan {VMEN} {NKE} di tengah masyarakat.",
    "Kepengurusan organisasi diperbarui secara berkala melalui musyawarah anggota.",
    "Keanggotaan {ORGS} terbuka bagi warga yang memiliki kepedulian terhadap {NKE} dan {NPE} {NOBJ}.",
    "Organisasi ini tercatat aktif mengikuti kegiatan yang diselenggarakan oleh Badan Kesatuan Bangsa dan Politik setempat.",
    "Sejumlah program {NPE} {NOBJ} telah dilaksanakan bersama mitra dari unsur pemerintah dan swasta.",
    "{CONJ} {ORGS} {VDI} terus {VKAN} {NPE} yang {ADJ}.",
    "Pendanaan kegiatan bersumber dari iuran anggota, sumbangan yang tidak mengikat, dan hibah pemerintah daerah sesuai ketentuan.",
    "Para pengurusnya berasal dari beragam latar belakang dan dikenal aktif {VKAN} {NPE} {NOBJ}.",
];

/// Openings of a partnership description. {ORGS} the agency, {ORMAS} an ormas, {TOPIC} the title.
pub const PARTNERSHIP_LEADS: &[&str] = &[
    "Dokumen ini mencatat {TOPIC} yang ditandatangani oleh {ORGS} dan {ORMAS}.",
    "{ORGS} dan {ORMAS} menyepakati kerja sama yang tertuang dalam {TOPIC}.",
];

pub const PARTNERSHIP_SENTENCES: &[&str] = &[
    "Kerja sama ini bertujuan {VKAN} {NPE} {NOBJ} di {PLACE}.",
    "Para pihak sepakat untuk {VMEN} {NKE} dan {VKAN} {NPE} secara {ADJ}.",
    "Ruang lingkup kesepakatan meliputi {NPE} {NOBJ}, {NPE} kapasitas, serta {NPE} dan {NPE}.",
    "Pelaksanaan kesepakatan {VDI} dievaluasi secara berkala oleh kedua belah pihak.",
    "Penerima wajib menyampaikan laporan {NPE} {NOBJ} paling lambat tiga bulan setelah kegiatan berakhir.",
    "Dana yang diterima wajib digunakan sesuai rencana anggaran biaya yang telah disepakati.",
    "Hasil pelaksanaan {VDI} dapat {VKAN} {NKE} masyarakat {PLACE}.",
];
