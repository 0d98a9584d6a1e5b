//! Rule ids: stable names, one per rule of STANDARD.md, in the order a report lists them.

use serde::{Deserialize, Serialize};

macro_rules! rules {
    ($($variant:ident = $id:literal,)*) => {
        /// A rule of the standard. Its string form (`"file.kb"`) is stable: never renamed or reused.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[non_exhaustive]
        pub enum RuleId {
            $(
                #[doc = concat!("`", $id, "`")]
                #[serde(rename = $id)]
                $variant,
            )*
        }

        impl RuleId {
            /// Every rule, in report order.
            pub const ALL: &'static [RuleId] = &[$(RuleId::$variant),*];

            /// The stable id, e.g. `"geom.eye_y"`.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(RuleId::$variant => $id,)*
                }
            }
        }
    };
}

rules! {
    FileFormat = "file.format",
    FileSizePx = "file.size_px",
    FileBitDepth = "file.bit_depth",
    FileColorSpace = "file.color_space",
    FileQuality = "file.quality",
    FileKb = "file.kb",
    FileDpi = "file.dpi",
    FileName = "file.name",
    GeomFaceCount = "geom.face_count",
    GeomHeadTop = "geom.head_top",
    GeomEyeY = "geom.eye_y",
    GeomFaceWidth = "geom.face_width",
    GeomCenterX = "geom.center_x",
    GeomPupilsLevel = "geom.pupils_level",
    FaceEyesOpen = "face.eyes_open",
    FaceLipsClosed = "face.lips_closed",
    FacePose = "face.pose",
    LightFaceHighlight = "light.face_highlight",
    LightNoseHighlight = "light.nose_highlight",
    LightEven = "light.even",
    BgColor = "bg.color",
    BgUniform = "bg.uniform",
    ClothesContrast = "clothes.contrast",
    ImageSharp = "image.sharp",
    ImageNoEdits = "image.no_edits",
}

impl RuleId {
    /// True for the rules of section 1 (`file.*`), measured from the file's headers.
    pub fn is_file_rule(self) -> bool {
        self.as_str().starts_with("file.")
    }
}
