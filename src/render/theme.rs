//! Loads a theme: Tera templates, static assets and string catalogues, from
//! a folder or from the default theme built into the binary.

use std::collections::BTreeMap;
use std::path::Path;

use include_dir::{Dir, include_dir};
use walkdir::WalkDir;
use xxhash_rust::xxh3::xxh3_64;

static DEFAULT_THEME: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/themes/default");

/// A theme's files, by path relative to the theme folder.
#[derive(Debug, Clone, Default)]
pub struct Theme {
    /// `templates/<name>` sources, keyed by `<name>`.
    pub templates: BTreeMap<String, String>,
    /// `static/<name>` files, keyed by `<name>`.
    pub assets: BTreeMap<String, Vec<u8>>,
    /// `data/<name>` files (string catalogues such as the editor's
    /// `data/editor.yaml`), keyed by `<name>`; never copied to the site.
    pub data: BTreeMap<String, Vec<u8>>,
    /// `i18n/<language>.yaml` string catalogues, keyed by file name
    /// (`en.yaml`); read by [`super::i18n::Catalogue`], never copied.
    pub i18n: BTreeMap<String, Vec<u8>>,
}

impl Theme {
    /// The default theme compiled into the binary.
    pub fn builtin() -> Self {
        fn walk(dir: &Dir<'static>, theme: &mut Theme) {
            for file in dir.files() {
                let path = file.path().to_string_lossy().replace('\\', "/");
                theme.insert(&path, file.contents().to_vec());
            }
            for sub in dir.dirs() {
                walk(sub, theme);
            }
        }
        let mut theme = Theme::default();
        walk(&DEFAULT_THEME, &mut theme);
        theme
    }

    /// A theme folder on disk (`themes/default`).
    pub fn from_dir(dir: &Path) -> std::io::Result<Self> {
        let mut theme = Theme::default();
        for entry in WalkDir::new(dir).sort_by_file_name() {
            let entry = entry.map_err(std::io::Error::other)?;
            if entry.file_type().is_file() {
                let rel = entry.path().strip_prefix(dir).unwrap_or(entry.path());
                let rel = rel.to_string_lossy().replace('\\', "/");
                theme.insert(&rel, std::fs::read(entry.path())?);
            }
        }
        Ok(theme)
    }

    fn insert(&mut self, rel: &str, bytes: Vec<u8>) {
        if let Some(name) = rel.strip_prefix("templates/") {
            self.templates.insert(name.to_string(), String::from_utf8_lossy(&bytes).into_owned());
        } else if let Some(name) = rel.strip_prefix("static/") {
            self.assets.insert(name.to_string(), bytes);
        } else if let Some(name) = rel.strip_prefix("data/") {
            self.data.insert(name.to_string(), bytes);
        } else if let Some(name) = rel.strip_prefix("i18n/") {
            self.i18n.insert(name.to_string(), bytes);
        }
    }

    /// Output path of an asset with a content hash in its name
    /// (`assets/style.3f9a1c2b.css`), so hosts can cache it forever.
    pub fn asset_path(name: &str, bytes: &[u8]) -> String {
        let hash = format!("{:016x}", xxh3_64(bytes));
        match name.rsplit_once('.') {
            Some((stem, ext)) => format!("assets/{stem}.{}.{ext}", &hash[..10]),
            None => format!("assets/{name}.{}", &hash[..10]),
        }
    }
}
