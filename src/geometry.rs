//! Points, rectangles and affine maps in image coordinates.
//!
//! Coordinates are in pixels of the upright photo: x to the right, y down, origin at the top-left
//! corner of the top-left pixel, so the centre of pixel (i, j) is (i + 0.5, j + 0.5).

use serde::Serialize;

/// A point in image pixels.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize)]
pub struct Point {
    /// x, to the right.
    pub x: f32,
    /// y, down.
    pub y: f32,
}

impl Point {
    /// A point.
    pub const fn new(x: f32, y: f32) -> Point {
        Point { x, y }
    }

    /// The midpoint of `self` and `other`.
    pub fn mid(self, other: Point) -> Point {
        Point::new((self.x + other.x) / 2.0, (self.y + other.y) / 2.0)
    }

    /// Euclidean distance.
    pub fn distance(self, other: Point) -> f32 {
        (self.x - other.x).hypot(self.y - other.y)
    }
}

/// An axis-aligned rectangle.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize)]
pub struct Rect {
    /// Left edge.
    pub x: f32,
    /// Top edge.
    pub y: f32,
    /// Width.
    pub width: f32,
    /// Height.
    pub height: f32,
}

impl Rect {
    /// The centre.
    pub fn center(&self) -> Point {
        Point::new(self.x + self.width / 2.0, self.y + self.height / 2.0)
    }

    /// Area, 0 for degenerate rectangles.
    pub fn area(&self) -> f32 {
        self.width.max(0.0) * self.height.max(0.0)
    }

    /// Intersection over union with another rectangle.
    pub fn iou(&self, other: &Rect) -> f32 {
        let w = (self.x + self.width).min(other.x + other.width) - self.x.max(other.x);
        let h = (self.y + self.height).min(other.y + other.height) - self.y.max(other.y);
        let inter = w.max(0.0) * h.max(0.0);
        let union = self.area() + other.area() - inter;
        if union > 0.0 {
            inter / union
        } else {
            0.0
        }
    }
}

/// An affine map `p ↦ (a·x + b·y + c, d·x + e·y + f)`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Affine {
    pub(crate) m: [f32; 6],
}

impl Affine {
    /// Maps a square crop of side `size` (crop pixels) onto the image: the crop's centre goes to
    /// `center`, its side covers `side` image pixels, and its x axis points along `angle` radians.
    pub(crate) fn crop_to_image(center: Point, side: f32, angle: f32, size: f32) -> Affine {
        let s = side / size;
        let (sin, cos) = angle.sin_cos();
        let (a, b, d, e) = (s * cos, -s * sin, s * sin, s * cos);
        let h = size / 2.0;
        Affine { m: [a, b, center.x - a * h - b * h, d, e, center.y - d * h - e * h] }
    }

    pub(crate) fn apply(&self, p: Point) -> Point {
        let [a, b, c, d, e, f] = self.m;
        Point::new(a * p.x + b * p.y + c, d * p.x + e * p.y + f)
    }
}

/// A circle as a polygon of 24 points, for the polygon rasteriser ([`row_spans`]).
pub(crate) fn circle(centre: Point, radius: f32) -> Vec<Point> {
    (0..24)
        .map(|k| {
            let t = k as f32 / 24.0 * std::f32::consts::TAU;
            Point::new(centre.x + radius * t.cos(), centre.y + radius * t.sin())
        })
        .collect()
}

/// Whether `p` lies inside the polygon (even-odd rule): the reference `row_spans` is tested against.
#[cfg(test)]
pub(crate) fn inside(polygon: &[Point], p: Point) -> bool {
    let mut inside = false;
    let mut j = polygon.len().wrapping_sub(1);
    for (i, a) in polygon.iter().enumerate() {
        if let Some(b) = polygon.get(j) {
            if (a.y > p.y) != (b.y > p.y) && p.x < (b.x - a.x) * (p.y - a.y) / (b.y - a.y) + a.x {
                inside = !inside;
            }
        }
        j = i;
    }
    inside
}

