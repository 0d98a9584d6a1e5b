//! The one error type of the crate.
//!
//! Every failure has a stable [`ErrorKind`] whose [`code`](ErrorKind::code) is a snake_case string that
//! JavaScript callers, the CLI and the self-check page rely on: codes are never renamed or reused.

use std::fmt;

/// What went wrong, and so whose fault it is. Read it through [`Error::kind`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The input has no bytes at all.
    EmptyInput,
    /// The bytes are not an image format this library recognises.
    UnknownFormat,
    /// The bytes claim to be an image but are damaged before its dimensions could be read.
    MalformedImage,
    /// A [`Limits`](crate::Limits) bound said no before the work was done.
    LimitExceeded,
    /// A profile (built-in name or custom JSON) could not be used.
    InvalidProfile,
    /// The options given by the caller are not valid.
    InvalidOptions,
    /// A model file is not one of the pinned ones, or could not be loaded or run.
    Model,
}

impl ErrorKind {
    /// Every kind, for the TypeScript union of codes (`tests/registry.rs`).
    pub const ALL: &'static [ErrorKind] = &[
        ErrorKind::EmptyInput,
        ErrorKind::UnknownFormat,
        ErrorKind::MalformedImage,
        ErrorKind::LimitExceeded,
        ErrorKind::InvalidProfile,
        ErrorKind::InvalidOptions,
        ErrorKind::Model,
    ];

    /// The stable code of this kind, as JSON and JavaScript see it.
    pub fn code(self) -> &'static str {
        match self {
            ErrorKind::EmptyInput => "empty_input",
            ErrorKind::UnknownFormat => "unknown_format",
            ErrorKind::MalformedImage => "malformed_image",
            ErrorKind::LimitExceeded => "limit_exceeded",
            ErrorKind::InvalidProfile => "invalid_profile",
            ErrorKind::InvalidOptions => "invalid_options",
            ErrorKind::Model => "model_error",
        }
    }
}

/// An error from any stage of the library: a kind with a stable code, and a message that names the
/// input, segment or field at fault.
#[derive(Debug)]
pub struct Error {
    kind: ErrorKind,
    message: String,
    source: Option<Box<dyn std::error::Error + Send + Sync + 'static>>,
}

/// The crate's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    pub(crate) fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        Error { kind, message: message.into(), source: None }
    }

    pub(crate) fn with_source(mut self, source: impl std::error::Error + Send + Sync + 'static) -> Self {
        self.source = Some(Box::new(source));
        self
    }

    /// What kind of failure this is.
    pub fn kind(&self) -> ErrorKind {
        self.kind
    }

    /// The stable code of the kind, e.g. `"limit_exceeded"`.
    pub fn code(&self) -> &'static str {
        self.kind.code()
    }

    /// The human message without the code: lower case, no final period.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.source.as_deref().map(|e| e as &(dyn std::error::Error + 'static))
    }
}

impl From<std::collections::TryReserveError> for Error {
    fn from(e: std::collections::TryReserveError) -> Self {
        Error::new(ErrorKind::LimitExceeded, "memory allocation refused").with_source(e)
    }
}

#[cfg(test)]
mod tests {
    use super::ErrorKind;

    /// A new kind does not compile here until it has an index, and fails until `ALL` lists it.
    fn index(kind: ErrorKind) -> usize {
        match kind {
            ErrorKind::EmptyInput => 0,
            ErrorKind::UnknownFormat => 1,
            ErrorKind::MalformedImage => 2,
            ErrorKind::LimitExceeded => 3,
            ErrorKind::InvalidProfile => 4,
            ErrorKind::InvalidOptions => 5,
            ErrorKind::Model => 6,
        }
    }

    #[test]
    fn all_lists_every_kind_once() {
        let indices: Vec<usize> = ErrorKind::ALL.iter().map(|&k| index(k)).collect();
        assert_eq!(indices, (0..7).collect::<Vec<_>>());
    }
}
