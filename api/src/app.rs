//! Assembles the actix `App`: routes, OpenAPI and docs, the fallbacks for unknown APIs, and the
//! middleware stack (request id outermost, then security headers and CORS).

use crate::{head_limits, request_id, routes, security, ApiError, AppState};
use actix_web::body::MessageBody;
use actix_web::dev::{ResourceDef, ServiceFactory, ServiceRequest, ServiceResponse};
use actix_web::middleware::from_fn;
use actix_web::web::{self, Data};
use actix_web::{App, HttpRequest, HttpResponse};
use std::sync::Arc;
use utoipa::openapi::OpenApi;
use utoipa_actix_web::AppExt;
use utoipa_swagger_ui::{Config, SwaggerUi};

/// The OpenAPI document exactly as the server serves it.
pub fn openapi_document() -> OpenApi {
    let (_, mut doc) = App::new()
        .into_utoipa_app()
        .openapi(openapi::base())
        .configure(routes::register)
        .split_for_parts();
    if let Some(c) = doc.components.as_mut() {
        c.schemas.extend(crate::wire::components());
    }
    openapi::finalize(doc)
}

/// Documented path patterns with their methods, to tell 405 from 404.
pub struct RouteTable(Vec<(ResourceDef, Vec<String>)>);

impl RouteTable {
    pub fn from_doc(doc: &OpenApi) -> Self {
        let mut table: Vec<(ResourceDef, Vec<String>)> = Vec::new();
        for (method, path) in openapi::operation_list(doc) {
            match table
                .iter_mut()
                .find(|(def, _)| def.pattern() == Some(path.as_str()))
            {
                Some((_, methods)) => methods.push(method),
                None => table.push((ResourceDef::new(path.as_str()), vec![method])),
            }
        }
        RouteTable(table)
    }

    /// The methods of the most specific pattern matching `path`: `/export` names the export
    /// route, not `/{opportunity_id}`, so a literal segment beats a parameter at the first
    /// position where two matching patterns differ.
    pub fn allowed(&self, path: &str) -> Option<&[String]> {
        self.0
            .iter()
            .filter(|(def, _)| def.is_match(path))
            .max_by_key(|(def, _)| specificity(def.pattern().unwrap_or_default()))
            .map(|(_, m)| m.as_slice())
    }
}

/// One flag a segment, `true` for a literal: compared lexicographically, literals win early.
fn specificity(pattern: &str) -> Vec<bool> {
    pattern.split('/').map(|s| !s.starts_with('{')).collect()
}

async fn unrouted(req: HttpRequest, table: Data<RouteTable>) -> HttpResponse {
    let err = match table.allowed(req.path()) {
        Some(methods) => ApiError::MethodNotAllowed(methods.to_vec()),
        None => ApiError::RouteNotFound,
    };
    err.into_response()
}

/// `/openapi.json` whole; the docs page on its browser copy (see `openapi::docs_page`), with the
/// operation filter on and the token kept across reloads.
fn docs_page(doc: &OpenApi) -> SwaggerUi {
    use openapi::docs_page::{browser_document, BROWSER_DOCUMENT_PATH};
    SwaggerUi::new("/docs/{_:.*}")
        .url("/openapi.json", doc.clone())
        .external_url_unchecked(BROWSER_DOCUMENT_PATH, browser_document(doc))
        .config(
            Config::new([BROWSER_DOCUMENT_PATH])
                .filter(true)
                .persist_authorization(true),
        )
}

pub fn build_app(
    state: Data<AppState>,
    doc: Arc<OpenApi>,
) -> App<
    impl ServiceFactory<
        ServiceRequest,
        Config = (),
        Response = ServiceResponse<impl MessageBody>,
        Error = actix_web::Error,
        InitError = (),
    >,
> {
    let table = Data::new(RouteTable::from_doc(&doc));
    let operations = Data::new(if state.config.audit {
        crate::audit::Operations::from_doc(&doc)
    } else {
        crate::audit::Operations::none()
    });
    let (app, _) = App::new()
        .into_utoipa_app()
        .app_data(state)
        .app_data(table)
        .app_data(operations)
        .app_data(
            web::PathConfig::default()
                .error_handler(|_, _| ApiError::param("a path parameter is malformed").into()),
        )
        .configure(routes::register)
        .split_for_parts();
    app.service(docs_page(&doc))
        .configure(crate::console::register)
        .route(
            "/docs",
            web::get().to(|| async {
                HttpResponse::Found()
                    .insert_header(("Location", "/docs/"))
                    .finish()
            }),
        )
        .default_service(web::to(unrouted))
        .wrap(from_fn(crate::audit::middleware))
        .wrap(from_fn(security::cors))
        .wrap(from_fn(head_limits::middleware))
        .wrap(security::headers())
        .wrap(from_fn(crate::metrics::middleware::record))
        .wrap(from_fn(request_id::middleware))
}
