//! Sections 2 and 3 of the standard: what is in the picture. Each rule reads the one [`Analysis`]
//! made for the photo.

use super::{Measurement, Unmeasured};
use crate::analysis::Analysis;
use crate::rule::RuleId;

pub(super) fn measure(_rule: RuleId, not_decoded: bool, analysis: Option<&Analysis>) -> Measurement {
    if not_decoded {
        return Measurement::Unmeasured(Unmeasured::NotDecoded);
    }
    match analysis {
        // Face and scene models are not part of this build yet; every content rule waits for them.
        Some(_) | None => Measurement::Unmeasured(Unmeasured::AnalysisUnavailable),
    }
}
