//! Stable name-based ids (uuid v5 in the app's own namespace): the same name gives the
//! same id in every run and build. The FHIR export's resource ids; the single-instance id
//! of a journal kept elsewhere.

/// The namespace of the app's name-based uuids (a fixed random uuid).
const NAMESPACE: uuid::Uuid = uuid::uuid!("5f0c8e5a-7d3b-4c1e-9a26-3b8f4d2e6c71");

/// The name-based uuid (v5) of `name`, hyphenated.
pub fn name_uuid(name: &str) -> String {
    bytes_uuid(name.as_bytes())
}

/// The name-based uuid (v5) of a name given as bytes (a path that need not be UTF-8).
pub fn bytes_uuid(name: &[u8]) -> String {
    uuid::Uuid::new_v5(&NAMESPACE, name).to_string()
}
