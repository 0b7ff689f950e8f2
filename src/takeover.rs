//! The takeover: the app, mounted apart from the page the builder wrote (the same
//! components, rendered into its HTML), swaps in for it in one frame once it has the whole
//! page, so the reader never sees a change. What the reader did meanwhile carries over: the
//! scroll position (the two lay out alike), the focus, a text selection, what was typed in
//! a form and a form sent early (public/boot.js held it); a click under way (pressed, not
//! yet released) finishes on the written page first. Part of the binary (`main.rs`), not
//! the library: the browser is its only place.

use std::cell::RefCell;
use std::rc::Rc;
use std::sync::atomic::Ordering;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// Before each frame is painted, checks whether the app has the whole page yet (its main
/// column has content and nothing on the page is still loading or failed); at the first
/// frame it has, the page the builder wrote goes and the app shows, so no frame shows
/// neither. If the app never gets there (a file failed to load, or it failed to start),
/// the written page simply stays, complete, its links plain links. The closure lives as long as the
/// page (it holds itself), which is one small allocation per visit.
pub fn swap_when_ready(shell: web_sys::Element, live: web_sys::HtmlElement) {
    type Frame = Rc<RefCell<Option<Closure<dyn FnMut()>>>>;
    let frame: Frame = Rc::new(RefCell::new(None));
    let again = frame.clone();
    *frame.borrow_mut() = Some(Closure::new(move || {
        let has = |selector: &str| live.query_selector(selector).ok().flatten().is_some();
        // A file that failed (or that the app takes for missing) leaves the written page,
        // whole, in place of the app's notice; where the written page is only a placeholder
        // (the archive), or the reader has sent a form, the app shows what it has.
        let written = |selector: &str| shell.query_selector(selector).ok().flatten().is_some();
        let failed = has(".notice--error") || (has(".missing") && !written(".missing"));
        // The written page may not be this address's own (a host answered with another),
        // or not this view of it (the archive is written unfiltered).
        let location = web_sys::window().map(|w| w.location());
        let here = location.as_ref().and_then(|l| l.pathname().ok()).map(|p| masthead::paths::site_path(&p));
        let filtered = here.as_deref().map(|h| h.trim_end_matches('/')) == Some(masthead::paths::ARCHIVE_PATH)
            && location.and_then(|l| l.search().ok()).is_some_and(|s| s.len() > 1);
        let elsewhere = filtered
            || shell.query_selector("main[data-path]").ok().flatten().and_then(|m| m.get_attribute("data-path"))
                != here;
        let settled = elsewhere || written(".loading") || written("form[data-waiting]") || !failed;
        // Not between a press on the written page and its release (whenever the press
        // began): the click would find its target gone.
        let pressing = written(":active");
        if has("main > *")
            && has(".sidebar")
            && !has("[aria-busy='true'], .archive-item--loading")
            && settled
            && !pressing
        {
            carry_over(&shell, &live);
            // Should it fail, the written page stays and the app never shows.
            let _ = shell.replace_with_with_node_1(&live);
        } else if let (Some(window), Some(callback)) = (web_sys::window(), again.borrow().as_ref()) {
            let _ = window.request_animation_frame(callback.as_ref().unchecked_ref());
        }
    }));
    let first = frame.borrow();
    if let (Some(window), Some(callback)) = (web_sys::window(), first.as_ref()) {
        let _ = window.request_animation_frame(callback.as_ref().unchecked_ref());
    }
}

/// Where an element sits under `root`: the index among its parent's elements at each level.
/// The written page and the app's have the same elements (the same components made both),
/// whatever comments and text nodes lie between them.
fn path_of(root: &web_sys::Element, node: &web_sys::Node) -> Option<Vec<u32>> {
    let mut path = Vec::new();
    let mut element = match node.dyn_ref::<web_sys::Element>() {
        Some(e) => e.clone(),
        None => node.parent_element()?,
    };
    while !element.is_same_node(Some(root)) {
        let mut index = 0;
        let mut sibling = element.previous_element_sibling();
        while let Some(s) = sibling {
            index += 1;
            sibling = s.previous_element_sibling();
        }
        path.push(index);
        element = element.parent_element()?;
    }
    path.reverse();
    Some(path)
}

fn at_path(root: &web_sys::Element, path: &[u32]) -> Option<web_sys::Element> {
    let mut element = root.clone();
    for index in path {
        element = element.children().item(*index)?;
    }
    Some(element)
}

/// The character offset of (`node`, `offset`) within its element's text.
fn text_offset(node: &web_sys::Node, offset: u32) -> u32 {
    if node.dyn_ref::<web_sys::Element>().is_some() {
        // An offset between an element's children: count the text before that child.
        let mut count = 0;
        let children = node.child_nodes();
        for i in 0..offset {
            count += children.item(i).and_then(|c| c.text_content()).map_or(0, |t| t.encode_utf16().count() as u32);
        }
        return count;
    }
    let mut count = offset;
    let mut sibling = node.previous_sibling();
    while let Some(s) = sibling {
        count += s.text_content().map_or(0, |t| t.encode_utf16().count() as u32);
        sibling = s.previous_sibling();
    }
    count
}

/// The text node and offset at character `offset` of `element`'s text.
fn at_text_offset(element: &web_sys::Element, mut offset: u32) -> Option<(web_sys::Node, u32)> {
    let document = element.owner_document()?;
    // NodeFilter.SHOW_TEXT
    let walker = document.create_tree_walker_with_what_to_show(element, 4).ok()?;
    let mut last = None;
    while let Ok(Some(node)) = walker.next_node() {
        let length = node.text_content().map_or(0, |t| t.encode_utf16().count() as u32);
        if offset <= length {
            return Some((node, offset));
        }
        offset -= length;
        last = Some((node, length));
    }
    last
}

