//! The static hosts the README names and their published limits: how many files a site
//! may have, how large it and each file may be, and whether the host serves precompressed
//! copies (`x.br`, `x.gz`) or compresses by itself. A build for a host is measured against
//! them, and each limit it exceeds is named.

use std::path::Path;

/// One host's limits (`None`: none published).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Host {
    /// The name `--host` takes.
    pub name: &'static str,
    /// As the host calls itself.
    pub label: &'static str,
    pub max_files: Option<u64>,
    pub max_site_bytes: Option<u64>,
    pub max_file_bytes: Option<u64>,
    /// It serves `x.br` and `x.gz` beside `x` when the browser takes them; otherwise the
    /// copies are only bytes to upload (the host compresses by itself).
    pub serves_precompressed: bool,
}

const MIB: u64 = 1024 * 1024;
const GB: u64 = 1024 * MIB;

/// Every host `--host` knows, as their documentation gives the limits (December 2026).
pub const HOSTS: &[Host] = &[
    Host {
        name: "github-pages",
        label: "GitHub Pages",
        max_files: None,
        max_site_bytes: Some(GB),
        max_file_bytes: Some(100 * MIB),
        serves_precompressed: false,
    },
    Host {
        name: "gitlab-pages",
        label: "GitLab Pages",
        max_files: Some(200_000),
        max_site_bytes: Some(GB),
        max_file_bytes: None,
        serves_precompressed: true,
    },
    Host {
        name: "cloudflare-pages",
        label: "Cloudflare Pages (paid plans)",
        max_files: Some(100_000),
        max_site_bytes: None,
        max_file_bytes: Some(25 * MIB),
        serves_precompressed: false,
    },
    Host {
        name: "cloudflare-pages-free",
        label: "Cloudflare Pages (free plan)",
        max_files: Some(20_000),
        max_site_bytes: None,
        max_file_bytes: Some(25 * MIB),
        serves_precompressed: false,
    },
    Host {
        name: "netlify",
        label: "Netlify",
        max_files: None,
        max_site_bytes: None,
        max_file_bytes: None,
        serves_precompressed: false,
    },
    Host {
        name: "s3",
        label: "S3 + CloudFront",
        max_files: None,
        max_site_bytes: None,
        max_file_bytes: None,
        serves_precompressed: true,
    },
];

/// The host named `name`, or the names there are.
pub fn host(name: &str) -> Result<&'static Host, String> {
    HOSTS.iter().find(|h| h.name == name).ok_or_else(|| {
        let names: Vec<&str> = HOSTS.iter().map(|h| h.name).collect();
        format!("no host is called {name:?}; the hosts are {}", names.join(", "))
    })
}

/// What a built site holds, as a host counts it: its files, their bytes, the largest.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Measure {
    pub files: u64,
    pub bytes: u64,
    pub largest: Option<(String, u64)>,
}

/// Measures `dist`: every file but the precompressed copies when the host does not serve
/// them (they would not be uploaded), and the builder's own dot files.
pub fn measure(dist: &Path, host: &Host) -> Measure {
    let mut m = Measure::default();
    crate::site::output::collect_files(dist, &mut |path| {
        let name = path.file_name().map(|n| n.to_string_lossy()).unwrap_or_default();
        let copy = name.ends_with(".br") || name.ends_with(".gz");
        if name.starts_with('.') || (copy && !host.serves_precompressed) {
            return;
        }
        let len = std::fs::metadata(path).map_or(0, |meta| meta.len());
        m.files += 1;
        m.bytes += len;
        if m.largest.as_ref().is_none_or(|(_, n)| len > *n) {
            let rel = path.strip_prefix(dist).unwrap_or(path).to_string_lossy().into_owned();
            m.largest = Some((rel, len));
        }
    });
    m
}

/// Each of the host's limits the site exceeds, in an editor's words.
pub fn exceeded(host: &Host, m: &Measure) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(max) = host.max_files.filter(|max| m.files > *max) {
        out.push(format!(
            "{} takes at most {} files in a site; this one has {} (see \"Hosts and their limits\" in the README)",
            host.label,
            thousands(max),
            thousands(m.files)
        ));
    }
    if let Some(max) = host.max_site_bytes.filter(|max| m.bytes > *max) {
        out.push(format!("{} takes a site of at most {}; this one is {}", host.label, size(max), size(m.bytes)));
    }
    if let (Some(max), Some((file, n))) = (host.max_file_bytes, &m.largest) {
        if *n > max {
            out.push(format!("{} takes files of at most {}; {file} is {}", host.label, size(max), size(*n)));
        }
    }
    out
}

fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn size(bytes: u64) -> String {
    if bytes >= GB {
        format!("{:.2} GB", bytes as f64 / GB as f64)
    } else {
        format!("{:.1} MB", bytes as f64 / MIB as f64)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_limit_a_site_exceeds_is_named_and_none_other() {
        let free = host("cloudflare-pages-free").unwrap();
        let m = Measure { files: 20_001, bytes: 2 * GB, largest: Some(("content/big.json".into(), 26 * MIB)) };
        assert_eq!(
            exceeded(free, &m),
            [
                "Cloudflare Pages (free plan) takes at most 20,000 files in a site; this one has 20,001 (see \"Hosts and their limits\" in the README)",
                "Cloudflare Pages (free plan) takes files of at most 25.0 MB; content/big.json is 26.0 MB",
            ]
        );
        let at_limits = Measure { files: 20_000, bytes: GB, largest: Some(("a".into(), 25 * MIB)) };
        assert!(exceeded(free, &at_limits).is_empty());
        assert!(exceeded(host("github-pages").unwrap(), &at_limits).is_empty());
        assert_eq!(
            exceeded(host("github-pages").unwrap(), &Measure { bytes: GB + 1, ..at_limits.clone() }),
            ["GitHub Pages takes a site of at most 1.00 GB; this one is 1.00 GB"]
        );
        assert!(exceeded(host("netlify").unwrap(), &m).is_empty());
        assert!(host("geocities").unwrap_err().contains("github-pages, gitlab-pages"));
    }

    #[test]
    fn precompressed_copies_count_only_where_the_host_serves_them() {
        let dist = std::env::temp_dir().join(format!("masthead-hosts-{}", std::process::id()));
        std::fs::create_dir_all(dist.join("a")).unwrap();
        std::fs::write(dist.join("index.html"), "0123456789").unwrap();
        std::fs::write(dist.join("index.html.br"), "01234").unwrap();
        std::fs::write(dist.join("a/index.html.gz"), "012345").unwrap();
        std::fs::write(dist.join(".masthead-build.lock"), "").unwrap();
        let github = measure(&dist, host("github-pages").unwrap());
        assert_eq!((github.files, github.bytes), (1, 10));
        let gitlab = measure(&dist, host("gitlab-pages").unwrap());
        assert_eq!((gitlab.files, gitlab.bytes), (3, 21));
        assert_eq!(gitlab.largest, Some(("index.html".into(), 10)));
        std::fs::remove_dir_all(&dist).unwrap();
    }
}
