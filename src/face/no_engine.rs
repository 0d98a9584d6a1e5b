//! The engine of a build without the `inference` feature: the small wasm for browsers that lack
//! WebAssembly SIMD, which measures the file rules only. It has no models to run, so [`Models`] can
//! never be made and every content rule stays unmeasured.

use super::model_files::{verify_all, ModelBytes};
use crate::error::{Error, ErrorKind, Result};

/// The four models; in this build they cannot be loaded, so no value of this type exists.
#[derive(Debug)]
pub struct Models {
    never: std::convert::Infallible,
}

impl Models {
    /// Checks that the files are the pinned ones, then fails with [`ErrorKind::Model`]: this build has
    /// no engine to run them.
    pub fn load(bytes: &ModelBytes<'_>) -> Result<Models> {
        verify_all(bytes)?;
        Err(Error::new(
            ErrorKind::Model,
            "this build of photogate has no inference engine (the file-rules build for browsers without \
             WebAssembly SIMD): only the file rules can be checked",
        ))
    }

    pub(crate) fn detect(&self, _nchw: Vec<f32>) -> Result<[[Vec<f32>; 4]; 3]> {
        match self.never {}
    }

    pub(crate) fn mesh(&self, _nhwc: Vec<f32>) -> Result<(Vec<f32>, f32)> {
        match self.never {}
    }

    pub(crate) fn iris(&self, _nhwc: Vec<f32>) -> Result<(Vec<f32>, Vec<f32>)> {
        match self.never {}
    }

    pub(crate) fn segment(&self, _nhwc: Vec<f32>) -> Result<Vec<f32>> {
        match self.never {}
    }
}
