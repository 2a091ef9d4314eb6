//! `terbuka init DIR`: a new portal's repository, as `hugo new site` and
//! `zola init` make one: `content/` with `site.yaml` (name, address,
//! region, editor settings), `regions.yaml` with every province and
//! regency/city of Indonesia and its Kemendagri code, starter topics and
//! empty record folders; the CI workflow; a README for the team; and a git
//! repository, which the web editor commits to.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::model::Region;

/// Every province and regency/city, generated from the npm package
/// idn-area-data by `scripts/regions.mjs` (licence and version in its
/// header).
pub const REGIONS_YAML: &str = include_str!("regions.yaml");

/// The GitHub Actions workflow of a portal (also shown in docs/publishing.md).
pub const WORKFLOW: &str = include_str!("../../docs/github-workflow.yml");

/// Starter topics: common subjects of meetings between government and ormas.
const TOPICS_YAML: &str = include_str!("topics.yaml");

/// What `init` needs to know.
#[derive(Debug, Clone)]
pub struct InitOptions {
    /// Folder to create the portal in (empty or missing).
    pub dir: PathBuf,
    /// The portal's name (`Portal Transparansi Ormas Kota Tangerang`).
    pub title: String,
    /// Where it will be published (`https://ormas.tangerangkota.go.id/`).
    pub base_url: String,
    /// The portal's region: a Kemendagri code or a name (`36.71`, `Kota Tangerang`, `Banten`).
    pub region: String,
}

/// Why `init` failed.
#[derive(Debug, thiserror::Error)]
pub enum InitError {
    /// The folder already holds files.
    #[error("`{}` is not empty; `terbuka init` only writes into a new or empty folder", .0.display())]
    NotEmpty(PathBuf),
    /// The region is not a known province or regency/city.
    #[error(
        "`{0}` is not a province or regency/city of Indonesia; give its Kemendagri code (`36.71`) or its name (`Kota Tangerang`)"
    )]
    UnknownRegion(String),
    /// The address is not a web address.
    #[error("`{0}` is not a web address; write it like `https://ormas.example.go.id/`")]
    BadUrl(String),
    /// Writing failed.
    #[error("cannot write `{}`: {source}", path.display())]
    Write {
        /// The file.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
}

/// Every province and regency/city `init` knows.
pub fn regions() -> Vec<Region> {
    // The file is generated and checked by a test, so it always parses.
    serde_yaml::from_str(REGIONS_YAML).unwrap_or_default()
}

/// Finds a region by code or by name (case and "Kota"/"Kabupaten" exact).
pub fn find_region(query: &str) -> Option<Region> {
    let q = query.trim();
    let all = regions();
    all.iter()
        .find(|r| r.code.as_str() == q)
        .or_else(|| all.iter().find(|r| r.name.eq_ignore_ascii_case(q)))
        .or_else(|| {
            let mut hits = all.iter().filter(|r| r.name.to_lowercase().contains(&q.to_lowercase()));
            let first = hits.next();
            // Only an unambiguous part of a name.
            if hits.next().is_none() { first } else { None }
        })
        .cloned()
}

/// Creates the portal; returns the files written, relative to `dir`.
pub fn init(options: &InitOptions) -> Result<Vec<String>, InitError> {
    let dir = &options.dir;
    if dir.read_dir().is_ok_and(|mut d| d.next().is_some()) {
        return Err(InitError::NotEmpty(dir.clone()));
    }
    let region = find_region(&options.region).ok_or_else(|| InitError::UnknownRegion(options.region.clone()))?;
    let base_url = options.base_url.trim();
    if !(base_url.starts_with("https://") || base_url.starts_with("http://")) {
        return Err(InitError::BadUrl(base_url.to_string()));
    }
    let base_url = if base_url.ends_with('/') { base_url.to_string() } else { format!("{base_url}/") };
    let files: Vec<(String, String)> = vec![
        ("content/site.yaml".into(), site_yaml(&options.title, &base_url, &region)),
        ("content/regions.yaml".into(), REGIONS_YAML.into()),
        ("content/topics.yaml".into(), TOPICS_YAML.into()),
        (".github/workflows/portal.yml".into(), WORKFLOW.into()),
        (".gitignore".into(), "/public\n/.public.*\n/.terbuka\n".into()),
        ("README.md".into(), readme(&options.title)),
    ];
    let folders = crate::model::Collection::ALL.map(|c| format!("content/{}/.gitkeep", c.folder()));
    let mut written = Vec::new();
    for (rel, text) in
        files.iter().map(|(r, t)| (r.as_str(), t.as_str())).chain(folders.iter().map(|r| (r.as_str(), "")))
    {
        let path = dir.join(rel);
        let fail = |source| InitError::Write { path: path.clone(), source };
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(fail)?;
        }
        std::fs::write(&path, text).map_err(fail)?;
        written.push(rel.to_string());
    }
    git_init(dir);
    Ok(written)
}

/// Makes the folder a git repository with the files committed, when git
/// is installed and the folder is not inside a repository already.
fn git_init(dir: &Path) {
    let git = |args: &[&str]| Command::new("git").arg("-C").arg(dir).args(args).output();
    let inside = git(&["rev-parse", "--is-inside-work-tree"]).is_ok_and(|o| o.status.success());
    if inside || git(&["init", "--quiet", "-b", "main"]).is_err() {
        return;
    }
    let _ = git(&["add", "-A"]);
    let identity = git(&["config", "user.email"]).is_ok_and(|o| o.status.success());
    let mut args = vec![];
    if !identity {
        args.extend(["-c", "user.name=Terbuka", "-c", "user.email=init@terbuka.invalid"]);
    }
    args.extend(["commit", "--quiet", "-m", "Portal baru dari terbuka init"]);
    let _ = git(&args);
}

fn yaml_string(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_default()
}

fn site_yaml(title: &str, base_url: &str, region: &Region) -> String {
    format!(
        "# Pengaturan portal. Format: docs/content-model.md di repositori Terbuka.\n\
         title: {title}\n\
         base_url: {base_url}\n\
         language: id\n\
         description: >-\n  \
           Catatan pertemuan, sosialisasi, rapat koordinasi dan kemitraan antara\n  \
           pemerintah dan organisasi kemasyarakatan (ormas) di {name}.\n\
         # Wilayah portal ({name}): wilayah awal catatan baru di editor.\n\
         region: {code}\n\
         # Editor web di /admin/. Isi repo agar staf bisa masuk dan menyimpan\n\
         # (lihat docs/editing.md); enabled: false menghapus editor dari situs.\n\
         editor:\n  \
           host: github\n  \
           # repo: pemilik/nama-repositori\n  \
           branch: main\n  \
           review: true\n",
        title = yaml_string(title),
        base_url = yaml_string(base_url),
        name = region.name,
        code = yaml_string(region.code.as_str()),
    )
}

fn readme(title: &str) -> String {
    format!(
        "# {title}\n\n\
         Portal transparansi yang dibangun dengan [Terbuka](https://crates.io/crates/terbuka).\n\n\
         - `content/`: catatan kegiatan, ormas, instansi, tokoh dan kemitraan (YAML + Markdown);\n\
         - `terbuka serve`: pratinjau di http://127.0.0.1:8080/ dan editor di http://127.0.0.1:8080/admin/;\n\
         - `terbuka check`: memeriksa semua catatan; `terbuka build`: membangun situs ke `public/`;\n\
         - `.github/workflows/portal.yml`: memeriksa setiap pull request dan menerbitkan situs dari `main`.\n"
    )
}
