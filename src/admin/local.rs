//! The editor against the local checkout: `terbuka serve` answers the
//! CMS's local-repository protocol (the one `decap-server` speaks: a JSON
//! `POST` of `{action, params}`) on `/__terbuka/cms/api/v1`. Records the
//! form saves are written into `content/` (the preview rebuilds them at
//! once) and committed to the repository with the CMS's commit message,
//! so a local edit is a commit like one made on GitHub.
//!
//! Unlike `decap-server` it moves only the file that moves (an activity
//! whose year changed), never its neighbours, and it refuses any path
//! outside the content folder.

use std::path::{Component, Path, PathBuf};
use std::process::Command;
use std::sync::Mutex;

use serde_json::{Value, json};
use xxhash_rust::xxh3::xxh3_64;

/// The extensions of files the editor may read and write.
const EXTENSIONS: [&str; 3] = ["md", "yaml", "yml"];

/// Answers the CMS for one repository.
#[derive(Debug)]
pub struct LocalBackend {
    /// Root of the git work tree (the CMS's paths are relative to it).
    repo: PathBuf,
    /// The content folder, the only place it writes.
    content: PathBuf,
    /// Whether `repo` is a git work tree (else files are written only).
    git: bool,
    /// One change at a time, so commits never interleave.
    lock: Mutex<()>,
}

/// An answer: HTTP status and JSON body.
pub type Answer = (u16, Value);

impl LocalBackend {
    /// The backend for a content folder: its repository is the git work
    /// tree around it, or (outside git) the folder above it.
    pub fn new(content_dir: &Path) -> Self {
        let content = content_dir.canonicalize().unwrap_or_else(|_| content_dir.to_path_buf());
        let toplevel = Command::new("git")
            .arg("-C")
            .arg(&content)
            .args(["rev-parse", "--show-toplevel"])
            .output()
            .ok()
            .filter(|o| o.status.success())
            .map(|o| PathBuf::from(String::from_utf8_lossy(&o.stdout).trim()));
        let git = toplevel.is_some();
        let repo = toplevel
            .and_then(|p| p.canonicalize().ok())
            .unwrap_or_else(|| content.parent().unwrap_or(&content).to_path_buf());
        Self { repo, content, git, lock: Mutex::new(()) }
    }

    /// Handles one request body.
    pub fn handle(&self, body: &[u8]) -> Answer {
        let request: Value = match serde_json::from_slice(body) {
            Ok(v) => v,
            Err(e) => return fail(400, format!("the request is not JSON: {e}")),
        };
        let params = &request["params"];
        let result = match request["action"].as_str().unwrap_or("") {
            "info" => Ok(json!({
                "repo": self.repo.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default(),
                "publish_modes": ["simple"],
                "type": "local_git",
            })),
            "entriesByFolder" => self.entries_by_folder(params),
            "entriesByFiles" => {
                let files = params["files"].as_array().cloned().unwrap_or_default();
                Ok(Value::Array(
                    files.iter().map(|f| self.entry(f["path"].as_str().unwrap_or(""), f.get("label"))).collect(),
                ))
            }
            "getEntry" => Ok(self.entry(params["path"].as_str().unwrap_or(""), None)),
            "persistEntry" => self.persist(params),
            "deleteFile" => self.delete(&[params["path"].as_str().unwrap_or("")], params),
            "deleteFiles" => {
                let paths: Vec<&str> =
                    params["paths"].as_array().into_iter().flatten().filter_map(Value::as_str).collect();
                self.delete(&paths, params)
            }
            // Records carry no uploads.
            "getMedia" => Ok(json!([])),
            "getDeployPreview" => Ok(Value::Null),
            other => Err((422, format!("the local editor does not support `{other}`"))),
        };
        match result {
            Ok(v) => (200, v),
            Err((code, message)) => fail(code, message),
        }
    }

    /// Resolves a path the CMS names, refusing anything outside the content
    /// folder or of another kind of file.
    fn resolve(&self, rel: &str) -> Result<PathBuf, (u16, String)> {
        let path = Path::new(rel);
        let plain = path.components().all(|c| matches!(c, Component::Normal(_)));
        let full = self.repo.join(path);
        let ext_ok = path.extension().and_then(|e| e.to_str()).is_some_and(|e| EXTENSIONS.contains(&e));
        if !plain || !full.starts_with(&self.content) || !ext_ok {
            return Err((403, format!("`{rel}` is not a record file inside the content folder")));
        }
        Ok(full)
    }

    fn entry(&self, rel: &str, label: Option<&Value>) -> Value {
        let data = self.resolve(rel).ok().and_then(|p| std::fs::read(p).ok());
        let id = data.as_ref().map(|d| Value::String(format!("{:016x}", xxh3_64(d))));
        let mut file = json!({"path": rel, "id": id});
        if let Some(label) = label {
            file["label"] = label.clone();
        }
        json!({"data": data.map(|d| String::from_utf8_lossy(&d).into_owned()), "file": file})
    }

