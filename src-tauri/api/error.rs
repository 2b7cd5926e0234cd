//! The one error of every operation, `{kind, field, message}` on the page, and the reading
//! of a storage failure as a fault of the journal's folder.

use crate::journal::ValidationError;
use crate::store::StoreError;
use crate::views;
use serde::Serialize;

/// What went wrong, as the page and the tests tell errors apart. Serialised as its pinned
/// snake_case name (tests/contract.rs): "invalid_input", "cannot_write", ….
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    /// A field the person filled in (or an argument the page sent) is refused: `field` says which.
    InvalidInput,
    /// A backup file that cannot be restored.
    InvalidBackup,
    /// What the command names is not there (a step deleted meanwhile, setup not done).
    NotFound,
    /// The journal could not be read or written, for a reason not named below.
    Storage,
    /// A full disk, a read-only or vanished folder: nothing was changed.
    CannotWrite,
    /// The journal file was replaced or removed by another program.
    Replaced,
    /// No journal is open (the start screen).
    Unavailable,
    WrongPassphrase,
    /// A file to export could not be made.
    Export,
}

impl ErrorKind {
    pub const ALL: [ErrorKind; 9] = [
        ErrorKind::InvalidInput,
        ErrorKind::InvalidBackup,
        ErrorKind::NotFound,
        ErrorKind::Storage,
        ErrorKind::CannotWrite,
        ErrorKind::Replaced,
        ErrorKind::Unavailable,
        ErrorKind::WrongPassphrase,
        ErrorKind::Export,
    ];

    /// The name the page receives.
    pub fn name(self) -> &'static str {
        match self {
            ErrorKind::InvalidInput => "invalid_input",
            ErrorKind::InvalidBackup => "invalid_backup",
            ErrorKind::NotFound => "not_found",
            ErrorKind::Storage => "storage",
            ErrorKind::CannotWrite => "cannot_write",
            ErrorKind::Replaced => "replaced",
            ErrorKind::Unavailable => "unavailable",
            ErrorKind::WrongPassphrase => "wrong_passphrase",
            ErrorKind::Export => "export",
        }
    }
}

impl std::fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// Tests name a kind as the page receives it: `assert_eq!(e.kind, "cannot_write")`.
impl PartialEq<&str> for ErrorKind {
    fn eq(&self, other: &&str) -> bool {
        self.name() == *other
    }
}

/// The error every operation returns: `kind` tells errors apart, `field` names the input
/// at fault, `message` is for people.
#[derive(Debug, Serialize, PartialEq, Eq)]
pub struct ApiError {
    pub kind: ErrorKind,
    pub field: Option<String>,
    pub message: String,
    /// For a storage failure: whether the journal's folder may be why (never sent to
    /// the page; [`explain_fault`] reads it).
    #[serde(skip)]
    pub cause: Option<crate::store::write_fault::Suspect>,
}

impl From<ValidationError> for ApiError {
    fn from(e: ValidationError) -> Self {
        ApiError {
            cause: None,
            kind: ErrorKind::InvalidInput,
            field: Some(e.field),
            message: e.message,
        }
    }
}

impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> Self {
        use crate::store::write_fault::{self, Suspect};
        let cause = write_fault::suspect(&e);
        if let Some(Suspect::Named(fault)) = cause {
            return ApiError {
                cause: None,
                kind: ErrorKind::CannotWrite,
                field: None,
                message: views::write_fault::not_done(fault),
            };
        }
        match e {
            StoreError::Invalid(v) => v.into(),
            StoreError::NotFound { field, .. } => ApiError {
                cause: None,
                kind: ErrorKind::NotFound,
                field: Some(field.to_string()),
                message: e.to_string(),
            },
            StoreError::WrongPassphrase => ApiError {
                cause: None,
                kind: ErrorKind::WrongPassphrase,
                field: Some("passphrase".to_string()),
                message: e.to_string(),
            },
            StoreError::BackupUnusable(_) => ApiError {
                cause: None,
                kind: ErrorKind::InvalidBackup,
                field: None,
                message: e.to_string(),
            },
            other => ApiError {
                cause,
                kind: ErrorKind::Storage,
                field: None,
                message: other.to_string(),
            },
        }
    }
}

pub type Answer<T> = Result<T, ApiError>;

/// A storage failure explained when the journal's folder is why (a full disk, a read-only
/// or vanished folder): what happened, that nothing was lost, what to do. Every command on
/// the open journal goes through this; other answers pass unchanged.
pub fn explain_fault<T>(journal: &std::path::Path, answer: Answer<T>) -> Answer<T> {
    match answer {
        Err(e) if e.kind == ErrorKind::Storage => match e.cause.and_then(|c| c.resolve(journal)) {
            Some(fault) => Err(ApiError {
                cause: None,
                kind: ErrorKind::CannotWrite,
                field: None,
                message: views::write_fault::not_done(fault),
            }),
            None => Err(e),
        },
        other => other,
    }
}

/// Asked for before first-run setup is done.
pub(super) fn setup_first() -> ApiError {
    ApiError {
        cause: None,
        kind: ErrorKind::NotFound,
        field: None,
        message: "Set up the journal first.".to_string(),
    }
}
