//! Errors the library returns: one variant per failure a user can act on.

use std::path::PathBuf;

/// Everything that can go wrong in the library, each naming what to fix.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A path given on the command line does not exist.
    #[error("{path}: no such file or folder; check the path")]
    Missing {
        /// The path as given.
        path: PathBuf,
    },
    /// A file could not be read (permissions, I/O).
    #[error("{path}: cannot read: {error}")]
    Read {
        /// The file.
        path: PathBuf,
        /// The underlying error (in the message, so not also a source: a
        /// message with its chain would say it twice).
        error: std::io::Error,
    },
    /// A file's bytes are not text in any encoding taohua reads.
    #[error("{path}: not text (binary data or an unknown encoding); convert it to UTF-8 or GB18030, or leave it out")]
    NotText {
        /// The file.
        path: PathBuf,
    },
    /// A `--split` pattern that does not compile.
    #[error("--split {pattern:?} is not a valid regular expression: {message}")]
    BadSplit {
        /// The pattern as given.
        pattern: String,
        /// What the regex engine said.
        message: String,
    },
    /// A user dictionary that jieba cannot load.
    #[error("{path}: cannot load user dictionary: {message}")]
    UserDict {
        /// The dictionary file.
        path: PathBuf,
        /// What went wrong.
        message: String,
    },
    /// An index file that is damaged, truncated or from another version.
    #[error("{path}: {message}")]
    BadIndex {
        /// The index file.
        path: PathBuf,
        /// What is wrong with it and what to do.
        message: String,
    },
    /// Writing an output file failed.
    #[error("{path}: cannot write: {error}")]
    Write {
        /// The file.
        path: PathBuf,
        /// The underlying error (in the message only, as for `Read`).
        error: std::io::Error,
    },
}

/// Result alias for the library.
pub type Result<T> = std::result::Result<T, Error>;
