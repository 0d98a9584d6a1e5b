//! Order statistics of pixel samples, by selection rather than a full sort.

use std::cmp::Ordering;

/// The `q`-quantile of `values` (nearest rank: the element at `round((n − 1)·q)` of the sorted
/// values; `q = 0.5` is the element at `n / 2`), `None` for no values. Reorders `values`.
pub(crate) fn quantile_by<T: Copy>(
    values: &mut [T],
    q: f64,
    cmp: impl FnMut(&T, &T) -> Ordering,
) -> Option<T> {
    let at = ((values.len().checked_sub(1)? as f64) * q).round() as usize;
    Some(*values.select_nth_unstable_by(at, cmp).1)
}

/// [`quantile_by`] of floats in their total order.
pub(crate) fn quantile(values: &mut [f32], q: f64) -> Option<f32> {
    quantile_by(values, q, f32::total_cmp)
}

/// The median of floats (the element at `n / 2` of the sorted values).
pub(crate) fn median(values: &mut [f64]) -> Option<f64> {
    quantile_by(values, 0.5, f64::total_cmp)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_rank_and_the_upper_middle() {
        let mut v = [5.0_f32, 1.0, 4.0, 2.0, 3.0];
        assert_eq!(quantile(&mut v, 0.0), Some(1.0));
        assert_eq!(quantile(&mut v, 0.9), Some(5.0));
        assert_eq!(quantile(&mut v, 0.5), Some(3.0));
        // Even counts: the upper of the two middle values, as `sorted[n / 2]`.
        let mut even = [4.0_f64, 1.0, 3.0, 2.0];
        assert_eq!(median(&mut even), Some(3.0));
        assert_eq!(quantile_by(&mut [7_i32, -2, 9, 0], 0.5, i32::cmp), Some(7));
        assert_eq!(quantile(&mut [], 0.5), None);
    }

    #[test]
    fn percentile_is_the_nearest_rank() {
        let values: Vec<f32> = (0..=100).rev().map(|v| v as f32).collect();
        assert_eq!(quantile(&mut values.clone(), 0.5), Some(50.0));
        assert_eq!(quantile(&mut values.clone(), 0.99), Some(99.0));
        assert_eq!(quantile(&mut values.clone(), 1.0), Some(100.0));
        assert_eq!(quantile(&mut Vec::new(), 0.5), None);
    }
}
