//! The search page, `/cari/`: the theme's `search.html` with the address
//! of the index manifest, and the static facet pages that serve readers
//! without JavaScript.

use serde::Serialize;

use crate::render::context::{Counted, PageMeta};
use crate::render::{Page, RenderError, Renderer};

/// Output path of the search page.
pub const PATH: &str = "cari/";

#[derive(Serialize)]
struct SearchPage {
    meta: PageMeta,
    manifest_url: String,
    years: Vec<Counted>,
    kinds: Vec<Counted>,
}

/// Renders `/cari/index.html` for an index whose manifest is at
/// `manifest_path`.
pub fn render(renderer: &Renderer, manifest_path: &str) -> Result<Vec<u8>, RenderError> {
    let urls = renderer.urls();
    let facets = renderer.facets();
    let counted = |name: String, page: Page, count: usize| Counted {
        name,
        url: urls.link(&renderer.path_of(&page)),
        count,
        detail: String::new(),
    };
    let page = SearchPage {
        meta: PageMeta {
            title: "Cari".into(),
            description: "Cari kegiatan, ormas, instansi dan tokoh; saring menurut wilayah, tahun, jenis kegiatan, instansi, ormas dan topik.".into(),
            canonical: urls.absolute(PATH),
            section: "",
            breadcrumbs: vec![],
            feed: None,
        },
        manifest_url: urls.link(manifest_path),
        years: facets.years.iter().map(|(y, list)| counted(y.to_string(), Page::Year(*y, 1), list.len())).collect(),
        kinds: facets.kinds.iter().map(|(k, list)| counted(k.label().into(), Page::Kind(*k, 1), list.len())).collect(),
    };
    let ctx = tera::Context::from_serialize(&page)
        .map_err(|e| RenderError::Template { template: "search.html".into(), message: e.to_string() })?;
    renderer.render_template("search.html", &ctx)
}
