//! Why a summary PDF could not be made.

/// The message is the person's (calm, no internals); `reason` keeps the detail for the log.
#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    #[error(
        "The summary could not be made: its font could not be read. Your journal is unchanged."
    )]
    Font,
    /// A chart (by title) that could not be drawn, and why.
    #[error("The summary could not be made: the chart “{0}” could not be drawn. Your journal is unchanged.")]
    Chart(String, String),
    #[error(
        "The summary could not be made as a PDF, so no file was saved. Your journal is unchanged."
    )]
    Write(String),
    /// The PDF failed its accessibility or archival check (PDF/UA-1, PDF/A-2a): nothing is
    /// written.
    #[error(
        "The summary could not be made as an accessible PDF, so no file was saved. Your \
         journal is unchanged."
    )]
    NotAccessible(String),
}

impl PdfError {
    /// Why, in the PDF's own terms, for the log.
    pub fn reason(&self) -> Option<&str> {
        match self {
            PdfError::NotAccessible(reason)
            | PdfError::Write(reason)
            | PdfError::Chart(_, reason) => Some(reason),
            PdfError::Font => None,
        }
    }
}
