//! Where a check's stages begin and end, told to an observer the caller passes, so that a caller
//! with a clock can time them; the core itself has no clock. [`check`](crate::check) passes an
//! observer that does nothing: one indirect call per mark, about twenty per photo.

/// A stage of a check, as [`check_observed`](crate::check_observed) reports it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Stage {
    /// The headers: format, JPEG markers, quantisation tables, density.
    Inspect,
    /// The pixels: decoding and EXIF orientation.
    Decode,
    /// The whole analysis: the working copy, every model with its pre- and post-processing, and
    /// the face geometry. The model stages below lie inside it.
    Analyze,
    /// One run of the face detector (YuNet), inference only.
    Detect,
    /// One run of the face mesh, inference only; a photo with a face has two.
    Mesh,
    /// One run of the iris model, inference only; one per eye.
    Iris,
    /// One run of the person segmentation, inference only.
    Segment,
    /// Measurements and verdicts.
    Measure,
    /// The report: overlay and texts.
    Report,
}

impl Stage {
    /// Every stage, in the order a check begins them.
    pub const ALL: [Stage; 9] = [
        Stage::Inspect,
        Stage::Decode,
        Stage::Analyze,
        Stage::Detect,
        Stage::Mesh,
        Stage::Iris,
        Stage::Segment,
        Stage::Measure,
        Stage::Report,
    ];

    /// A stable lower-case name: `inspect`, `decode`, `analyze`, `detect`, `mesh`, `iris`,
    /// `segment`, `measure`, `report`.
    pub const fn name(self) -> &'static str {
        match self {
            Stage::Inspect => "inspect",
            Stage::Decode => "decode",
            Stage::Analyze => "analyze",
            Stage::Detect => "detect",
            Stage::Mesh => "mesh",
            Stage::Iris => "iris",
            Stage::Segment => "segment",
            Stage::Measure => "measure",
            Stage::Report => "report",
        }
    }
}

/// A stage boundary. Marks come in order and nest: every `Begin` is followed by its `End`, also
/// when the stage fails.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Mark {
    /// The stage begins.
    Begin(Stage),
    /// The stage ends.
    End(Stage),
}

/// Hears the marks of one check, in order.
pub type Observer<'a> = dyn FnMut(Mark) + 'a;

/// Runs `work` as `stage`, marking its beginning and end; `work` gets the observer for the stages
/// nested in it.
pub(crate) fn within<T>(
    observe: &mut Observer<'_>,
    stage: Stage,
    work: impl FnOnce(&mut Observer<'_>) -> T,
) -> T {
    observe(Mark::Begin(stage));
    let out = work(observe);
    observe(Mark::End(stage));
    out
}
