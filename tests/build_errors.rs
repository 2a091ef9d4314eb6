//! Each class of bad record gives an error that names the file, the line,
//! the field and the fix, exits non-zero, and leaves the output untouched.

mod common;

use std::fs;
use std::path::Path;

use common::{copy_dir, fixture, terbuka};

/// A change that breaks the fixture, and what the error must say.
struct Case {
    name: &'static str,
    file: &'static str,
    from: &'static str,
    to: &'static str,
    /// `file:line` the message must point at.
    at: &'static str,
    /// Fragments the message must contain (field, problem, fix).
    says: &'static [&'static str],
}

const A: &str = "activities/2024/kpu-sosialisasi-pilkada.md";

const CASES: &[Case] = &[
    Case {
        name: "unknown field",
        file: A,
        from: "venue:",
        to: "venu:",
        at: ":7:",
        says: &["unknown field `venu`", "did you mean `venue`?"],
    },
    Case {
        name: "bad enum value",
        file: A,
        from: "kind: sosialisasi",
        to: "kind: sosialsasi",
        at: ":5:",
        says: &["`sosialsasi` is not an allowed value", "did you mean `sosialisasi`?"],
    },
    Case {
        name: "impossible date",
        file: A,
        from: "date: \"2024-07-12\"",
        to: "date: \"2024-02-30\"",
        at: ":3:",
        says: &["not a real date", "date"],
    },
    Case {
        name: "dangling agency",
        file: A,
        from: "organizers: [kpu-kota-tangerang]",
        to: "organizers: [kpu-kota-tangrang]",
        at: ":8:",
        says: &["there is no agency `kpu-kota-tangrang`", "did you mean `kpu-kota-tangerang`?", "organizers[0]"],
    },
    Case {
        name: "dangling ormas",
        file: A,
        from: "ormas: [bamus-betawi-1982, forum-pemuda-tangerang]",
        to: "ormas: [bamus-betawi-1982, forum-pemuda-tangerng]",
        at: ":10:",
        says: &[
            "there is no ormas `forum-pemuda-tangerng`",
            "did you mean `forum-pemuda-tangerang`?",
            "participants.ormas[1]",
        ],
    },
    Case {
        name: "dangling person",
        file: A,
        from: "person: qori-ayatullah",
        to: "person: qori",
        at: ":14:",
        says: &["there is no person `qori`", "officials[0].person"],
    },
    Case {
        name: "dangling topic",
        file: A,
        from: "topics: [pilkada-2024]",
        to: "topics: [pilkada2024]",
        at: ":18:",
        says: &["there is no topic `pilkada2024`", "did you mean `pilkada-2024`?"],
    },
    Case {
        name: "missing required field",
        file: A,
        from: "title: KPU Kota Tangerang Ajak Ormas Kawal Pilkada Serentak 2024\n",
        to: "",
        at: "kpu-sosialisasi-pilkada.md:",
        says: &["required field `title` is missing", "add a line `title: ...`"],
    },
    Case {
        name: "unquoted region code",
        file: A,
        from: "region: \"36.71\"",
        to: "region: 36.71",
        at: ":6:",
        says: &["put it in quotes", "region"],
    },
    Case {
        name: "unknown region",
        file: A,
        from: "region: \"36.71\"",
        to: "region: \"36.72\"",
        at: ":6:",
        says: &["there is no region `36.72`", "did you mean `36.71`?"],
    },
    Case {
        name: "year folder mismatch",
        file: A,
        from: "date: \"2024-07-12\"",
        to: "date: \"2023-07-12\"",
        at: ":3:",
        says: &["sits in `activities/2024/`", "move it to `activities/2023/kpu-sosialisasi-pilkada.md`"],
    },
    Case {
        name: "yaml syntax",
        file: A,
        from: "venue: Novotel Tangerang",
        to: "venue: [Novotel",
        at: "kpu-sosialisasi-pilkada.md:",
        says: &["kpu-sosialisasi-pilkada.md"],
    },
    Case {
        name: "no front matter",
        file: "ormas/forum-pemuda-tangerang.md",
        from: "---\nname",
        to: "name",
        at: "forum-pemuda-tangerang.md:1:",
        says: &["no front matter", "`---`"],
    },
    Case {
        name: "empty organizers",
        file: A,
        from: "organizers: [kpu-kota-tangerang]",
        to: "organizers: []",
        at: ":8:",
        says: &["at least one organising agency"],
    },
    Case {
        name: "non-web source url",
        file: A,
        from: "url: https://tangerangekspres.example.test/kpu",
        to: "url: javascript:alert(1)",
        at: ":20:",
        says: &["is not a web address", "https://"],
    },
    Case {
        name: "region without parent",
        file: "regions.yaml",
        from: "- {code: \"36\", name: Banten}\n",
        to: "",
        at: "regions.yaml:",
        says: &["lies in `36`, which is not listed"],
    },
    Case {
        name: "partnership without ormas",
        file: "partnerships/hibah-bamus-2024.md",
        from: "ormas: [bamus-betawi-1982, forum-pemuda-tangerang]",
        to: "ormas: []",
        at: ":5:",
        says: &["at least one agency and one ormas"],
    },
    Case {
        name: "agency parent loop",
        file: "agencies/pemkot-tangerang.yaml",
        from: "region: \"36.71\"",
        to: "region: \"36.71\"\nparent: kesbangpol-kota-tangerang",
        at: "pemkot-tangerang.yaml:5:",
        says: &["loops back"],
    },
];