/// The focus, the selection and what was typed in the written page, onto the app's.
fn carry_over(shell: &web_sys::Element, live: &web_sys::HtmlElement) {
    let Some(document) = shell.owner_document() else { return };
    // Typed in a field: set on the app's field, and told to the app as the reader's input.
    if let Ok(fields) = shell.query_selector_all("input, textarea") {
        for i in 0..fields.length() {
            let Some(field) = fields.item(i) else { continue };
            let Some(target) = path_of(shell, &field).and_then(|p| at_path(live, &p)) else { continue };
            if let (Some(from), Some(to)) =
                (field.dyn_ref::<web_sys::HtmlInputElement>(), target.dyn_ref::<web_sys::HtmlInputElement>())
            {
                // Only what the reader changed: each field as first drawn is the app's too.
                let (event, changed) = if matches!(from.type_().as_str(), "checkbox" | "radio") {
                    ("change", from.checked() != from.default_checked())
                } else {
                    ("input", from.value() != from.default_value())
                };
                if changed {
                    to.set_checked(from.checked());
                    to.set_value(&from.value());
                    if let Ok(ev) = web_sys::Event::new_with_event_init_dict(event, &{
                        let init = web_sys::EventInit::new();
                        init.set_bubbles(true);
                        init
                    }) {
                        let _ = to.dispatch_event(&ev);
                    }
                }
            }
        }
    }
    // A choice made in a list (the archive's filters): as first drawn, a list shows the
    // option marked `selected`, else its first.
    if let Ok(lists) = shell.query_selector_all("select") {
        for i in 0..lists.length() {
            let Some(list) = lists.item(i).and_then(|n| n.dyn_into::<web_sys::HtmlSelectElement>().ok()) else {
                continue;
            };
            let Some(target) = path_of(shell, &list)
                .and_then(|p| at_path(live, &p))
                .and_then(|t| t.dyn_into::<web_sys::HtmlSelectElement>().ok())
            else {
                continue;
            };
            let first =
                list.query_selector("option[selected]").ok().flatten().or(list.query_selector("option").ok().flatten());
            let default = first.and_then(|o| o.get_attribute("value")).unwrap_or_default();
            if list.value() != default {
                target.set_value(&list.value());
                if let Ok(ev) = web_sys::Event::new_with_event_init_dict("change", &{
                    let init = web_sys::EventInit::new();
                    init.set_bubbles(true);
                    init
                }) {
                    let _ = target.dispatch_event(&ev);
                }
            }
        }
    }
    // A form sent before the app was ready (public/boot.js held it): the app sends it.
    let waiting: Vec<Vec<u32>> = shell
        .query_selector_all("form[data-waiting]")
        .ok()
        .map(|forms| (0..forms.length()).filter_map(|i| path_of(shell, &forms.item(i)?)).collect())
        .unwrap_or_default();
    let selection = document.get_selection().ok().flatten().filter(|s| s.range_count() > 0 && !s.is_collapsed());
    let selected = selection.as_ref().and_then(|s| {
        let (anchor, focus) = (s.anchor_node()?, s.focus_node()?);
        if !shell.contains(Some(&anchor)) || !shell.contains(Some(&focus)) {
            return None;
        }
        let end = |node: &web_sys::Node, offset: u32| {
            let element = node.dyn_ref::<web_sys::Element>().cloned().or_else(|| node.parent_element())?;
            Some((path_of(shell, &element)?, text_offset(node, offset)))
        };
        Some((end(&anchor, s.anchor_offset())?, end(&focus, s.focus_offset())?))
    });
    let focused = document.active_element().filter(|e| shell.contains(Some(e))).and_then(|e| path_of(shell, &e));
    let live = live.clone();
    let restore = move || {
        if let Some(element) = focused.and_then(|p| at_path(&live, &p)) {
            if let Some(element) = element.dyn_ref::<web_sys::HtmlElement>() {
                let options = web_sys::FocusOptions::new();
                options.set_prevent_scroll(true);
                let _ = element.focus_with_options(&options);
            }
        }
        for path in &waiting {
            if let Some(form) = at_path(&live, path).and_then(|f| f.dyn_into::<web_sys::HtmlFormElement>().ok()) {
                // Sent as the written page's, whose reader the app did not see typing (the
                // form's submit handler runs within the request).
                masthead::components::newsletter::SENT_ON_WRITTEN_PAGE.store(true, Ordering::Relaxed);
                let _ = form.request_submit();
                masthead::components::newsletter::SENT_ON_WRITTEN_PAGE.store(false, Ordering::Relaxed);
            }
        }
        if let (Some(selection), Some(((anchor, a), (focus, f)))) = (selection, selected) {
            let point = |path: &[u32], offset| at_text_offset(&at_path(&live, path)?, offset);
            if let (Some((an, ao)), Some((fo, fof))) = (point(&anchor, a), point(&focus, f)) {
                let _ = selection.set_base_and_extent(&an, ao, &fo, fof);
            }
        }
    };
    // Focus and selection need the app's page laid out: after the swap, in this frame.
    if let Some(window) = web_sys::window() {
        let callback = Closure::once_into_js(restore);
        window.queue_microtask(callback.unchecked_ref());
    }
}
