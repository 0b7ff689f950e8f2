//! Fetching the static JSON contract: one place, typed errors.

use gloo_net::http::Request;
use masthead_model::{decode, ArchiveIndex, DecodeError, Latest, MonthShard, Post, Site, YearMonth};
use serde::de::DeserializeOwned;

/// Why a file could not be shown. The reader is told which of these happened.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ApiError {
    #[error("The network is unreachable or the server did not answer ({file}).")]
    Network { file: String },
    #[error("{file} does not exist on the server.")]
    NotFound { file: String },
    #[error("The server answered {file} with an error (HTTP {status}).")]
    Http { file: String, status: u16 },
    #[error("{0}")]
    Decode(String),
}

impl ApiError {
    /// What the reader can do about it.
    pub fn hint(&self) -> &'static str {
        match self {
            ApiError::Network { .. } => "Check your connection, then try again.",
            ApiError::Http { status, .. } if *status >= 500 || *status == 429 => {
                "The server is having trouble. Try again in a moment."
            }
            ApiError::NotFound { .. } | ApiError::Http { .. } => "The file may have moved. Try again later.",
            ApiError::Decode(_) => "The publication's data is damaged; the editors need to fix it.",
        }
    }
}

/// The address of a file of the contract on the host.
pub fn content_url(file: &str) -> String {
    masthead_model::url::content_path(file)
}

/// Fetches and decodes one file of the contract.
pub async fn fetch_json<T: DeserializeOwned>(file: String) -> Result<T, ApiError> {
    let response =
        Request::get(&content_url(&file)).send().await.map_err(|_| ApiError::Network { file: file.clone() })?;
    let status = response.status();
    if status == 404 || status == 410 {
        return Err(ApiError::NotFound { file });
    }
    if !(200..300).contains(&status) {
        return Err(ApiError::Http { file, status });
    }
    // Many static hosts answer a missing file with the app's index.html and status 200.
    let content_type = response.headers().get("content-type").unwrap_or_default();
    if content_type.contains("text/html") {
        return Err(ApiError::NotFound { file });
    }
    let text = response.text().await.map_err(|_| ApiError::Network { file: file.clone() })?;
    decode(&file, &text).map_err(|e| match e {
        DecodeError::NotJson { file } => ApiError::NotFound { file },
        other => ApiError::Decode(other.to_string()),
    })
}

pub async fn site() -> Result<Site, ApiError> {
    fetch_json("site.json".into()).await
}

pub async fn latest() -> Result<Latest, ApiError> {
    fetch_json("latest.json".into()).await
}

pub async fn archive_index() -> Result<ArchiveIndex, ApiError> {
    fetch_json("archive/index.json".into()).await
}

pub async fn month(month: YearMonth) -> Result<MonthShard, ApiError> {
    fetch_json(format!("archive/{}", month.shard_file())).await
}

/// `slug` must already be checked with `masthead_model::url::is_valid_slug`.
pub async fn post(slug: String) -> Result<Post, ApiError> {
    fetch_json(format!("posts/{slug}.json")).await
}
