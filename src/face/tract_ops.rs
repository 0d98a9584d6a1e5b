//! Our own replacements for tract operators that run slowly on our four models, each giving the
//! same values as the operator it replaces. With `engine.rs`, the only code that knows tract.

use tract_onnx::prelude::*;
use tract_onnx::tract_core::ops::cnn::{MaxPool, PaddingSpec};
use tract_onnx::tract_core::ops::nn::resize::Resize;
use tract_onnx::tract_core::ops::nn::DataFormat;
use tract_onnx::tract_hir::internal::*;

/// ONNX `PRelu` as `max(x, 0) + slope × min(x, 0)`. tract-onnx wires it as `x < 0 ? x × slope : x`,
/// whose comparison and select run element by element through ndarray (a third of the mesh's and
/// the iris model's time, natively); max, min, mul and add by a broadcast operand run tract-linalg's
/// vector kernels. The values are the same: for x ≥ 0, x + slope × 0 = x; for x < 0, 0 + slope × x.
#[derive(Debug, Clone, Hash, PartialEq, Eq)]
pub(super) struct Prelu;

impl Expansion for Prelu {
    fn name(&self) -> StaticName {
        "Prelu".into()
    }

    fn rules<'r, 'p: 'r, 's: 'r>(
        &'s self,
        s: &mut Solver<'r>,
        inputs: &'p [TensorProxy],
        outputs: &'p [TensorProxy],
    ) -> InferenceResult {
        check_input_arity(inputs, 2)?;
        check_output_arity(outputs, 1)?;
        s.equals(&inputs[0].datum_type, &outputs[0].datum_type)?;
        s.equals(&inputs[0].shape, &outputs[0].shape)?;
        Ok(())
    }

    fn wire(&self, name: &str, model: &mut TypedModel, inputs: &[OutletId]) -> TractResult<TVec<OutletId>> {
        use tract_onnx::tract_core::ops::math;
        let (x, mut slope) = (inputs[0], inputs[1]);
        let fact = model.outlet_fact(x)?.clone();
        while model.outlet_fact(slope)?.rank() < fact.rank() {
            let at = model.outlet_fact(slope)?.rank();
            slope = model.wire_node(format!("{name}.add-axis-{at}"), AxisOp::Add(0), &[slope])?[0];
        }
        let zero =
            tensor0(0.0f32).cast_to_dt(fact.datum_type)?.into_owned().broadcast_into_rank(fact.rank())?;
        let zero = model.add_const(format!("{name}.zero"), zero)?;
        let positive = model.wire_node(format!("{name}.max"), math::max(), &[x, zero])?[0];
        let negative = model.wire_node(format!("{name}.min"), math::min(), &[x, zero])?[0];
        let scaled = model.wire_node(format!("{name}.mul"), math::mul(), &[negative, slope])?[0];
        model.wire_node(format!("{name}.add"), math::add(), &[positive, scaled])
    }
}

/// Swaps, in a decluttered model, every f32 2 × 2, stride-2 max pool without padding for
/// [`MaxPool2x2`] and every resize for [`ResizeRows`]. Run between tract's declutter and its
/// codegen, so every other optimisation sees the same graph as before.
pub(super) fn use_own_ops(model: &mut TypedModel) -> TractResult<()> {
    for id in 0..model.nodes.len() {
        let node = &model.nodes[id];
        if let Some(resize) = node.op_as::<Resize>() {
            if model.outlet_fact(node.inputs[0])?.datum_type == f32::datum_type() {
                model.nodes[id].op = Box::new(ResizeRows(resize.clone()));
            }
            continue;
        }
        let Some(pool) = node.op_as::<MaxPool>() else { continue };
        let spec = &pool.pool_spec;
        let ones = |v: &Option<TVec<usize>>| v.as_ref().is_none_or(|v| v.iter().all(|&x| x == 1));
        let unpadded = match &spec.padding {
            PaddingSpec::Valid => true,
            PaddingSpec::Explicit(before, after) | PaddingSpec::ExplicitOnnxPool(before, after, false) => {
                before.iter().chain(after).all(|&p| p == 0)
            }
            _ => false,
        };
        let input = model.outlet_fact(node.inputs[0])?;
        let fits = pool.with_index_outputs.is_none()
            && spec.kernel_shape[..] == [2, 2]
            && spec.strides.as_ref().is_some_and(|s| s[..] == [2, 2])
            && ones(&spec.dilations)
            && unpadded
            && input.datum_type == f32::datum_type()
            && input.shape.as_concrete().is_some();
        if fits {
            let channels_last = matches!(spec.data_format, DataFormat::NHWC | DataFormat::HWC);
            let batched = matches!(spec.data_format, DataFormat::NCHW | DataFormat::NHWC);
            model.nodes[id].op = Box::new(MaxPool2x2 { channels_last, batched });
        }
    }
    Ok(())
}

