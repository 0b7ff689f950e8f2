//! The written newsletter forms, pointed at the provider where it takes a plain form post
//! (`Provider::plain_form`: a form back end, Mailchimp, Buttondown): the provider's address
//! as the form's `action` and its names for the fields, the browser's own checks in place of
//! the app's (which a page without JavaScript does not have), and no "needs JavaScript" note.
//! So the form works with no JavaScript at all, and public/boot.js lets a signup pressed
//! before the app has taken the page over go at once. The app renders the form the same for
//! every provider and sends every signup itself: none of this is in the reader's wasm.
//! Only the form's attributes change, and hidden fields come after its last element, so the
//! written form and the app's keep the same elements in the same places (src/main.rs).

use lol_html::html_content::ContentType;
use lol_html::{element, rewrite_str, RewriteStrSettings};
use masthead_model::signup::provider::{PlainForm, TRAP};
use masthead_model::{Newsletter, Topic};

use crate::site::html::escape;

/// The written forms' plain post, worked out once for the site: `None` where the provider
/// does not take one (or its settings are refused), and the pages keep the app's forms.
pub struct SignupForms {
    plain: PlainForm,
    topics: Vec<Topic>,
}

impl SignupForms {
    pub fn for_site(newsletter: &Newsletter) -> Option<Self> {
        let plain = newsletter.provider.as_ref().filter(|p| p.check().is_ok()).and_then(|p| p.plain_form())?;
        Some(SignupForms { plain, topics: newsletter.topics.clone() })
    }

    /// `markup` (the app's, for one page) with each newsletter form pointed at the provider.
    pub fn point(&self, markup: &str) -> String {
        // Only each form's own section is read again, not the whole page.
        let mut out = String::with_capacity(markup.len() + 512);
        let mut rest = markup;
        while let Some(form) = rest.find("class=\"newsletter__form\"") {
            let (Some(start), Some(end)) = (
                rest[..form].rfind("<section"),
                rest[form..].find("</section>").map(|e| form + e + "</section>".len()),
            ) else {
                break;
            };
            out.push_str(&rest[..start]);
            out.push_str(&rewrite(&rest[start..end], &self.plain, &self.topics));
            rest = &rest[end..];
        }
        out.push_str(rest);
        out
    }
}

fn rewrite(section: &str, plain: &PlainForm, topics: &[Topic]) -> String {
    let hidden: String = plain
        .fixed
        .iter()
        .map(|(name, value)| format!("<input type=\"hidden\" name=\"{}\" value=\"{}\">", escape(name), escape(value)))
        .collect();
    let settings = RewriteStrSettings::new()
        .append_element_content_handler(element!("form.newsletter__form", |el| {
            el.remove_attribute("novalidate");
            el.set_attribute("action", &amp(&plain.action))?;
            if plain.stamped {
                el.set_attribute("data-stamp", "")?;
            }
            el.append(&hidden, ContentType::Html);
            Ok(())
        }))
        .append_element_content_handler(element!("form.newsletter__form input[name]", |el| {
            let name = el.get_attribute("name").unwrap_or_default();
            match name.as_str() {
                "email" => el.set_attribute("name", plain.email)?,
                "first_name" => el.set_attribute("name", plain.first_name)?,
                "topics" => {
                    let id = el.get_attribute("value").unwrap_or_default();
                    let topic = topics.iter().find(|t| t.id == id).cloned().unwrap_or_else(|| Topic {
                        id: id.clone(),
                        name: id,
                        default: false,
                        provider_id: None,
                    });
                    let (name, value) = plain.topic_field(&topic);
                    el.set_attribute("name", &amp(&name))?;
                    el.set_attribute("value", &amp(&value))?;
                }
                "consent" => match plain.consent {
                    Some(consent) => el.set_attribute("name", consent)?,
                    None => el.remove_attribute("name"),
                },
                TRAP => el.set_attribute("name", &amp(&plain.trap))?,
                _ => {}
            }
            Ok(())
        }))
        // The form works without JavaScript: nothing to say about it.
        .append_element_content_handler(element!("form.newsletter__form noscript", |el| {
            el.set_inner_content("", ContentType::Html);
            Ok(())
        }));
    // The markup is the app's own; should it not parse, the form stays as the app wrote it.
    rewrite_str(section, settings).unwrap_or_else(|_| section.to_owned())
}

/// An attribute value as lol_html writes it (it escapes only the quote): with `&` written
/// as `&amp;`, so no `&copy=` in an address is read as a character.
fn amp(value: &str) -> String {
    value.replace('&', "&amp;")
}

#[cfg(test)]
mod tests {
    use super::*;
    use masthead_model::signup::provider::Provider;

