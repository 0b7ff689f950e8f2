//! Where signups go, `[newsletter.provider]` in the site settings: the kinds, their raw
//! form as written, and the checks made when the site is built and when the app reads it.
//! How each provider is spoken to is `signup::provider`.

use serde::{Deserialize, Serialize};

use crate::url::{check_endpoint, host_of, query_value};

/// Where signups go, from `[newsletter.provider]` in the site settings.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", try_from = "RawProvider")]
pub enum Provider {
    /// POST of a JSON document to an endpoint that speaks Masthead's signup webhook
    /// (docs/CONTRACT.md), such as `masthead-build signup-endpoint` or a serverless function.
    Json { endpoint: String },
    /// POST of the same fields form-encoded, for form back ends (Formspree, Basin, a CGI…).
    Form { endpoint: String },
    /// Buttondown's embed-subscribe form endpoint for the newsletter's username.
    Buttondown { username: String },
    /// Mailchimp's hosted signup form: the `action` address of its embedded form code,
    /// `https://<dc>.list-manage.com/subscribe/post?u=…&id=…`.
    Mailchimp { action: String },
    /// A Kit (ConvertKit) form: its id and the account's public API key (the public key is
    /// meant to be shown in pages; never put the secret key here).
    Kit { form_id: String, api_key: String },
}

/// `[newsletter.provider]` as written: read as one flat record, not through serde's
/// internally tagged enums, which buffer the value in a generic tree first (a large part
/// of the reader's wasm for five small settings).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawProvider {
    kind: String,
    endpoint: Option<String>,
    username: Option<String>,
    action: Option<String>,
    form_id: Option<String>,
    api_key: Option<String>,
}

impl TryFrom<RawProvider> for Provider {
    type Error = String;
    fn try_from(raw: RawProvider) -> Result<Self, String> {
        let RawProvider { kind, endpoint, username, action, form_id, api_key } = raw;
        let wanted: &[&str] = match kind.as_str() {
            "json" | "form" => &["endpoint"],
            "buttondown" => &["username"],
            "mailchimp" => &["action"],
            "kit" => &["form_id", "api_key"],
            other => {
                return Err(format!(
                    "unknown variant `{other}`, expected one of `json`, `form`, `buttondown`, `mailchimp`, `kit`"
                ))
            }
        };
        let fields = [
            ("endpoint", endpoint),
            ("username", username),
            ("action", action),
            ("form_id", form_id),
            ("api_key", api_key),
        ];
        for (name, value) in &fields {
            match (wanted.contains(name), value.is_some()) {
                (true, false) => return Err(format!("missing field `{name}`")),
                (false, true) => {
                    let expected: Vec<String> = wanted.iter().map(|f| format!("`{f}`")).collect();
                    return Err(format!("unknown field `{name}`, expected `kind`, {}", expected.join(", ")));
                }
                _ => {}
            }
        }
        let [endpoint, username, action, form_id, api_key] = fields.map(|(_, value)| value.unwrap_or_default());
        Ok(match kind.as_str() {
            "json" => Provider::Json { endpoint },
            "form" => Provider::Form { endpoint },
            "buttondown" => Provider::Buttondown { username },
            "mailchimp" => Provider::Mailchimp { action },
            _ => Provider::Kit { form_id, api_key },
        })
    }
}

impl Provider {
    /// Checks the settings when the site is built and again when the app reads them.
    pub fn check(&self) -> Result<(), String> {
        match self {
            Provider::Json { endpoint } | Provider::Form { endpoint } => check_endpoint(endpoint),
            Provider::Buttondown { username } => {
                if !username.is_empty() && username.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_') {
                    Ok(())
                } else {
                    Err(format!("newsletter.provider.username {username:?} is not a Buttondown username"))
                }
            }
            Provider::Mailchimp { action } => {
                check_endpoint(action)?;
                let host = host_of(action).unwrap_or_default();
                if !host.ends_with(".list-manage.com") || !action.contains("/subscribe/post?") {
                    return Err(format!(
                        "newsletter.provider.action {action:?} is not a Mailchimp form action \
                         (https://<dc>.list-manage.com/subscribe/post?u=…&id=…)"
                    ));
                }
                match (query_value(action, "u"), query_value(action, "id")) {
                    (Some(_), Some(_)) => Ok(()),
                    _ => Err(format!("newsletter.provider.action {action:?} lacks its u= and id= parameters")),
                }
            }
            Provider::Kit { form_id, api_key } => {
                if form_id.is_empty() || !form_id.chars().all(|c| c.is_ascii_digit()) {
                    Err(format!("newsletter.provider.form_id {form_id:?} is not a Kit form id (digits)"))
                } else if api_key.trim().is_empty() {
                    Err("newsletter.provider.api_key is empty: give the Kit account's public API key".into())
                } else {
                    Ok(())
                }
            }
        }
    }
}