    fn entries_by_folder(&self, params: &Value) -> Result<Value, (u16, String)> {
        let folder = params["folder"].as_str().unwrap_or("");
        let extension = params["extension"].as_str().unwrap_or("");
        let depth = params["depth"].as_u64().unwrap_or(1) as usize;
        let dir = self.repo.join(folder);
        if !dir.starts_with(&self.content) || !Path::new(folder).components().all(|c| matches!(c, Component::Normal(_)))
        {
            return Err((403, format!("`{folder}` is not inside the content folder")));
        }
        let mut paths: Vec<String> = walkdir::WalkDir::new(&dir)
            .max_depth(depth)
            .sort_by_file_name()
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file() && e.path().to_string_lossy().ends_with(extension))
            .filter_map(|e| e.path().strip_prefix(&self.repo).ok().map(|p| p.to_string_lossy().replace('\\', "/")))
            .collect();
        paths.sort();
        Ok(Value::Array(paths.iter().map(|p| self.entry(p, None)).collect()))
    }

    fn persist(&self, params: &Value) -> Result<Value, (u16, String)> {
        if params["assets"].as_array().is_some_and(|a| !a.is_empty()) {
            return Err((422, "records carry no uploaded files; link to documents by their address".into()));
        }
        let files: Vec<Value> = match params.get("dataFiles").and_then(Value::as_array) {
            Some(list) => list.clone(),
            None => vec![params["entry"].clone()],
        };
        let _guard = self.lock.lock().unwrap_or_else(|e| e.into_inner());
        let mut touched = Vec::new();
        for file in &files {
            let rel = file["path"].as_str().unwrap_or("");
            let raw = file["raw"].as_str().ok_or((400, format!("no text for `{rel}`")))?;
            let path = self.resolve(rel)?;
            write_file(&path, raw.as_bytes())?;
            touched.push(rel.to_string());
            if let Some(new_rel) = file.get("newPath").and_then(Value::as_str) {
                let new_path = self.resolve(new_rel)?;
                if let Some(parent) = new_path.parent() {
                    std::fs::create_dir_all(parent).map_err(io_error)?;
                }
                std::fs::rename(&path, &new_path).map_err(io_error)?;
                touched.push(new_rel.to_string());
            }
        }
        let message = params["options"]["commitMessage"].as_str().unwrap_or("Perbarui catatan lewat editor");
        self.commit(&touched, message)?;
        Ok(json!({"message": "entry persisted"}))
    }

    fn delete(&self, paths: &[&str], params: &Value) -> Result<Value, (u16, String)> {
        let _guard = self.lock.lock().unwrap_or_else(|e| e.into_inner());
        for rel in paths {
            let path = self.resolve(rel)?;
            match std::fs::remove_file(&path) {
                Ok(()) => {}
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => return Err(io_error(e)),
            }
        }
        let message = params["options"]["commitMessage"].as_str().unwrap_or("Hapus catatan lewat editor");
        let touched: Vec<String> = paths.iter().map(|p| p.to_string()).collect();
        self.commit(&touched, message)?;
        Ok(json!({"message": format!("deleted {}", paths.join(", "))}))
    }

    /// Commits exactly `paths` (added, changed or removed), leaving
    /// anything else the user has staged or changed alone.
    fn commit(&self, paths: &[String], message: &str) -> Result<(), (u16, String)> {
        if !self.git || paths.is_empty() {
            return Ok(());
        }
        self.git(&[&["add", "-A", "--"], &as_strs(paths)[..]].concat())?;
        let mut args: Vec<&str> = Vec::new();
        // A fresh machine may have no git identity; the commit still needs one.
        let configured = self.git(&["config", "user.email"]).is_ok();
        if !configured {
            args.extend(["-c", "user.name=Editor Terbuka", "-c", "user.email=editor@terbuka.invalid"]);
        }
        args.extend(["commit", "--quiet", "--no-verify", "-m", message, "--"]);
        args.extend(as_strs(paths));
        self.git(&args).map(|_| ())
    }

    fn git(&self, args: &[&str]) -> Result<String, (u16, String)> {
        let out = Command::new("git")
            .arg("-C")
            .arg(&self.repo)
            .args(args)
            .output()
            .map_err(|e| (500, format!("cannot run git: {e}")))?;
        if out.status.success() {
            Ok(String::from_utf8_lossy(&out.stdout).into_owned())
        } else {
            Err((500, format!("git {}: {}", args.join(" "), String::from_utf8_lossy(&out.stderr).trim())))
        }
    }
}

fn as_strs(v: &[String]) -> Vec<&str> {
    v.iter().map(String::as_str).collect()
}

/// Writes through a temporary file, so the preview never reads half a record.
fn write_file(path: &Path, bytes: &[u8]) -> Result<(), (u16, String)> {
    let parent = path.parent().ok_or((400, "no folder".to_string()))?;
    std::fs::create_dir_all(parent).map_err(io_error)?;
    let mut tmp = tempfile::NamedTempFile::new_in(parent).map_err(io_error)?;
    std::io::Write::write_all(&mut tmp, bytes).map_err(io_error)?;
    tmp.persist(path).map_err(|e| io_error(e.error))?;
    Ok(())
}

fn io_error(e: std::io::Error) -> (u16, String) {
    (500, e.to_string())
}

fn fail(code: u16, message: String) -> Answer {
    (code, json!({"error": message}))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_paths_outside_the_content_folder() {
        let tmp = tempfile::tempdir().unwrap();
        let content = tmp.path().join("content");
        std::fs::create_dir_all(content.join("ormas")).unwrap();
        let backend = LocalBackend::new(&content);
        assert!(backend.resolve("content/ormas/a.md").is_ok());
        assert!(backend.resolve("content/../secret.md").is_err());
        assert!(backend.resolve("/etc/passwd.md").is_err());
        assert!(backend.resolve("content/ormas/a.sh").is_err());
        assert!(backend.resolve("other/a.md").is_err());
    }
}