    const FORM: &str = "<aside><section aria-labelledby=\"h\" class=\"newsletter sidebar__section\">\
        <form method=\"post\" novalidate=\"\" aria-describedby=\"s\" class=\"newsletter__form\">\
        <input name=\"email\" type=\"email\" required><input name=\"first_name\">\
        <input type=\"checkbox\" name=\"topics\" value=\"breaking\" checked><input type=\"checkbox\" name=\"topics\" value=\"deals\">\
        <input type=\"checkbox\" name=\"consent\" value=\"yes\" required>\
        <div class=\"newsletter__trap\"><input type=\"text\" name=\"website\"></div>\
        <noscript><p class=\"newsletter__noscript\">Signing up needs JavaScript, which is off in this browser.</p></noscript>\
        <button type=\"submit\">Sign up</button></form><div id=\"s\"></div></section></aside><p>after</p>";

    /// The page as the builder writes it for the site's newsletter.
    fn point_at_provider(markup: &str, newsletter: &Newsletter) -> String {
        SignupForms::for_site(newsletter).map_or_else(|| markup.to_owned(), |forms| forms.point(markup))
    }

    fn newsletter(provider: Provider) -> Newsletter {
        let topics = vec![
            Topic {
                id: "breaking".into(),
                name: "Breaking".into(),
                default: true,
                provider_id: Some("group[7][1]".into()),
            },
            Topic { id: "deals".into(), name: "Deals".into(), default: false, provider_id: None },
        ];
        Newsletter { pitch: "P".into(), topics, privacy_url: "/privacy".into(), provider: Some(provider) }
    }

    fn parse(html: &str) -> scraper::Html {
        scraper::Html::parse_fragment(html)
    }

    fn attr(doc: &scraper::Html, selector: &str, name: &str) -> Vec<Option<String>> {
        let s = scraper::Selector::parse(selector).unwrap();
        doc.select(&s).map(|e| e.value().attr(name).map(str::to_owned)).collect()
    }

    #[test]
    fn mailchimps_form_posts_to_its_action_with_its_names() {
        let action = "https://x.us1.list-manage.com/subscribe/post?u=ab&id=cd&copy=1";
        let out = point_at_provider(FORM, &newsletter(Provider::Mailchimp { action: action.into() }));
        let doc = parse(&out);
        assert_eq!(attr(&doc, "form", "action"), [Some(action.to_owned())], "{out}");
        assert!(out.contains("post?u=ab&amp;id=cd&amp;copy=1\""), "{out}");
        assert_eq!(attr(&doc, "form", "novalidate"), [None]);
        assert_eq!(attr(&doc, "input[type=email]", "name"), [Some("EMAIL".into())]);
        assert_eq!(
            attr(&doc, "input[type=checkbox]", "name"),
            [Some("group[7][1]".into()), Some("deals".into()), None],
            "{out}"
        );
        assert_eq!(attr(&doc, "input[type=checkbox]", "value")[0], Some("1".into()));
        assert_eq!(attr(&doc, ".newsletter__trap input", "name"), [Some("b_ab_cd".into())]);
        assert!(!out.contains("needs JavaScript"), "{out}");
        assert!(out.ends_with("</section></aside><p>after</p>"), "{out}");
    }

    #[test]
    fn buttondowns_fixed_fields_come_after_the_forms_last_element() {
        let out = point_at_provider(FORM, &newsletter(Provider::Buttondown { username: "circuit".into() }));
        assert!(
            out.contains(
                "<button type=\"submit\">Sign up</button><input type=\"hidden\" name=\"embed\" value=\"1\"></form>"
            ),
            "{out}"
        );
        let doc = parse(&out);
        assert_eq!(
            attr(&doc, "form", "action"),
            [Some("https://buttondown.com/api/emails/embed-subscribe/circuit".into())]
        );
        assert_eq!(attr(&doc, "input[type=checkbox]", "name"), [Some("tag".into()), Some("tag".into()), None]);
    }

    #[test]
    fn a_form_back_end_gets_the_stamps_and_the_json_webhook_nothing() {
        let endpoint = "https://forms.example/f/a\"b";
        let out =
            point_at_provider(FORM, &newsletter(Provider::Form { endpoint: "https://forms.example/f/ab".into() }));
        let doc = parse(&out);
        assert_eq!(attr(&doc, "form", "data-stamp"), [Some(String::new())]);
        assert_eq!(
            attr(&doc, "input[type=checkbox]", "name"),
            [Some("topics".into()), Some("topics".into()), Some("consent".into())]
        );
        assert_eq!(attr(&doc, "input[type=checkbox]", "value")[0], Some("group[7][1]".into()));
        // A setting the builder refuses points nowhere.
        assert_eq!(point_at_provider(FORM, &newsletter(Provider::Form { endpoint: endpoint.into() })), FORM);
        assert_eq!(
            point_at_provider(FORM, &newsletter(Provider::Json { endpoint: "https://x.example/s".into() })),
            FORM
        );
        assert_eq!(
            point_at_provider(FORM, &newsletter(Provider::Kit { form_id: "1".into(), api_key: "k".into() })),
            FORM
        );
    }
}
