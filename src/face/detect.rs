//! YuNet face detection: input preparation and output decoding (no model here).
//!
//! Input: the photo letterboxed into a `DETECT_SIZE` square (scaled to fit, zero padding right and
//! bottom), NCHW, BGR, raw 0–255. Outputs per stride s ∈ {8, 16, 32}: `cls`, `obj` [N], `bbox` [N×4],
//! `kps` [N×10] over the (size/s)² grid in row-major order (libfacedetection.train, YuNet).

use image::RgbImage;

use crate::geometry::{Point, Rect};
use crate::raster::resize_area;

/// Side of the square detector input, a multiple of 32.
pub(crate) const DETECT_SIZE: u32 = 320;
/// Strides of the three detection heads.
pub(crate) const STRIDES: [u32; 3] = [8, 16, 32];
/// Lowest score kept as a face.
pub(crate) const SCORE_THRESHOLD: f32 = 0.6;
/// Boxes overlapping more than this are one face.
pub(crate) const NMS_IOU: f32 = 0.3;

/// One detected face, in the coordinates of the image given to [`prepare`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Detection {
    pub(crate) score: f32,
    pub(crate) rect: Rect,
    /// Image-left eye, image-right eye, nose tip, image-left and image-right mouth corners.
    pub(crate) points: [Point; 5],
}

/// The detector input tensor and the scale from image to input pixels.
pub(crate) struct Prepared {
    pub(crate) nchw_bgr: Vec<f32>,
    pub(crate) scale: f32,
}

pub(crate) fn prepare(img: &RgbImage) -> Prepared {
    let (w, h) = img.dimensions();
    let scale = DETECT_SIZE as f32 / w.max(h).max(1) as f32;
    let (sw, sh) = (
        ((w as f32 * scale).round() as u32).clamp(1, DETECT_SIZE),
        ((h as f32 * scale).round() as u32).clamp(1, DETECT_SIZE),
    );
    let small = resize_area(img, sw, sh);
    let plane = (DETECT_SIZE * DETECT_SIZE) as usize;
    let mut nchw_bgr = vec![0.0f32; 3 * plane];
    for (x, y, p) in small.enumerate_pixels() {
        let i = (y * DETECT_SIZE + x) as usize;
        for (c, channel) in [2usize, 1, 0].into_iter().enumerate() {
            if let Some(slot) = nchw_bgr.get_mut(c * plane + i) {
                *slot = f32::from(p.0[channel]);
            }
        }
    }
    // The letterbox scale is the one actually applied to each axis.
    Prepared { nchw_bgr, scale: sw as f32 / w.max(1) as f32 * 0.5 + sh as f32 / h.max(1) as f32 * 0.5 }
}

/// The four outputs of one stride.
pub(crate) struct Head<'a> {
    pub(crate) stride: u32,
    pub(crate) cls: &'a [f32],
    pub(crate) obj: &'a [f32],
    pub(crate) bbox: &'a [f32],
    pub(crate) kps: &'a [f32],
}