/// A 2 × 2, stride-2 max pool of f32 without padding (rows and columns beyond an even count are
/// dropped). tract runs this one output at a time with a bounds test for each of the four taps (its
/// vector path is for stride 1 only): a tenth of the face models' time in the browser. The taps are
/// taken in tract's order with the same `f32::max`, so the values are the same.
#[derive(Debug, Clone, Hash, PartialEq, Eq)]
pub(super) struct MaxPool2x2 {
    /// NHWC or HWC rather than NCHW or CHW.
    channels_last: bool,
    /// NCHW or NHWC rather than CHW or HWC.
    batched: bool,
}

impl MaxPool2x2 {
    /// (images, channels, height, width) of an input shape.
    fn dims(&self, shape: &[usize]) -> TractResult<(usize, usize, usize, usize)> {
        let rank = if self.batched { 4 } else { 3 };
        if shape.len() != rank {
            bail!("MaxPool2x2 expects rank {rank}, got {shape:?}");
        }
        let (n, rest) = if self.batched { (shape[0], &shape[1..]) } else { (1, shape) };
        Ok(if self.channels_last { (n, rest[2], rest[0], rest[1]) } else { (n, rest[0], rest[1], rest[2]) })
    }

    fn output_shape<D: Clone>(&self, shape: &[D], halve: impl Fn(&D) -> D) -> TVec<D> {
        let first_hw = usize::from(self.batched) + usize::from(!self.channels_last);
        shape
            .iter()
            .enumerate()
            .map(|(i, d)| if i == first_hw || i == first_hw + 1 { halve(d) } else { d.clone() })
            .collect()
    }
}

impl Op for MaxPool2x2 {
    fn name(&self) -> StaticName {
        "MaxPool2x2".into()
    }

    op_as_typed_op!();
}

impl EvalOp for MaxPool2x2 {
    fn eval(&self, _ctx: &EvalContext, inputs: TVec<TValue>) -> TractResult<TVec<TValue>> {
        let input = args_1!(inputs);
        let (n, c, h, w) = self.dims(input.shape())?;
        let (oh, ow) = (h / 2, w / 2);
        let src = input.try_as_plain_ram()?;
        let src = src.as_slice::<f32>()?;
        let mut out = vec![0f32; n * c * oh * ow];
        if self.channels_last {
            // Pixels of c values: each output pixel is the lane-wise max of four input pixels.
            for (image, out_image) in src.chunks_exact(h * w * c).zip(out.chunks_exact_mut(oh * ow * c)) {
                for (oy, out_row) in out_image.chunks_exact_mut(ow * c).enumerate() {
                    let row0 = &image[2 * oy * w * c..][..2 * ow * c];
                    let row1 = &image[(2 * oy + 1) * w * c..][..2 * ow * c];
                    for ((o, r0), r1) in out_row
                        .chunks_exact_mut(c)
                        .zip(row0.chunks_exact(2 * c))
                        .zip(row1.chunks_exact(2 * c))
                    {
                        let (a, b) = r0.split_at(c);
                        let (d, e) = r1.split_at(c);
                        for ((((o, a), b), d), e) in o.iter_mut().zip(a).zip(b).zip(d).zip(e) {
                            *o = f32::MIN.max(*a).max(*b).max(*d).max(*e);
                        }
                    }
                }
            }
        } else {
            // Planes of h × w: each output is the max of a 2 × 2 block.
            for (plane, out_plane) in src.chunks_exact(h * w).zip(out.chunks_exact_mut(oh * ow)) {
                for (oy, out_row) in out_plane.chunks_exact_mut(ow).enumerate() {
                    let row0 = &plane[2 * oy * w..][..2 * ow];
                    let row1 = &plane[(2 * oy + 1) * w..][..2 * ow];
                    for ((o, r0), r1) in
                        out_row.iter_mut().zip(row0.chunks_exact(2)).zip(row1.chunks_exact(2))
                    {
                        *o = f32::MIN.max(r0[0]).max(r0[1]).max(r1[0]).max(r1[1]);
                    }
                }
            }
        }
        let shape = self.output_shape(input.shape(), |d| d / 2);
        Ok(tvec!(Tensor::from(tract_ndarray::ArrayD::from_shape_vec(&*shape, out)?).into_tvalue()))
    }