/// The pixel spans `[x0, x1)` of row `y` whose centres lie inside the polygon (even-odd rule), found
/// by intersecting the row's centre line with every edge: linear in the row's width, not its area
/// times the polygon's edges.
pub(crate) fn row_spans(polygon: &[Point], y: u32, width: u32, out: &mut Vec<(u32, u32)>) {
    out.clear();
    let cy = y as f32 + 0.5;
    let mut xs: Vec<f32> = Vec::new();
    let mut j = polygon.len().wrapping_sub(1);
    for (i, a) in polygon.iter().enumerate() {
        if let Some(b) = polygon.get(j) {
            if (a.y > cy) != (b.y > cy) {
                xs.push(a.x + (cy - a.y) * (b.x - a.x) / (b.y - a.y));
            }
        }
        j = i;
    }
    xs.sort_by(f32::total_cmp);
    for pair in xs.chunks_exact(2) {
        if let [l, r] = pair {
            // Pixel x is inside when its centre x + 0.5 lies in [l, r).
            let x0 = (l - 0.5).ceil().clamp(0.0, width as f32) as u32;
            let x1 = (r - 0.5).ceil().clamp(0.0, width as f32) as u32;
            if x1 > x0 {
                out.push((x0, x1));
            }
        }
    }
}

/// The bounding box of some points, clamped to `[0, w] × [0, h]`, as whole pixel ranges.
pub(crate) fn pixel_bounds(points: &[Point], w: u32, h: u32) -> (u32, u32, u32, u32) {
    let (mut x0, mut y0, mut x1, mut y1) = (f32::MAX, f32::MAX, f32::MIN, f32::MIN);
    for p in points {
        x0 = x0.min(p.x);
        y0 = y0.min(p.y);
        x1 = x1.max(p.x);
        y1 = y1.max(p.y);
    }
    let clamp = |v: f32, max: u32| (v.max(0.0) as u32).min(max);
    (clamp(x0.floor(), w), clamp(y0.floor(), h), clamp(x1.ceil(), w), clamp(y1.ceil(), h))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crop_maps_centre_corners_and_turns() {
        let map = Affine::crop_to_image(Point::new(100.0, 50.0), 40.0, 0.0, 20.0);
        assert_eq!(map.apply(Point::new(10.0, 10.0)), Point::new(100.0, 50.0));
        assert_eq!(map.apply(Point::new(0.0, 0.0)), Point::new(80.0, 30.0));
        let turned = Affine::crop_to_image(Point::new(0.0, 0.0), 2.0, std::f32::consts::FRAC_PI_2, 2.0);
        let p = turned.apply(Point::new(2.0, 1.0));
        assert!((p.x - 0.0).abs() < 1e-5 && (p.y - 1.0).abs() < 1e-5, "{p:?}");
    }

    #[test]
    fn point_in_polygon_and_pixel_bounds() {
        let square =
            [Point::new(0.0, 0.0), Point::new(10.0, 0.0), Point::new(10.0, 10.0), Point::new(0.0, 10.0)];
        assert!(inside(&square, Point::new(5.0, 5.0)));
        assert!(!inside(&square, Point::new(15.0, 5.0)));
        assert_eq!(pixel_bounds(&square, 8, 20), (0, 0, 8, 10));
        let mut spans = Vec::new();
        row_spans(&square, 3, 8, &mut spans);
        assert_eq!(spans, vec![(0, 8)]);
        let diamond =
            [Point::new(5.0, 0.0), Point::new(10.0, 5.0), Point::new(5.0, 10.0), Point::new(0.0, 5.0)];
        row_spans(&diamond, 4, 20, &mut spans);
        let inside_by_test: Vec<u32> =
            (0..20).filter(|&x| inside(&diamond, Point::new(x as f32 + 0.5, 4.5))).collect();
        let inside_by_spans: Vec<u32> = spans.iter().flat_map(|&(a, b)| a..b).collect();
        assert_eq!(inside_by_spans, inside_by_test);
    }

    #[test]
    fn iou_of_overlapping_boxes() {
        let a = Rect { x: 0.0, y: 0.0, width: 10.0, height: 10.0 };
        let b = Rect { x: 5.0, y: 0.0, width: 10.0, height: 10.0 };
        assert!((a.iou(&b) - 50.0 / 150.0).abs() < 1e-6);
        assert_eq!(a.iou(&Rect { x: 20.0, ..a }), 0.0);
    }
}
