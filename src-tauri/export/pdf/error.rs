//! Why a summary PDF could not be made.

#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    #[error("The embedded font could not be read.")]
    Font,
    #[error("The {0} chart could not be drawn: {1}")]
    Chart(String, String),
    #[error("The PDF could not be written: {0}")]
    Write(String),
    /// The PDF failed its accessibility or archival check (PDF/UA-1, PDF/A-2a): nothing is
    /// written. The message is for the person; the validator's reasons are kept for the log.
    #[error(
        "The summary could not be made as an accessible PDF, so no file was saved. Your \
         journal is unchanged."
    )]
    NotAccessible(String),
}

impl PdfError {
    /// Why, in the PDF's own terms, for the log: the validator's reasons for a failed check.
    pub fn reason(&self) -> Option<&str> {
        match self {
            PdfError::NotAccessible(reason) => Some(reason),
            _ => None,
        }
    }
}