    op_out_of_plan!();
}

impl TypedOp for MaxPool2x2 {
    fn output_facts(&self, inputs: &[&TypedFact]) -> TractResult<TVec<TypedFact>> {
        let shape = inputs[0].shape.as_concrete().context("MaxPool2x2 needs a concrete input shape")?;
        self.dims(shape)?;
        Ok(tvec!(f32::fact(self.output_shape(shape, |d| d / 2))))
    }

    as_op!();
}

/// tract's `Resize` (the segmentation's bilinear upsampling) with its per-axis resampling written
/// for a last axis too: tract's steps every output value of the last axis through a fill and an
/// inner loop over a one-value slice. The weights are tract's own plan and are added in its order
/// from 0.0, so the values are the same.
#[derive(Debug, Clone, Hash, PartialEq, Eq)]
pub(super) struct ResizeRows(Resize);

impl Op for ResizeRows {
    fn name(&self) -> StaticName {
        "ResizeRows".into()
    }

    op_as_typed_op!();
}

impl EvalOp for ResizeRows {
    fn eval(&self, _ctx: &EvalContext, mut inputs: TVec<TValue>) -> TractResult<TVec<TValue>> {
        // As tract's `Resize::eval`, with `resample` for its `resample_axis`.
        let resize = &self.0;
        let scales = resize.optional_scales_input.and_then(|ix| inputs.get(ix));
        let sizes = resize.optional_sizes_input.and_then(|ix| inputs.get(ix));
        let output_shape =
            resize.compute_output_shape(inputs[0].shape(), scales.map(|t| &**t), sizes.map(|t| &**t))?;
        let scales: TVec<f32> = if let Some(scales) = scales.filter(|s| s.len() == inputs[0].rank()) {
            scales.try_as_plain_ram()?.as_slice::<f32>()?.into()
        } else {
            output_shape.iter().zip(inputs[0].shape()).map(|(o, i)| *o as f32 / *i as f32).collect()
        };
        let input = inputs.remove(0).into_tensor();
        let mut shape: TVec<usize> = input.shape().into();
        let mut data: Vec<f32> = input.try_as_plain_ram()?.as_slice::<f32>()?.to_vec();
        for (axis, scale) in scales.into_iter().enumerate() {
            let (len_in, len_out) = (shape[axis], output_shape[axis]);
            if len_in == len_out && scale == 1.0 {
                continue;
            }
            let plan = resize.plan_axis(scale, len_in, len_out);
            let mut resampled = vec![0f32; data.len() / len_in * len_out];
            resample(&data, &shape, axis, &plan, &mut resampled);
            data = resampled;
            shape[axis] = len_out;
        }
        Ok(tvec!(Tensor::from(tract_ndarray::ArrayD::from_shape_vec(&*shape, data)?).into_tvalue()))
    }

    op_out_of_plan!();
}

impl TypedOp for ResizeRows {
    fn output_facts(&self, inputs: &[&TypedFact]) -> TractResult<TVec<TypedFact>> {
        self.0.output_facts(inputs)
    }

    as_op!();
}