/// Runs `terbuka build` on a broken copy of the fixture into an output
/// folder that already holds a site, and returns stderr.
fn build_broken(mutate: impl FnOnce(&Path)) -> (String, tempfile::TempDir) {
    let tmp = tempfile::tempdir().unwrap();
    let content = tmp.path().join("content");
    copy_dir(&fixture("site"), &content);
    mutate(&content);
    let public = tmp.path().join("public");
    fs::create_dir(&public).unwrap();
    fs::write(public.join("index.html"), "the old site").unwrap();
    let out = terbuka(tmp.path(), &["build"]);
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(!out.status.success(), "the build must fail:\n{stderr}");
    assert_eq!(fs::read_to_string(public.join("index.html")).unwrap(), "the old site");
    assert_eq!(fs::read_dir(&public).unwrap().count(), 1, "nothing added to public/");
    // The build cache may keep the records that parsed, for the next build.
    let leftovers: Vec<_> =
        fs::read_dir(tmp.path()).unwrap().map(|e| e.unwrap().file_name()).filter(|n| n != ".terbuka").collect();
    assert_eq!(leftovers.len(), 2, "no staging folder left behind: {leftovers:?}");
    (stderr, tmp)
}

fn replace(content: &Path, file: &str, from: &str, to: &str) {
    let path = content.join(file);
    let text = fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{file} does not contain {from:?}");
    fs::write(&path, text.replacen(from, to, 1)).unwrap();
}

#[test]
fn each_class_of_bad_record_is_reported_precisely_and_public_is_untouched() {
    for case in CASES {
        let (stderr, _tmp) = build_broken(|content| replace(content, case.file, case.from, case.to));
        let located = stderr.lines().any(|l| l.contains(case.file.rsplit('/').next().unwrap()) && l.contains(case.at));
        assert!(located, "{}: expected a pointer to {}{}\n{stderr}", case.name, case.file, case.at);
        for fragment in case.says {
            assert!(stderr.contains(fragment), "{}: missing {fragment:?}\n{stderr}", case.name);
        }
        assert!(stderr.contains("nothing was written"), "{}", case.name);
    }
}

#[test]
fn all_errors_of_a_build_are_reported_at_once() {
    let (stderr, _tmp) = build_broken(|content| {
        replace(content, A, "kind: sosialisasi", "kind: sosialsasi");
        replace(
            content,
            "activities/2024/jakpus-rapat-ormas.md",
            "organizers: [pemkot-jakarta-pusat]",
            "organizers: [pemkot-jakpus]",
        );
        replace(content, "ormas/zebra-cross-community.md", "status: dibekukan", "status: beku");
    });
    assert!(stderr.contains("`sosialsasi` is not an allowed value"), "{stderr}");
    assert!(stderr.contains("there is no agency `pemkot-jakpus`"), "{stderr}");
    assert!(stderr.contains("`beku` is not an allowed value"), "{stderr}");
    assert!(stderr.contains("3 error(s)"), "{stderr}");
}

#[test]
fn duplicate_ids_and_misplaced_files_are_errors() {
    let (stderr, _tmp) = build_broken(|content| {
        fs::create_dir_all(content.join("activities/2023")).unwrap();
        let dup = fs::read_to_string(content.join(A)).unwrap().replace("\"2024-07-12\"", "\"2023-07-12\"");
        fs::write(content.join("activities/2023/kpu-sosialisasi-pilkada.md"), dup).unwrap();
        fs::write(content.join("agencies/Bad Name.yaml"), "name: X\nkind: kpu\nregion: \"36\"\n").unwrap();
        fs::write(content.join("agencies/kpu-banten.yml"), "name: X\n").unwrap();
    });
    assert!(
        stderr.contains(
            "activity id `kpu-sosialisasi-pilkada` is also used by `activities/2023/kpu-sosialisasi-pilkada.md`"
        ),
        "{stderr}"
    );
    assert!(stderr.contains("rename the file to `bad-name.yaml`"), "{stderr}");
    assert!(stderr.contains("rename it to `kpu-banten.yaml`"), "{stderr}");
}

#[test]
fn check_validates_without_writing() {
    let tmp = tempfile::tempdir().unwrap();
    let content = tmp.path().join("content");
    copy_dir(&fixture("site"), &content);
    let ok = terbuka(tmp.path(), &["check"]);
    assert!(ok.status.success(), "{}", String::from_utf8_lossy(&ok.stderr));
    assert!(!tmp.path().join("public").exists());
    replace(&content, A, "kind: sosialisasi", "kind: sosialsasi");
    let bad = terbuka(tmp.path(), &["check"]);
    assert!(!bad.status.success());
    assert!(!tmp.path().join("public").exists());
}
