//! The topic list (`topics.yaml`): ids, Indonesian and English names, and the years each fits.

pub struct Topic {
    pub id: &'static str,
    pub name: &'static str,
    pub name_en: &'static str,
    /// First and last year an activity may carry this topic.
    pub years: (i32, i32),
    /// An election topic: preferred when KPU or Bawaslu organises.
    pub election: bool,
}

const fn t(id: &'static str, name: &'static str, name_en: &'static str) -> Topic {
    Topic { id, name, name_en, years: (2019, 2026), election: false }
}

const fn e(id: &'static str, name: &'static str, name_en: &'static str, from: i32, to: i32) -> Topic {
    Topic { id, name, name_en, years: (from, to), election: true }
}

pub const TOPICS: &[Topic] = &[
    e("pemilu-2019", "Pemilu 2019", "2019 General Election", 2019, 2019),
    e("pilkada-2020", "Pilkada Serentak 2020", "2020 Regional Elections", 2020, 2020),
    e("pemilu-2024", "Pemilu 2024", "2024 General Election", 2023, 2024),
    e("pilkada-2024", "Pilkada Serentak 2024", "2024 Regional Elections", 2024, 2024),
    e("pengawasan-partisipatif", "Pengawasan Partisipatif", "Participatory Election Monitoring", 2019, 2026),
    e("politik-uang", "Pencegahan Politik Uang", "Preventing Vote Buying", 2019, 2026),
    e("netralitas-asn", "Netralitas ASN", "Civil Service Neutrality", 2019, 2026),
    e("pemilih-pemula", "Pendidikan Pemilih Pemula", "First-time Voter Education", 2019, 2026),
    e("pemutakhiran-data-pemilih", "Pemutakhiran Data Pemilih", "Voter Roll Updating", 2019, 2026),
    t("wawasan-kebangsaan", "Wawasan Kebangsaan", "National Awareness"),
    t("moderasi-beragama", "Moderasi Beragama", "Religious Moderation"),
    t("pencegahan-radikalisme", "Pencegahan Radikalisme dan Terorisme", "Preventing Radicalism and Terrorism"),
    t("anti-narkoba", "Pencegahan Penyalahgunaan Narkoba", "Drug Abuse Prevention"),
    t("penanggulangan-bencana", "Penanggulangan Bencana", "Disaster Management"),
    t("lingkungan-hidup", "Lingkungan Hidup", "Environment"),
    t("pemberdayaan-ekonomi", "Pemberdayaan Ekonomi Masyarakat", "Community Economic Empowerment"),
    t("umkm", "Usaha Mikro, Kecil, dan Menengah", "Micro, Small and Medium Enterprises"),
    t("ketahanan-pangan", "Ketahanan Pangan", "Food Security"),
    t("kesehatan-masyarakat", "Kesehatan Masyarakat", "Public Health"),
    t("stunting", "Percepatan Penurunan Stunting", "Stunting Reduction"),
    Topic {
        id: "covid-19",
        name: "Penanganan COVID-19",
        name_en: "COVID-19 Response",
        years: (2020, 2022),
        election: false,
    },
    t("pendidikan-karakter", "Pendidikan Karakter", "Character Education"),
    t("kepemudaan", "Kepemudaan", "Youth Affairs"),
    t("pemberdayaan-perempuan", "Pemberdayaan Perempuan", "Women's Empowerment"),
    t("perlindungan-anak", "Perlindungan Anak", "Child Protection"),
    t("kerukunan-umat-beragama", "Kerukunan Umat Beragama", "Interfaith Harmony"),
    t("ketertiban-umum", "Ketertiban Umum", "Public Order"),
    t("kamtibmas", "Keamanan dan Ketertiban Masyarakat", "Community Security and Order"),
    t("deteksi-dini", "Deteksi Dini Konflik Sosial", "Early Detection of Social Conflict"),
    t("penanganan-konflik-sosial", "Penanganan Konflik Sosial", "Social Conflict Management"),
    t("hibah-ormas", "Hibah untuk Ormas", "Grants to Civil-society Organisations"),
    t("pendaftaran-ormas", "Pendaftaran dan Administrasi Ormas", "Registration of Civil-society Organisations"),
    t("akuntabilitas-hibah", "Akuntabilitas Dana Hibah", "Grant Accountability"),
    t("transparansi-anggaran", "Transparansi Anggaran", "Budget Transparency"),
    t("pelayanan-publik", "Pelayanan Publik", "Public Services"),
    t("literasi-digital", "Literasi Digital", "Digital Literacy"),
    t("hoaks", "Penanggulangan Hoaks", "Countering Hoaxes"),
    t("ujaran-kebencian", "Pencegahan Ujaran Kebencian", "Preventing Hate Speech"),
    t("bela-negara", "Bela Negara", "National Defence Awareness"),
    t("pancasila", "Pembinaan Ideologi Pancasila", "Pancasila Ideology"),
    t("budaya-daerah", "Pelestarian Budaya Daerah", "Regional Culture"),
    t("pariwisata", "Pariwisata", "Tourism"),
    t("olahraga", "Olahraga Masyarakat", "Community Sports"),
    t("bantuan-sosial", "Bantuan Sosial", "Social Assistance"),
    t("gotong-royong", "Gotong Royong", "Mutual Cooperation"),
    t("sampah", "Pengelolaan Sampah", "Waste Management"),
    t("ham", "Hak Asasi Manusia", "Human Rights"),
    t("anti-korupsi", "Pencegahan Korupsi", "Corruption Prevention"),
];