/// tract's `resample_axis` (extrapolated points 0.0), with the last axis as a loop of its own.
fn resample(
    input: &[f32],
    shape: &[usize],
    axis: usize,
    plan: &tract_onnx::tract_core::ops::nn::resize::AxisPlan,
    output: &mut [f32],
) {
    let len_in = shape[axis];
    let len_out = plan.extrapolated.len();
    let inner: usize = shape[axis + 1..].iter().product();
    let window = plan.window;
    if len_in * inner == 0 || len_out * inner == 0 {
        return;
    }
    let taps =
        |x: usize| plan.indices[x * window..][..window].iter().zip(&plan.weights[x * window..][..window]);
    for (src, dst) in input.chunks_exact(len_in * inner).zip(output.chunks_exact_mut(len_out * inner)) {
        if inner == 1 {
            for (x, d) in dst.iter_mut().enumerate() {
                let mut sum = 0.0f32;
                if !plan.extrapolated[x] {
                    for (&i, &w) in taps(x) {
                        if w != 0.0 {
                            sum += w * src[i];
                        }
                    }
                }
                *d = sum;
            }
            continue;
        }
        for (x, dst) in dst.chunks_exact_mut(inner).enumerate() {
            dst.fill(0.0);
            if plan.extrapolated[x] {
                continue;
            }
            for (&i, &w) in taps(x) {
                if w == 0.0 {
                    continue;
                }
                for (d, s) in dst.iter_mut().zip(&src[i * inner..][..inner]) {
                    *d += w * s;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The replacement against tract's own max pool, on NCHW and NHWC inputs with odd sizes.
    #[test]
    fn the_own_max_pool_gives_tract_s_values() {
        for (format, shape) in [(DataFormat::NCHW, [1usize, 3, 7, 10]), (DataFormat::NHWC, [2, 9, 6, 5])] {
            let len: usize = shape.iter().product();
            // Values with ties and negatives, in no order.
            let data: Vec<f32> = (0..len).map(|i| ((i * 7919) % 23) as f32 - 11.0).collect();
            let input = Tensor::from_shape(&shape, &data).unwrap();
            let channels = if format == DataFormat::NCHW { shape[1] } else { shape[3] };
            let spec = tract_onnx::tract_core::ops::cnn::PoolSpec {
                data_format: format,
                kernel_shape: tvec![2, 2],
                padding: PaddingSpec::Valid,
                dilations: None,
                strides: Some(tvec![2, 2]),
                input_channels: channels,
                output_channels: channels,
            };
            let theirs = MaxPool { pool_spec: spec, with_index_outputs: None }
                .eval(&EvalContext::out_of_plan(), tvec!(input.clone().into_tvalue()))
                .unwrap();
            let ours = MaxPool2x2 { channels_last: format == DataFormat::NHWC, batched: true }
                .eval(&EvalContext::out_of_plan(), tvec!(input.into_tvalue()))
                .unwrap();
            assert_eq!(ours[0].shape(), theirs[0].shape(), "{format:?}");
            let values =
                |t: &TValue| t.to_plain_array_view::<f32>().unwrap().iter().copied().collect::<Vec<_>>();
            assert_eq!(values(&ours[0]), values(&theirs[0]), "{format:?}");
        }
    }

    /// The replacement against tract's own resize: bilinear, half-pixel, up by 2 and down by 3/4,
    /// over the last axis and the one before it.
    #[test]
    fn the_own_resize_gives_tract_s_values() {
        use tract_onnx::tract_core::ops::nn::resize::{CoordTransformer, Interpolator, Nearest};
        let shape = [1usize, 3, 6, 8];
        let len: usize = shape.iter().product();
        let data: Vec<f32> = (0..len).map(|i| ((i * 7919) % 101) as f32 / 7.0 - 5.0).collect();
        for scales in [[1.0f32, 1.0, 2.0, 2.0], [1.0, 1.0, 0.75, 2.5]] {
            let resize = Resize {
                coord_transformer: CoordTransformer::HalfPixel,
                interpolator: Interpolator::Linear,
                nearest: Nearest::Floor,
                optional_scales_input: Some(1),
                optional_sizes_input: None,
            };
            let inputs = || {
                tvec!(
                    Tensor::from_shape(&shape, &data).unwrap().into_tvalue(),
                    Tensor::from_shape(&[4], &scales).unwrap().into_tvalue()
                )
            };
            let theirs = resize.eval(&EvalContext::out_of_plan(), inputs()).unwrap();
            let ours = ResizeRows(resize).eval(&EvalContext::out_of_plan(), inputs()).unwrap();
            let values =
                |t: &TValue| t.to_plain_array_view::<f32>().unwrap().iter().copied().collect::<Vec<_>>();
            assert_eq!(ours[0].shape(), theirs[0].shape(), "{scales:?}");
            assert_eq!(values(&ours[0]), values(&theirs[0]), "{scales:?}");
        }
    }
}
