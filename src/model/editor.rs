//! `site.yaml`'s `editor:` block: where the web editor (`/admin/`) commits
//! the records staff write in its forms.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Settings of the web editor served at `/admin/`. Every field is
/// optional: without `repo` the editor page explains how to connect one,
/// and `terbuka serve` still edits the local checkout.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EditorSettings {
    /// Write `/admin/` into the built site (default true); `false` leaves
    /// the editor out.
    #[serde(default = "yes")]
    pub enabled: bool,
    /// Where the repository is hosted (default `github`).
    #[serde(default)]
    pub host: GitHost,
    /// The repository, `owner/name` (for GitLab `group/subgroup/name`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub repo: Option<String>,
    /// Branch the site is built from (default `main`).
    #[serde(default = "default_branch")]
    pub branch: String,
    /// Records go through a pull (merge) request that a reviewer accepts,
    /// instead of straight onto the branch (default true).
    #[serde(default = "yes")]
    pub review: bool,
    /// Address of the sign-in (OAuth) service: GitHub needs one (see
    /// docs/editing.md); for a self-hosted GitLab or Gitea, its address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub auth_url: Option<String>,
    /// API address of a self-hosted GitLab or Gitea
    /// (`https://git.example.go.id/api/v4`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub api_url: Option<String>,
    /// OAuth application id (GitLab, Gitea): sign-in without a server.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub app_id: Option<String>,
    /// Folder of `content/` inside the repository (default `content`).
    #[serde(default = "default_content_path")]
    pub content_path: String,
}

impl Default for EditorSettings {
    fn default() -> Self {
        Self {
            enabled: true,
            host: GitHost::default(),
            repo: None,
            branch: default_branch(),
            review: true,
            auth_url: None,
            api_url: None,
            app_id: None,
            content_path: default_content_path(),
        }
    }
}

/// Git hosts the editor can commit to.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum GitHost {
    /// github.com or GitHub Enterprise.
    #[default]
    Github,
    /// gitlab.com or a self-hosted GitLab.
    Gitlab,
    /// A self-hosted Gitea or Forgejo.
    Gitea,
}

impl GitHost {
    /// The name the CMS knows the backend by.
    pub fn backend(self) -> &'static str {
        match self {
            Self::Github => "github",
            Self::Gitlab => "gitlab",
            Self::Gitea => "gitea",
        }
    }
}

fn yes() -> bool {
    true
}

fn default_branch() -> String {
    "main".into()
}

fn default_content_path() -> String {
    "content".into()
}
