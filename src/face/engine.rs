//! With `tract_ops.rs`, the only code that knows tract: loads the ONNX models once from bytes and
//! runs them.

use std::io::Cursor;

use tract_onnx::prelude::*;
use tract_onnx::tract_hir::internal::*;

use super::model_files::{verify_all, ModelBytes};
use super::tract_ops::{use_own_ops, Prelu};
use crate::error::{Error, ErrorKind, Result};

type Plan = std::sync::Arc<TypedRunnableModel>;

/// The four models, loaded, optimised for their fixed input shapes and ready to run. Load once and
/// reuse for every photo: loading takes far longer than a run.
pub struct Models {
    detector: Plan,
    /// Output indices of the detector: cls, obj, bbox, kps for strides 8, 16, 32.
    detector_outputs: [[usize; 4]; 3],
    mesh: Plan,
    mesh_outputs: [usize; 2],
    iris: Plan,
    iris_outputs: [usize; 2],
    segmentation: Plan,
}

impl std::fmt::Debug for Models {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Models { detector, mesh, iris, segmentation }")
    }
}

/// The one place where tract's errors become ours; the tract error is kept as the source.
fn model_error(what: &str, e: TractError) -> Error {
    Error::new(ErrorKind::Model, format!("{what}: {e}")).with_source(ModelFailure(format!("{e:?}")))
}

#[derive(Debug)]
struct ModelFailure(String);

impl std::fmt::Display for ModelFailure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ModelFailure {}

fn load(what: &str, bytes: &[u8], shape: &[usize]) -> Result<Plan> {
    let err = |e| model_error(what, e);
    let mut onnx = tract_onnx::onnx();
    onnx.op_register.insert("PRelu", |_, _| Ok((expand(Prelu), vec![])));
    onnx.with_ignore_value_info(true)
        .with_ignore_output_shapes(true)
        .model_for_read(&mut Cursor::new(bytes))
        .and_then(|m| m.with_input_fact(0, f32::fact(shape).into()))
        .and_then(|m| m.into_typed())
        .and_then(|m| m.into_decluttered())
        .and_then(|mut m| {
            // tract's `into_optimized` with our operators swapped in between its two stages.
            use_own_ops(&mut m)?;
            m.optimize()?;
            m.into_runnable()
        })
        .map_err(err)
}

/// Index of each named output, in the order of `names`.
fn output_indices<const N: usize>(what: &str, plan: &Plan, names: [&str; N]) -> Result<[usize; N]> {
    let model = plan.model();
    let labels: Vec<String> = model
        .output_outlets()
        .map_err(|e| model_error(what, e))?
        .iter()
        .map(|o| {
            model.outlet_label(*o).map(str::to_string).unwrap_or_else(|| model.node(o.node).name.clone())
        })
        .collect();
    let mut out = [0usize; N];
    for (slot, name) in out.iter_mut().zip(names) {
        *slot = labels.iter().position(|l| l == name).ok_or_else(|| {
            Error::new(
                ErrorKind::Model,
                format!("{what}: no output named {name} (outputs: {})", labels.join(", ")),
            )
        })?;
    }
    Ok(out)
}

impl Models {
    /// Verifies and loads the four models. Errors with [`ErrorKind::Model`] when a file is not one of
    /// the pinned ones or tract cannot load it.
    pub fn load(bytes: &ModelBytes<'_>) -> Result<Models> {
        verify_all(bytes)?;
        let d = super::detect::DETECT_SIZE as usize;
        let detector = load("face detector", bytes.detector, &[1, 3, d, d])?;
        let mut detector_outputs = [[0; 4]; 3];
        for (slot, stride) in detector_outputs.iter_mut().zip(super::detect::STRIDES) {
            *slot = output_indices(
                "face detector",
                &detector,
                [
                    &format!("cls_{stride}"),
                    &format!("obj_{stride}"),
                    &format!("bbox_{stride}"),
                    &format!("kps_{stride}"),
                ]
                .map(String::as_str),
            )?;
        }
        let m = super::landmarks::MESH_SIZE as usize;
        let mesh = load("face mesh", bytes.face_mesh, &[1, m, m, 3])?;
        let mesh_outputs = output_indices("face mesh", &mesh, ["conv2d_21", "conv2d_31"])?;
        let i = super::iris::IRIS_SIZE as usize;
        let iris = load("iris", bytes.iris, &[1, i, i, 3])?;
        let iris_outputs = output_indices("iris", &iris, ["output_eyes_contours_and_brows", "output_iris"])?;
        let s = super::segment::SEGMENT_SIZE as usize;
        let segmentation = load("segmentation", bytes.segmentation, &[1, s, s, 3])?;
        Ok(Models { detector, detector_outputs, mesh, mesh_outputs, iris, iris_outputs, segmentation })
    }

    /// Runs the detector on a prepared NCHW input; returns cls, obj, bbox, kps for each stride.
    pub(crate) fn detect(&self, nchw: Vec<f32>) -> Result<[[Vec<f32>; 4]; 3]> {
        let d = super::detect::DETECT_SIZE as usize;
        let outputs = run("face detector", &self.detector, &[1, 3, d, d], nchw)?;
        let pick = |i: usize| outputs.get(i).cloned().unwrap_or_default();
        Ok(self.detector_outputs.map(|heads| heads.map(pick)))
    }

    /// Runs the mesh on a 192×192 crop; returns the 1404 coordinates and the presence logit.
    pub(crate) fn mesh(&self, nhwc: Vec<f32>) -> Result<(Vec<f32>, f32)> {
        let m = super::landmarks::MESH_SIZE as usize;
        let outputs = run("face mesh", &self.mesh, &[1, m, m, 3], nhwc)?;
        let [coords, presence] = self.mesh_outputs.map(|i| outputs.get(i).cloned().unwrap_or_default());
        Ok((coords, presence.first().copied().unwrap_or(f32::NEG_INFINITY)))
    }

    /// Runs the iris model on a 64×64 eye crop; returns the contour and iris outputs.
    pub(crate) fn iris(&self, nhwc: Vec<f32>) -> Result<(Vec<f32>, Vec<f32>)> {
        let i = super::iris::IRIS_SIZE as usize;
        let outputs = run("iris", &self.iris, &[1, i, i, 3], nhwc)?;
        let [contour, iris] = self.iris_outputs.map(|k| outputs.get(k).cloned().unwrap_or_default());
        Ok((contour, iris))
    }

    /// Runs the segmentation on a 256×256 picture; returns 256×256 person probabilities.
    pub(crate) fn segment(&self, nhwc: Vec<f32>) -> Result<Vec<f32>> {
        let s = super::segment::SEGMENT_SIZE as usize;
        let outputs = run("segmentation", &self.segmentation, &[1, s, s, 3], nhwc)?;
        Ok(outputs.into_iter().next().unwrap_or_default())
    }
}

fn run(what: &str, plan: &Plan, shape: &[usize], data: Vec<f32>) -> Result<Vec<Vec<f32>>> {
    let input = tract_ndarray::ArrayD::from_shape_vec(shape, data)
        .map_err(|e| Error::new(ErrorKind::Model, format!("{what}: input shape: {e}")))?;
    let outputs = plan.run(tvec!(Tensor::from(input).into())).map_err(|e| model_error(what, e))?;
    outputs
        .iter()
        .map(|t| {
            t.to_plain_array_view::<f32>()
                .map(|v| v.iter().copied().collect())
                .map_err(|e| model_error(what, e))
        })
        .collect()
}
