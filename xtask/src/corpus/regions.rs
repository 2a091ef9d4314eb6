//! The region table: all 38 provinces with their Kemendagri codes, and a handful of
//! kabupaten/kota each (real codes and names where known, plausible ones elsewhere).

/// `(code, name, UTC offset in hours, kabupaten/kota)`. Kabupaten/kota are listed largest
/// first: the first gets the full set of agencies, the later ones fewer.
pub type ProvinceRow = (&'static str, &'static str, i8, &'static [(&'static str, &'static str)]);

pub const PROVINCES: &[ProvinceRow] = &[
    (
        "11",
        "Aceh",
        7,
        &[
            ("11.71", "Kota Banda Aceh"),
            ("11.06", "Kabupaten Aceh Besar"),
            ("11.72", "Kota Sabang"),
            ("11.73", "Kota Langsa"),
            ("11.74", "Kota Lhokseumawe"),
            ("11.03", "Kabupaten Aceh Timur"),
        ],
    ),
    (
        "12",
        "Sumatera Utara",
        7,
        &[
            ("12.75", "Kota Medan"),
            ("12.07", "Kabupaten Deli Serdang"),
            ("12.73", "Kota Pematangsiantar"),
            ("12.76", "Kota Binjai"),
            ("12.71", "Kota Sibolga"),
            ("12.01", "Kabupaten Nias"),
        ],
    ),
    (
        "13",
        "Sumatera Barat",
        7,
        &[
            ("13.71", "Kota Padang"),
            ("13.75", "Kota Bukittinggi"),
            ("13.76", "Kota Payakumbuh"),
            ("13.01", "Kabupaten Kepulauan Mentawai"),
            ("13.77", "Kota Pariaman"),
        ],
    ),
    (
        "14",
        "Riau",
        7,
        &[
            ("14.71", "Kota Pekanbaru"),
            ("14.73", "Kota Dumai"),
            ("14.06", "Kabupaten Kampar"),
            ("14.05", "Kabupaten Siak"),
            ("14.04", "Kabupaten Pelalawan"),
        ],
    ),
    (
        "15",
        "Jambi",
        7,
        &[
            ("15.71", "Kota Jambi"),
            ("15.05", "Kabupaten Muaro Jambi"),
            ("15.01", "Kabupaten Kerinci"),
            ("15.72", "Kota Sungai Penuh"),
        ],
    ),
    (
        "16",
        "Sumatera Selatan",
        7,
        &[
            ("16.71", "Kota Palembang"),
            ("16.03", "Kabupaten Muara Enim"),
            ("16.72", "Kota Prabumulih"),
            ("16.74", "Kota Lubuklinggau"),
            ("16.04", "Kabupaten Lahat"),
        ],
    ),
    (
        "17",
        "Bengkulu",
        7,
        &[
            ("17.71", "Kota Bengkulu"),
            ("17.02", "Kabupaten Rejang Lebong"),
            ("17.01", "Kabupaten Bengkulu Selatan"),
            ("17.03", "Kabupaten Bengkulu Utara"),
        ],
    ),
    (
        "18",
        "Lampung",
        7,
        &[
            ("18.71", "Kota Bandar Lampung"),
            ("18.72", "Kota Metro"),
            ("18.03", "Kabupaten Lampung Selatan"),
            ("18.05", "Kabupaten Lampung Tengah"),
            ("18.04", "Kabupaten Lampung Timur"),
        ],
    ),
    (
        "19",
        "Kepulauan Bangka Belitung",
        7,
        &[
            ("19.71", "Kota Pangkalpinang"),
            ("19.01", "Kabupaten Bangka"),
            ("19.02", "Kabupaten Belitung"),
            ("19.04", "Kabupaten Bangka Tengah"),
        ],
    ),
    (
        "21",
        "Kepulauan Riau",
        7,
        &[
            ("21.71", "Kota Batam"),
            ("21.72", "Kota Tanjungpinang"),
            ("21.01", "Kabupaten Karimun"),
            ("21.02", "Kabupaten Bintan"),
            ("21.03", "Kabupaten Natuna"),
        ],
    ),
    (
        "31",
        "DKI Jakarta",
        7,
        &[
            ("31.71", "Kota Administrasi Jakarta Pusat"),
            ("31.75", "Kota Administrasi Jakarta Timur"),
            ("31.72", "Kota Administrasi Jakarta Utara"),
            ("31.73", "Kota Administrasi Jakarta Barat"),
            ("31.74", "Kota Administrasi Jakarta Selatan"),
            ("31.01", "Kabupaten Administrasi Kepulauan Seribu"),
        ],
    ),
    (
        "32",
        "Jawa Barat",
        7,
        &[
            ("32.73", "Kota Bandung"),
            ("32.75", "Kota Bekasi"),
            ("32.76", "Kota Depok"),
            ("32.71", "Kota Bogor"),
            ("32.01", "Kabupaten Bogor"),
            ("32.04", "Kabupaten Bandung"),
            ("32.05", "Kabupaten Garut"),
            ("32.74", "Kota Cirebon"),
        ],
    ),
    (
        "33",
        "Jawa Tengah",
        7,
        &[
            ("33.74", "Kota Semarang"),
            ("33.72", "Kota Surakarta"),
            ("33.02", "Kabupaten Banyumas"),
            ("33.01", "Kabupaten Cilacap"),
            ("33.73", "Kota Salatiga"),
            ("33.76", "Kota Tegal"),
        ],
    ),
    (
        "34",
        "DI Yogyakarta",
        7,
        &[
            ("34.71", "Kota Yogyakarta"),
            ("34.04", "Kabupaten Sleman"),
            ("34.02", "Kabupaten Bantul"),
            ("34.03", "Kabupaten Gunungkidul"),
            ("34.01", "Kabupaten Kulon Progo"),
        ],
    ),
    (
        "35",
        "Jawa Timur",
        7,
        &[
            ("35.78", "Kota Surabaya"),
            ("35.73", "Kota Malang"),
            ("35.07", "Kabupaten Malang"),
            ("35.71", "Kota Kediri"),
            ("35.72", "Kota Blitar"),
            ("35.02", "Kabupaten Ponorogo"),
            ("35.01", "Kabupaten Pacitan"),
        ],
    ),
    (
        "36",
        "Banten",
        7,
        &[
            ("36.71", "Kota Tangerang"),
            ("36.74", "Kota Tangerang Selatan"),
            ("36.03", "Kabupaten Tangerang"),
            ("36.72", "Kota Cilegon"),
            ("36.73", "Kota Serang"),
            ("36.04", "Kabupaten Serang"),
            ("36.01", "Kabupaten Pandeglang"),
            ("36.02", "Kabupaten Lebak"),
        ],
    ),
    (
        "51",
        "Bali",
        8,
        &[
            ("51.71", "Kota Denpasar"),
            ("51.03", "Kabupaten Badung"),
            ("51.04", "Kabupaten Gianyar"),
            ("51.02", "Kabupaten Tabanan"),
            ("51.01", "Kabupaten Jembrana"),
        ],
    ),
    (
        "52",
        "Nusa Tenggara Barat",
        8,
        &[
            ("52.71", "Kota Mataram"),
            ("52.01", "Kabupaten Lombok Barat"),
            ("52.02", "Kabupaten Lombok Tengah"),
            ("52.03", "Kabupaten Lombok Timur"),
            ("52.72", "Kota Bima"),
        ],
    ),
    (
        "53",
        "Nusa Tenggara Timur",
        8,
        &[
            ("53.71", "Kota Kupang"),
            ("53.03", "Kabupaten Kupang"),
            ("53.02", "Kabupaten Sumba Timur"),
            ("53.01", "Kabupaten Sumba Barat"),
        ],
    ),
    (
        "61",
        "Kalimantan Barat",
        7,
        &[
            ("61.71", "Kota Pontianak"),
            ("61.72", "Kota Singkawang"),
            ("61.01", "Kabupaten Sambas"),
            ("61.04", "Kabupaten Mempawah"),
        ],
    ),
    (
        "62",
        "Kalimantan Tengah",
        7,
        &[
            ("62.71", "Kota Palangka Raya"),
            ("62.02", "Kabupaten Kotawaringin Timur"),
            ("62.01", "Kabupaten Kotawaringin Barat"),
            ("62.03", "Kabupaten Kapuas"),
        ],
    ),
    (
        "63",
        "Kalimantan Selatan",
        8,
        &[
            ("63.71", "Kota Banjarmasin"),
            ("63.72", "Kota Banjarbaru"),
            ("63.03", "Kabupaten Banjar"),
            ("63.01", "Kabupaten Tanah Laut"),
            ("63.02", "Kabupaten Kotabaru"),
        ],
    ),
    (
        "64",
        "Kalimantan Timur",
        8,
        &[
            ("64.72", "Kota Samarinda"),
            ("64.71", "Kota Balikpapan"),
            ("64.74", "Kota Bontang"),
            ("64.03", "Kabupaten Kutai Kartanegara"),
            ("64.04", "Kabupaten Kutai Timur"),
            ("64.05", "Kabupaten Berau"),
            ("64.01", "Kabupaten Paser"),
        ],
    ),
    (
        "65",
        "Kalimantan Utara",
        8,
        &[
            ("65.71", "Kota Tarakan"),
            ("65.02", "Kabupaten Bulungan"),
            ("65.04", "Kabupaten Nunukan"),
            ("65.01", "Kabupaten Malinau"),
        ],
    ),
    (
        "71",
        "Sulawesi Utara",
        8,
        &[
            ("71.71", "Kota Manado"),
            ("71.72", "Kota Bitung"),
            ("71.73", "Kota Tomohon"),
            ("71.02", "Kabupaten Minahasa"),
            ("71.01", "Kabupaten Bolaang Mongondow"),
        ],
    ),
    (
        "72",
        "Sulawesi Tengah",
        8,
        &[
            ("72.71", "Kota Palu"),
            ("72.05", "Kabupaten Donggala"),
            ("72.04", "Kabupaten Poso"),
            ("72.02", "Kabupaten Banggai"),
            ("72.03", "Kabupaten Morowali"),
        ],
    ),
    (
        "73",
        "Sulawesi Selatan",
        8,
        &[
            ("73.71", "Kota Makassar"),
            ("73.06", "Kabupaten Gowa"),
            ("73.72", "Kota Parepare"),
            ("73.73", "Kota Palopo"),
            ("73.02", "Kabupaten Bulukumba"),
            ("73.05", "Kabupaten Takalar"),
        ],
    ),
    (
        "74",
        "Sulawesi Tenggara",
        8,
        &[
            ("74.71", "Kota Kendari"),
            ("74.72", "Kota Baubau"),
            ("74.03", "Kabupaten Konawe"),
            ("74.04", "Kabupaten Kolaka"),
            ("74.02", "Kabupaten Muna"),
        ],
    ),
    (
        "75",
        "Gorontalo",
        8,
        &[
            ("75.71", "Kota Gorontalo"),
            ("75.02", "Kabupaten Gorontalo"),
            ("75.04", "Kabupaten Bone Bolango"),
            ("75.01", "Kabupaten Boalemo"),
            ("75.03", "Kabupaten Pohuwato"),
        ],
    ),
    (
        "76",
        "Sulawesi Barat",
        8,
        &[
            ("76.02", "Kabupaten Mamuju"),
            ("76.04", "Kabupaten Polewali Mandar"),
            ("76.05", "Kabupaten Majene"),
            ("76.03", "Kabupaten Mamasa"),
            ("76.01", "Kabupaten Pasangkayu"),
        ],
    ),
    (
        "81",
        "Maluku",
        9,
        &[
            ("81.71", "Kota Ambon"),
            ("81.72", "Kota Tual"),
            ("81.03", "Kabupaten Maluku Tengah"),
            ("81.04", "Kabupaten Buru"),
        ],
    ),
    (
        "82",
        "Maluku Utara",
        9,
        &[
            ("82.71", "Kota Ternate"),
            ("82.72", "Kota Tidore Kepulauan"),
            ("82.01", "Kabupaten Halmahera Barat"),
            ("82.02", "Kabupaten Halmahera Tengah"),
        ],
    ),
    (
        "91",
        "Papua",
        9,
        &[
            ("91.71", "Kota Jayapura"),
            ("91.03", "Kabupaten Jayapura"),
            ("91.06", "Kabupaten Biak Numfor"),
            ("91.05", "Kabupaten Kepulauan Yapen"),
        ],
    ),
    (
        "92",
        "Papua Barat",
        9,
        &[
            ("92.02", "Kabupaten Manokwari"),
            ("92.03", "Kabupaten Fakfak"),
            ("92.05", "Kabupaten Teluk Wondama"),
            ("92.06", "Kabupaten Teluk Bintuni"),
        ],
    ),
    (
        "93",
        "Papua Selatan",
        9,
        &[
            ("93.01", "Kabupaten Merauke"),
            ("93.02", "Kabupaten Boven Digoel"),
            ("93.03", "Kabupaten Mappi"),
            ("93.04", "Kabupaten Asmat"),
        ],
    ),
    (
        "94",
        "Papua Tengah",
        9,
        &[
            ("94.01", "Kabupaten Nabire"),
            ("94.04", "Kabupaten Mimika"),
            ("94.03", "Kabupaten Paniai"),
            ("94.02", "Kabupaten Puncak Jaya"),
        ],
    ),
    (
        "95",
        "Papua Pegunungan",
        9,
        &[
            ("95.01", "Kabupaten Jayawijaya"),
            ("95.03", "Kabupaten Yahukimo"),
            ("95.02", "Kabupaten Pegunungan Bintang"),
            ("95.04", "Kabupaten Tolikara"),
        ],
    ),
    (
        "96",
        "Papua Barat Daya",
        9,
        &[
            ("96.71", "Kota Sorong"),
            ("96.01", "Kabupaten Sorong"),
            ("96.03", "Kabupaten Raja Ampat"),
            ("96.02", "Kabupaten Sorong Selatan"),
        ],
    ),
];

/// One region of the generated world.
pub struct Region {
    pub code: &'static str,
    pub name: &'static str,
    /// The name without "Kota"/"Kabupaten"/"Kota Administrasi": "Tangerang".
    pub short: &'static str,
    /// Index of the province in the region list (itself for a province).
    pub province: usize,
    pub is_province: bool,
    pub is_kota: bool,
    /// Position among its province's kabupaten/kota (0 = the largest); 0 for a province.
    pub rank: usize,
    pub utc_offset: i8,
}

fn short_name(name: &'static str) -> &'static str {
    for prefix in ["Kota Administrasi ", "Kabupaten Administrasi ", "Kota ", "Kabupaten "] {
        if let Some(rest) = name.strip_prefix(prefix) {
            return rest;
        }
    }
    name
}

/// Provinces and their kabupaten/kota, each province followed by its children.
pub fn all() -> Vec<Region> {
    let mut out = Vec::new();
    for &(code, name, tz, children) in PROVINCES {
        let province = out.len();
        out.push(Region {
            code,
            name,
            short: name,
            province,
            is_province: true,
            is_kota: false,
            rank: 0,
            utc_offset: tz,
        });
        for (k, &(code, name)) in children.iter().enumerate() {
            out.push(Region {
                code,
                name,
                short: short_name(name),
                province,
                is_province: false,
                is_kota: name.starts_with("Kota"),
                rank: k,
                utc_offset: tz,
            });
        }
    }
    out
}