/// Decodes every anchor above the threshold, maps it back to image pixels by `1 / scale`, and
/// keeps the best of overlapping boxes.
pub(crate) fn decode(heads: &[Head<'_>], scale: f32) -> Vec<Detection> {
    let mut found = Vec::new();
    for head in heads {
        let s = head.stride as f32;
        let cols = (DETECT_SIZE / head.stride) as usize;
        let anchors = cols * cols;
        for i in 0..anchors {
            let (Some(&cls), Some(&obj)) = (head.cls.get(i), head.obj.get(i)) else { break };
            let score = (cls.clamp(0.0, 1.0) * obj.clamp(0.0, 1.0)).sqrt();
            if score.is_nan() || score < SCORE_THRESHOLD {
                continue;
            }
            let (Some(b), Some(k)) = (head.bbox.get(4 * i..4 * i + 4), head.kps.get(10 * i..10 * i + 10))
            else {
                break;
            };
            let (row, col) = ((i / cols) as f32, (i % cols) as f32);
            let (cx, cy) = ((col + b[0]) * s, (row + b[1]) * s);
            let (w, h) = (b[2].clamp(-10.0, 10.0).exp() * s, b[3].clamp(-10.0, 10.0).exp() * s);
            let mut points = [Point::default(); 5];
            for (j, p) in points.iter_mut().enumerate() {
                *p = Point::new((k[2 * j] + col) * s / scale, (k[2 * j + 1] + row) * s / scale);
            }
            let rect = Rect {
                x: (cx - w / 2.0) / scale,
                y: (cy - h / 2.0) / scale,
                width: w / scale,
                height: h / scale,
            };
            found.push(Detection { score, rect, points });
        }
    }
    nms(found, NMS_IOU)
}

/// Greedy non-maximum suppression: best score first, drop boxes overlapping a kept one.
pub(crate) fn nms(mut detections: Vec<Detection>, iou: f32) -> Vec<Detection> {
    detections.sort_by(|a, b| b.score.total_cmp(&a.score));
    let mut kept: Vec<Detection> = Vec::new();
    for d in detections {
        if kept.iter().all(|k| k.rect.iou(&d.rect) <= iou) {
            kept.push(d);
        }
    }
    kept
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_one_anchor_into_image_pixels() {
        let cols = (DETECT_SIZE / 32) as usize;
        let n = cols * cols;
        let mut cls = vec![0.0; n];
        let mut obj = vec![0.0; n];
        let mut bbox = vec![0.0; 4 * n];
        let mut kps = vec![0.0; 10 * n];
        let i = 2 * cols + 3; // row 2, col 3
        cls[i] = 0.9;
        obj[i] = 0.9;
        bbox[4 * i..4 * i + 4].copy_from_slice(&[0.5, 0.5, 1f32.ln(), 2f32.ln()]);
        kps[10 * i..10 * i + 2].copy_from_slice(&[0.25, 0.5]);
        let heads = [Head { stride: 32, cls: &cls, obj: &obj, bbox: &bbox, kps: &kps }];
        let found = decode(&heads, 0.5);
        assert_eq!(found.len(), 1);
        let d = found[0];
        assert!((d.score - 0.9).abs() < 1e-6);
        // centre (3.5·32, 2.5·32) = (112, 80) at input scale → (224, 160) in the image.
        assert_eq!(d.rect.center(), Point::new(224.0, 160.0));
        assert_eq!((d.rect.width, d.rect.height), (64.0, 128.0));
        assert_eq!(d.points[0], Point::new((3.25) * 64.0, 2.5 * 64.0));
    }

    #[test]
    fn nms_keeps_the_best_of_overlapping_boxes() {
        let at = |x: f32, score: f32| Detection {
            score,
            rect: Rect { x, y: 0.0, width: 10.0, height: 10.0 },
            points: [Point::default(); 5],
        };
        let kept = nms(vec![at(0.0, 0.7), at(1.0, 0.9), at(30.0, 0.8)], 0.3);
        assert_eq!(kept.iter().map(|d| d.score).collect::<Vec<_>>(), vec![0.9, 0.8]);
    }

    #[test]
    fn prepare_letterboxes_bgr_planes() {
        let img = RgbImage::from_pixel(640, 320, image::Rgb([10, 20, 30]));
        let p = prepare(&img);
        assert_eq!(p.scale, 0.5);
        let plane = (DETECT_SIZE * DETECT_SIZE) as usize;
        assert_eq!(p.nchw_bgr.len(), 3 * plane);
        assert_eq!([p.nchw_bgr[0], p.nchw_bgr[plane], p.nchw_bgr[2 * plane]], [30.0, 20.0, 10.0]);
        // Below the 160-row picture the input is padding.
        assert_eq!(p.nchw_bgr[(200 * DETECT_SIZE) as usize], 0.0);
    }
}
