//! A file of the contract as a page reads it: fetched in the browser; given whole when the
//! builder renders the page natively (src/render.rs), so the same components write the
//! page's static HTML with no request and no waiting.

use leptos::prelude::*;

use crate::api::ApiError;

/// One file of the contract: in the browser, a resource that fetches it; natively, the
/// value the builder gave (or none, for a file the page does not need).
pub struct Source<T: Send + Sync + 'static> {
    #[cfg(target_arch = "wasm32")]
    resource: LocalResource<Result<T, ApiError>>,
    #[cfg(not(target_arch = "wasm32"))]
    given: Option<StoredValue<T>>,
}

impl<T: Send + Sync + 'static> Clone for Source<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: Send + Sync + 'static> Copy for Source<T> {}

impl<T: Clone + Send + Sync + 'static> Source<T> {
    /// `fetch` in the browser; natively, what `pick` finds among the files given.
    pub fn new<Fut>(fetch: impl Fn() -> Fut + 'static, pick: impl FnOnce(&Given) -> Option<T>) -> Self
    where
        Fut: std::future::Future<Output = Result<T, ApiError>> + 'static,
    {
        #[cfg(target_arch = "wasm32")]
        {
            let _ = pick;
            Source { resource: LocalResource::new(fetch) }
        }
        #[cfg(not(target_arch = "wasm32"))]
        {
            let _ = fetch;
            Source { given: given(pick).map(StoredValue::new) }
        }
    }

    /// The file, once it is here (tracked in the browser).
    pub fn get(&self) -> Option<Result<T, ApiError>> {
        #[cfg(target_arch = "wasm32")]
        {
            self.resource.get()
        }
        #[cfg(not(target_arch = "wasm32"))]
        {
            self.given.map(|v| Ok(v.get_value()))
        }
    }

    /// Fetches the file again (Retry).
    pub fn refetch(&self) {
        #[cfg(target_arch = "wasm32")]
        self.resource.refetch();
    }

    /// The resource, for a `Suspense` to wait on.
    #[cfg(target_arch = "wasm32")]
    pub fn resource(&self) -> LocalResource<Result<T, ApiError>> {
        self.resource
    }
}

/// What the builder gives a page it renders natively: the files the browser would fetch.
#[derive(Clone, Debug, Default)]
pub struct Given {
    pub site: Option<masthead_model::Site>,
    pub latest: Option<masthead_model::Latest>,
    pub archive: Option<crate::api::Archive>,
    pub post: Option<masthead_model::Post>,
    pub page: Option<masthead_model::Page>,
    /// A list page's file (a month's, or a page of a term's), with its name under
    /// `/content/`.
    pub list: Option<(String, masthead_model::ListShard)>,
    /// The archive's list files its first page of stories needs (numbered as the explorer
    /// numbers them).
    pub lists: Vec<(u32, masthead_model::ListFile)>,
}

#[cfg(not(target_arch = "wasm32"))]
thread_local! {
    static GIVEN: std::cell::RefCell<Given> = std::cell::RefCell::new(Given::default());
}

/// Natively, the files given for the page being rendered (render.rs sets them).
#[cfg(not(target_arch = "wasm32"))]
pub fn given<T>(pick: impl FnOnce(&Given) -> Option<T>) -> Option<T> {
    GIVEN.with(|g| pick(&g.borrow()))
}

#[cfg(not(target_arch = "wasm32"))]
pub(crate) fn set_given(files: Given) {
    GIVEN.with(|g| *g.borrow_mut() = files);
}
