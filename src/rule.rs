//! The rule registry: one declaration per rule of STANDARD.md, in the order a report lists them.
//!
//! A declaration names the rule's stable id, the `Rules` field and parameter type a profile gives it,
//! the kind and unit of its value, its title, how it is measured, and its words: for each reason its
//! verdict can give, what the report says was found and what to do. From it follow [`RuleId`],
//! [`Rules`] (the profile's rules), [`Rules::common`], titles, units, the measurement dispatch and the
//! wording table [`words`]. The TypeScript `RuleId` and `Reason` unions of the npm package are checked
//! against it by a test (`tests/registry.rs`).
//!
//! Words are templates: `{name}` is filled from the profile and the measurement (see `text.rs` for
//! the names). A reason may have variants, `Reason("variant")`, picked by `text::variant`.
//!
//! Measured by:
//! - `file`: from the file's headers (`measure/file.rs`);
//! - `scene(f)`: `f(&Ctx) -> Measurement`, from the picture;
//! - `face(f)`: `f(&Ctx, &Face) -> Measurement`, from the main face (`no_face` without one).

use serde::{Deserialize, Serialize};

use crate::measure::Measurement;
use crate::profile::{
    BasicRule, BgColorRule, ClothesColorRule, ColorSpaceRule, ColourRule, FormatRule, NameRule, PoseRule,
    RangeRule, RecaptureRule, RuleCommon, Text,
};
use crate::verdict::Reason;

/// What a rule's `value` is in a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValueKind {
    /// A number in the rule's unit.
    Number,
    /// A text such as `"600×800"`.
    Text,
}

/// One row of the wording table: what the report says for a rule and a reason.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Words {
    pub(crate) rule: RuleId,
    pub(crate) reason: Reason,
    /// `""`, or the variant `text::variant` picks.
    pub(crate) variant: &'static str,
    /// What was found: Chinese, English.
    pub(crate) message: (&'static str, &'static str),
    /// What to do, for a reason that does not pass.
    pub(crate) advice: Option<(&'static str, &'static str)>,
}

/// A rule's parameters in a profile: every kind has a severity and a source; range rules a range.
pub(crate) trait RuleParams {
    fn common(&self) -> RuleCommon<'_>;
}

macro_rules! measure_with {
    ($ctx:ident, file) => {
        None
    };
    ($ctx:ident, scene($($f:tt)*)) => {
        Some(crate::measure::$($f)*($ctx))
    };
    ($ctx:ident, face($($f:tt)*)) => {
        Some(match &$ctx.face {
            Some(face) => crate::measure::$($f)*($ctx, face),
            None => Measurement::Unmeasured(crate::measure::Unmeasured::NoFace),
        })
    };
}

macro_rules! is_file {
    (file) => {
        true
    };
    ($other:ident) => {
        false
    };
}

macro_rules! words_of {
    ($rule:ident, $reason:ident, [$($v:literal)?], $mz:literal / $me:literal $(, $az:literal / $ae:literal)?) => {
        Words {
            rule: RuleId::$rule,
            reason: Reason::$reason,
            variant: variant_or_empty!($($v)?),
            message: ($mz, $me),
            advice: advice_of!($($az, $ae)?),
        }
    };
}

macro_rules! variant_or_empty {
    () => {
        ""
    };
    ($v:literal) => {
        $v
    };
}

macro_rules! advice_of {
    () => {
        None
    };
    ($az:literal, $ae:literal) => {
        Some(($az, $ae))
    };
}

macro_rules! registry {
    ($(
        $variant:ident = $id:literal {
            field: $field:ident: $params:ty,
            value: $kind:ident $(in $unit:literal)?,
            title: $tz:literal / $te:literal,
            measure: $how:ident $( ( $($f:tt)* ) )?;
            $( $reason:ident $( ($rv:literal) )? => $mz:literal / $me:literal $( , $az:literal / $ae:literal )? ; )*
        }
    )*) => {
        /// A rule of the standard. Its string form (`"file.kb"`) is stable: never renamed or reused.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[non_exhaustive]
        pub enum RuleId {
            $(
                #[doc = concat!("`", $id, "`: ", $te, ".")]
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

            /// The rule for a stable id.
            pub fn from_id(id: &str) -> Option<RuleId> {
                match id {
                    $($id => Some(RuleId::$variant),)*
                    _ => None,
                }
            }

            /// The rule's name.
            pub fn title(self) -> Text {
                let (zh, en) = match self {
                    $(RuleId::$variant => ($tz, $te),)*
                };
                Text { zh: zh.to_string(), en: en.to_string() }
            }

            /// The unit of the rule's number, as a report shows it.
            pub fn unit(self) -> Option<&'static str> {
                match self {
                    $(RuleId::$variant => None $(.or(Some($unit)))?,)*
                }
            }

            /// Whether the rule's value is a number or a text.
            pub fn value_kind(self) -> ValueKind {
                match self {
                    $(RuleId::$variant => ValueKind::$kind,)*
                }
            }

            /// The reasons this rule's verdict gives when it was measured (not-measured reasons,
            /// common to every rule, are [`Reason::NOT_MEASURED`]).
            pub fn reasons(self) -> &'static [Reason] {
                match self {
                    $(RuleId::$variant => &[$(Reason::$reason),*],)*
                }
            }

            /// True for the rules of section 1 (`file.*`), measured from the file's headers.
            pub fn is_file_rule(self) -> bool {
                match self {
                    $(RuleId::$variant => is_file!($how),)*
                }
            }

            /// The measurement of a picture rule, `None` for the file rules.
            pub(crate) fn measure_content(self, ctx: &crate::measure::Ctx<'_>) -> Option<Measurement> {
                let _ = ctx;
                match self {
                    $(RuleId::$variant => measure_with!(ctx, $how $( ( $($f)* ) )?),)*
                }
            }
        }

        /// The rules of a profile, each optional: a rule a profile leaves out is not in its reports.
        #[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
        #[serde(deny_unknown_fields)]
        pub struct Rules {
            $(
                #[doc = concat!("`", $id, "`: ", $te, ".")]
                #[serde(rename = $id, default, skip_serializing_if = "Option::is_none")]
                pub $field: Option<$params>,
            )*
        }

        impl Rules {
            /// The severity, range and source of rule `id`, or `None` when the profile leaves it out.
            pub fn common(&self, id: RuleId) -> Option<RuleCommon<'_>> {
                match id {
                    $(RuleId::$variant => self.$field.as_ref().map(RuleParams::common),)*
                }
            }
        }

        /// The wording table: one row per (rule, reason, variant).
        pub(crate) const WORDS: &[Words] = &[
            $($(
                words_of!($variant, $reason, [$($rv)?], $mz / $me $(, $az / $ae)?),
            )*)*
        ];
    };
}

registry! {
    FileFormat = "file.format" {
        field: file_format: FormatRule,
        value: Text,
        title: "文件格式" / "File format",
        measure: file;
        NotJpeg => "文件实际是 {format} 格式，不是 JPEG（改扩展名不会改变格式）"
            / "The file is really {format}, not JPEG (renaming does not change the format)",
            "请用图片软件将照片另存为 JPEG（.jpg）格式" / "Save the photo as JPEG (.jpg) in an image editor";
        CannotDecode => "JPEG 文件已损坏或使用了不支持的编码方式，无法读取图像"
            / "The JPEG is damaged or uses an unsupported coding; its picture cannot be read",
            "请重新导出为标准（基线）JPEG 文件" / "Export the photo again as a standard (baseline) JPEG";
        WrongExtension => "文件是 JPEG，但扩展名为 .{ext}，应为 {extensions}"
            / "The file is JPEG but its extension is .{ext}; it must be {extensions}",
            "请把文件扩展名改为 {extensions}" / "Rename the file to end in {extensions}";
        Ok => "JPEG 格式" / "JPEG format";
    }
    FileSizePx = "file.size_px" {
        field: file_size_px: BasicRule,
        value: Text in "px",
        title: "像素尺寸" / "Pixel size",
        measure: file;
        Ok => "{width}×{height} 像素" / "{width} × {height} px";
        WrongSize => "{width}×{height} 像素，应为 {w}×{h}（宽×高）"
            / "{width} × {height} px; must be {w} × {h} (width × height)",
            "请将照片裁剪为 {shape}并缩放到 {w}×{h} 像素"
            / "Crop the photo to a {shape} and scale it to {w} × {h} px";
    }
    FileBitDepth = "file.bit_depth" {
        field: file_bit_depth: BasicRule,
        value: Number,
        title: "色彩位数" / "Colour depth",
        measure: file;
        Grey => "灰度图像（8 位），应为 24 位彩色" / "Greyscale (8-bit); must be 24-bit colour",
            "请使用彩色照片" / "Use a colour photo";
        Cmyk => "4 通道 32 位（CMYK），应为 24 位 RGB" / "4 channels, 32-bit (CMYK); must be 24-bit RGB",
            "请在图片软件中转换为 RGB 模式后另存为 JPEG" / "Convert to RGB mode in an image editor and save as JPEG";
        Not8Bit => "{components} 通道，每通道 {bits} 位，应为 3×8 位"
            / "{components} channels of {bits} bits; must be 3 × 8 bits",
            "请另存为普通 8 位 JPEG" / "Save as an ordinary 8-bit JPEG";
        Ok => "24 位真彩色（3×8 位）" / "24-bit true colour (3 × 8 bit)";
    }
    FileColorSpace = "file.color_space" {
        field: file_color_space: ColorSpaceRule,
        value: Text,
        title: "色彩模式" / "Colour space",
        measure: file;
        Cmyk => "CMYK 印刷色彩模式，应为标准 RGB" / "CMYK print colour; must be standard RGB",
            "请转换为 RGB（sRGB）模式后另存" / "Convert to RGB (sRGB) and save again";
        Grey => "灰度图像，没有色彩" / "Greyscale, no colour",
            "请使用彩色照片" / "Use a colour photo";
        EmbeddedProfile => "内嵌了 {space} 颜色配置文件（ICC），本规范要求不嵌入"
            / "An {space} ICC colour profile is embedded; this profile allows none",
            "另存时不要嵌入颜色配置文件（sRGB）" / "Save without embedding a colour profile (sRGB)";
        NonRgbProfile => "内嵌的颜色配置文件是 {space}，不是 RGB" / "The embedded colour profile is {space}, not RGB",
            "请转换为 sRGB 后另存" / "Convert to sRGB and save again";
        Ok("icc") => "标准 RGB（内嵌 RGB 颜色配置文件）" / "Standard RGB (with an embedded RGB profile)";
        Ok => "标准 RGB" / "Standard RGB";
    }
    FileQuality = "file.quality" {
        field: file_quality: RangeRule,
        value: Number,
        title: "压缩质量" / "Compression quality",
        measure: file;
        InRange => "质量因子约 {value}" / "Quality factor about {value}";
        BelowMin => "质量因子约 {value}，低于 {min}：压缩过度" / "Quality factor about {value}, below {min}: over-compressed",
            "请用更高的质量重新保存，同时保持文件大小在范围内"
            / "Save again at a higher quality, keeping the file size in range";
        AboveMax => "质量因子约 {value}，高于 {max}" / "Quality factor about {value}, above {max}",
            "请用较低的质量重新保存，同时保持文件大小在范围内"
            / "Save again at a lower quality, keeping the file size in range";
    }
    FileKb = "file.kb" {
        field: file_kb: RangeRule,
        value: Number in "KB",
        title: "文件大小" / "File size",
        measure: file;
        AboveMax => "文件 {value} KB，超过 {max} KB 上限" / "File is {value} KB, above the {max} KB limit",
            "请降低压缩质量后重新保存（质量不低于 {q_min}）"
            / "Save again at a lower compression quality (not below {q_min})";
        AboveMax("no_quality") => "文件 {value} KB，超过 {max} KB 上限" / "File is {value} KB, above the {max} KB limit",
            "请降低压缩质量后重新保存" / "Save again at a lower compression quality";
        BelowMin => "文件 {value} KB，低于 {min} KB 下限" / "File is {value} KB, below the {min} KB minimum",
            "请用更高的压缩质量重新保存（不要用填充数据凑大小）" / "Save again at a higher quality (do not pad the file)";
        InRange => "文件 {value} KB（要求 {range} KB）" / "File is {value} KB (allowed {range} KB)";
    }
    FileDpi = "file.dpi" {
        field: file_dpi: RangeRule,
        value: Number in "dpi",
        title: "分辨率" / "Resolution",
        measure: file;
        NotRecorded => "文件未记录分辨率，要求 {want} dpi" / "No resolution recorded; {want} dpi required",
            "在图片软件中把分辨率设为 {want} dpi 后保存（像素尺寸不变）"
            / "Set the resolution to {want} dpi in an image editor and save (pixel size unchanged)";
        InRange => "{found}" / "{found}";
        BelowMin => "分辨率 {found}，要求 {want} dpi" / "Resolution {found}; {want} dpi required",
            "在图片软件中把分辨率设为 {want} dpi 后保存（像素尺寸不变）"
            / "Set the resolution to {want} dpi in an image editor and save (pixel size unchanged)";
        AboveMax => "分辨率 {found}，要求 {want} dpi" / "Resolution {found}; {want} dpi required",
            "在图片软件中把分辨率设为 {want} dpi 后保存（像素尺寸不变）"
            / "Set the resolution to {want} dpi in an image editor and save (pixel size unchanged)";
    }
    FileName = "file.name" {
        field: file_name: NameRule,
        value: Text,
        title: "文件命名" / "File name",
        measure: file;
        BadCheckDigit => "身份证号 {stem} 的校验位不正确（按前 17 位应为 {check}）"
            / "ID number {stem} has a wrong check digit (the first 17 digits give {check})",
            "请核对身份证号后重新命名文件" / "Check the ID number and rename the file";
        BadPattern("id_number") => "文件名“{stem}”不是 18 位身份证号" / "File name \"{stem}\" is not an 18-digit ID number",
            "请用本人 18 位身份证号命名，如 11010519491231002X.jpg"
            / "Name the file by your 18-digit ID number, e.g. 11010519491231002X.jpg";
        BadPattern => "文件名“{stem}”不是 4 位序号（0001–9999）"
            / "File name \"{stem}\" is not a 4-digit sequence number (0001–9999)",
            "请按学校给的序号命名，如 0001.jpg" / "Name the file by the sequence number you were given, e.g. 0001.jpg";
        Ok => "文件名 {name}" / "File name {name}";
    }
    GeomFaceCount = "geom.face_count" {
        field: geom_face_count: RangeRule,
        value: Number,
        title: "人脸数量" / "Number of faces",
        measure: scene(geometry::face_count);
        NoFace => "没有检测到人脸" / "No face found",
            "请使用本人正面、免冠、脸部完整清晰的照片"
            / "Use a frontal photo of yourself, bareheaded, with the whole face clearly visible";
        SeveralFaces => "检测到 {faces} 张人脸，照片中只能有本人" / "{faces} faces found; only you may be in the photo",
            "请单独拍摄，画面中不要有其他人" / "Take the photo alone, with nobody else in the picture";
        BackgroundPerson => "检测到本人，背景中还有 {background_faces} 个较小的人脸"
            / "Your face, and {background_faces} smaller face(s) in the background",
            "请在纯色背景前单独拍摄" / "Take the photo alone in front of a plain background";
        InRange("one") => "检测到 1 张人脸" / "One face found";
        InRange => "检测到 {faces} 张人脸" / "{faces} faces found";
    }
    GeomHeadTop = "geom.head_top" {
        field: geom_head_top: RangeRule,
        value: Number in "px",
        title: "头顶位置" / "Head top position",
        measure: face(geometry::head_top);
        InRange => "头顶距上边 {value} 像素（要求 {range}）" / "Head top {value} px from the top edge (allowed {range})";
        BelowMin => "头顶距上边 {value} 像素（要求 {range}）" / "Head top {value} px from the top edge (allowed {range})",
            "头部太靠近照片上边缘：头顶上方要留出空间（人像下移或缩小）"
            / "The head is too close to the top edge: leave space above the head (move the portrait down or make it smaller)";
        AboveMax => "头顶距上边 {value} 像素（要求 {range}）" / "Head top {value} px from the top edge (allowed {range})",
            "头顶离上边太远：人像上移或放大" / "Too much space above the head: move the portrait up or make it larger";
    }
    GeomEyeY = "geom.eye_y" {
        field: geom_eye_y: RangeRule,
        value: Number in "px",
        title: "眼睛高度" / "Eye line height",
        measure: face(geometry::eye_y);
        InRange => "双眼距上边 {value} 像素（要求 {range}）" / "Eyes {value} px from the top edge (allowed {range})";
        BelowMin => "双眼距上边 {value} 像素（要求 {range}）" / "Eyes {value} px from the top edge (allowed {range})",
            "眼睛位置太高：人像下移" / "The eyes are too high: move the portrait down";
        AboveMax => "双眼距上边 {value} 像素（要求 {range}）" / "Eyes {value} px from the top edge (allowed {range})",
            "眼睛位置太低：人像上移" / "The eyes are too low: move the portrait up";
    }
    GeomFaceWidth = "geom.face_width" {
        field: geom_face_width: RangeRule,
        value: Number in "px",
        title: "脸部宽度" / "Face width",
        measure: face(geometry::face_width);
        InRange => "脸宽 {value} 像素（要求 {range}）" / "Face {value} px wide (allowed {range})";
        BelowMin => "脸宽 {value} 像素（要求 {range}）" / "Face {value} px wide (allowed {range})",
            "脸太小：裁剪时放大人像，或拍摄时靠近一些" / "The face is too small: crop closer, or stand closer to the camera";
        AboveMax => "脸宽 {value} 像素（要求 {range}）" / "Face {value} px wide (allowed {range})",
            "脸太大：裁剪时缩小人像，或拍摄时离远一些" / "The face is too large: crop wider, or stand further from the camera";
    }
    GeomCenterX = "geom.center_x" {
        field: geom_center_x: RangeRule,
        value: Number in "px",
        title: "左右居中" / "Horizontal centring",
        measure: face(geometry::center_x);
        InRange => "脸部中心在横向 {value} 像素处（要求 {range}）" / "Face centre at x = {value} px (allowed {range})";
        BelowMin => "脸部中心在横向 {value} 像素处（要求 {range}）" / "Face centre at x = {value} px (allowed {range})",
            "脸偏左：请左右居中裁剪" / "The face is left of centre: centre it when cropping";
        AboveMax => "脸部中心在横向 {value} 像素处（要求 {range}）" / "Face centre at x = {value} px (allowed {range})",
            "脸偏右：请左右居中裁剪" / "The face is right of centre: centre it when cropping";
    }
    GeomPupilsLevel = "geom.pupils_level" {
        field: geom_pupils_level: RangeRule,
        value: Number in "px",
        title: "双眼水平" / "Eyes level",
        measure: face(geometry::pupils_level);
        InRange => "两眼高度差 {value} 像素（要求 {range}）" / "Pupils differ in height by {value} px (allowed {range})";
        AboveMax => "两眼高度差 {value} 像素（要求 {range}）" / "Pupils differ in height by {value} px (allowed {range})",
            "请端正头部，双眼平视镜头（不能靠旋转照片来纠正）"
            / "Hold your head level and look straight at the camera (rotating the photo is not allowed)";
        BelowMin => "两眼高度差 {value} 像素（要求 {range}）" / "Pupils differ in height by {value} px (allowed {range})",
            "请端正头部，双眼平视镜头（不能靠旋转照片来纠正）"
            / "Hold your head level and look straight at the camera (rotating the photo is not allowed)";
    }
    GeomShouldersLevel = "geom.shoulders_level" {
        field: geom_shoulders_level: BasicRule,
        value: Text,
        title: "双肩水平" / "Shoulders level",
        measure: face(face::needs_review);
        NeedsReview => "请自查：坐姿端正，左右肩膀平衡" / "Check yourself: sitting upright, shoulders level",
            "拍照时请坐正，双肩放平、不要一高一低" / "Sit upright for the photo with both shoulders level";
    }
    FaceEyesOpen = "face.eyes_open" {
        field: face_eyes_open: RangeRule,
        value: Number,
        title: "双眼睁开" / "Eyes open",
        measure: face(face::eyes_open);
        InRange => "睁眼程度 {value}（要求 {range}）" / "Eye openness {value} (required {range})";
        BelowMin => "睁眼程度 {value}（要求 {range}）" / "Eye openness {value} (required {range})",
            "请自然睁大双眼，目视镜头" / "Open your eyes naturally and look at the camera";
        AboveMax => "睁眼程度 {value}（要求 {range}）" / "Eye openness {value} (required {range})",
            "请自然睁大双眼，目视镜头" / "Open your eyes naturally and look at the camera";
    }
    FaceRedEye = "face.red_eye" {
        field: face_red_eye: RangeRule,
        value: Number in "%",
        title: "无红眼" / "No red eye",
        measure: face(face::red_eye);
        InRange => "瞳孔红色部分占 {value}%（要求 {range}）" / "{value}% of the pupil is red (allowed {range})";
        AboveMax => "瞳孔红色部分占 {value}%（要求 {range}）：红眼"
            / "{value}% of the pupil is red (allowed {range}): red eye",
            "请关闭闪光灯（或开启防红眼）后重新拍摄，不要用软件涂改眼睛"
            / "Retake without flash (or with red-eye reduction); do not paint over the eyes";
        BelowMin => "瞳孔红色部分占 {value}%（要求 {range}）" / "{value}% of the pupil is red (allowed {range})",
            "请关闭闪光灯（或开启防红眼）后重新拍摄" / "Retake without flash (or with red-eye reduction)";
    }
    FaceAccessories = "face.accessories" {
        field: face_accessories: BasicRule,
        value: Text,
        title: "无饰品" / "No jewellery",
        measure: face(face::needs_review);
        NeedsReview => "请自查：未佩戴耳环、项链" / "Check yourself: no earrings or necklace",
            "拍照前请摘下耳环、项链等饰品" / "Take off earrings, necklaces and other jewellery before the photo";
    }
    FaceLipsClosed = "face.lips_closed" {
        field: face_lips_closed: RangeRule,
        value: Number in "‰",
        title: "嘴唇闭合" / "Lips closed",
        measure: face(face::lips_closed);
        InRange => "嘴唇间隙为脸宽的 {value}‰（要求 {range}）" / "Lip gap {value}‰ of the face width (allowed {range})";
        AboveMax => "嘴唇间隙为脸宽的 {value}‰（要求 {range}）" / "Lip gap {value}‰ of the face width (allowed {range})",
            "请自然闭合嘴唇，不要露齿" / "Close your lips naturally, without showing teeth";
        BelowMin => "嘴唇间隙为脸宽的 {value}‰（要求 {range}）" / "Lip gap {value}‰ of the face width (allowed {range})",
            "请自然闭合嘴唇，不要露齿" / "Close your lips naturally, without showing teeth";
    }
    FacePose = "face.pose" {
        field: face_pose: PoseRule,
        value: Text,
        title: "头部端正" / "Head upright",
        measure: face(face::pose);
        Tilted => "头部向一侧倾斜约 {roll}°" / "Head tilted sideways by about {roll}°",
            "请坐正，头部不要歪斜（不能靠旋转照片来纠正）"
            / "Sit upright with your head straight (rotating the photo is not allowed)";
        Turned => "头部左右转向约 {yaw}°" / "Head turned by about {yaw}°",
            "请正对镜头，双肩放平" / "Face the camera squarely, shoulders level";
        Pitched => "头部上仰或低头约 {pitch}°" / "Head tilted up or down by about {pitch}°",
            "请平视镜头，下巴不要抬高或压低，相机与眼睛同高"
            / "Look straight at the camera, chin neither raised nor lowered, the camera at eye height";
        Upright => "头部端正（倾斜 {roll}°，转向 {yaw}°，俯仰 {pitch}°）"
            / "Head upright (tilt {roll}°, turn {yaw}°, up/down {pitch}°)";
    }
    FaceGaze = "face.gaze" {
        field: face_gaze: RangeRule,
        value: Number in "%",
        title: "目视镜头" / "Eyes on the camera",
        measure: face(face::gaze);
        InRange => "瞳孔偏离眼睛中央 {value}% 眼宽（要求 {range}）"
            / "Pupils {value}% of the eye width off the middle of the eyes (allowed {range})";
        AboveMax => "瞳孔偏离眼睛中央 {value}% 眼宽（要求 {range}）：视线没有对着镜头"
            / "Pupils {value}% of the eye width off the middle of the eyes (allowed {range}): not looking at the camera",
            "请双眼平视镜头" / "Look straight into the camera";
        BelowMin => "瞳孔偏离眼睛中央 {value}% 眼宽（要求 {range}）"
            / "Pupils {value}% of the eye width off the middle of the eyes (allowed {range})",
            "请双眼平视镜头" / "Look straight into the camera";
    }
    FaceOcclusion = "face.occlusion" {
        field: face_occlusion: RangeRule,
        value: Number in "%",
        title: "面部无遮挡" / "Face not covered",
        measure: face(cover::occlusion);
        InRange => "被遮挡的面部区域 {value}%（要求 {range}）；手的遮挡未检测，请自查：手未挡住脸"
            / "{value}% of the face regions covered (allowed {range}); a hand is not detected: check yourself that no hand covers the face";
        AboveMax => "被遮挡的面部区域 {value}%（要求 {range}）：眼睛、鼻子或嘴巴被口罩、手、帽子或其他物体遮住"
            / "{value}% of the face regions covered (allowed {range}): a mask, hand, hat or other object covers the eyes, nose or mouth",
            "请摘下口罩、帽子等遮挡物，手和头发不要挡住眼睛、鼻子和嘴巴后重新拍摄"
            / "Take the photo again without a mask or hat, with no hand or hair over the eyes, nose or mouth";
        BelowMin => "被遮挡的面部区域 {value}%（要求 {range}）" / "{value}% of the face regions covered (allowed {range})",
            "请摘下口罩、帽子等遮挡物后重新拍摄" / "Take the photo again without a mask, hat or other cover";
    }
    FaceHeadCovering = "face.head_covering" {
        field: face_head_covering: RangeRule,
        value: Number in "%",
        title: "免冠" / "No head covering",
        measure: face(cover::head_covering);
        InRange => "头顶上方非头发的部分占 {value}%（要求 {range}）"
            / "{value}% of the head above the forehead is neither hair nor skin (allowed {range})";
        AboveMax => "头顶上方非头发的部分占 {value}%（要求 {range}）：可能戴了帽子或头饰"
            / "{value}% of the head above the forehead is neither hair nor skin (allowed {range}): a hat or headwear may be worn",
            "请摘下帽子、发箍等头部覆盖物；因宗教或医疗原因佩戴的，须露出完整面部"
            / "Take off hats, headbands and other head coverings; one worn for religious or medical reasons must leave the whole face uncovered";
        BelowMin => "头顶上方非头发的部分占 {value}%（要求 {range}）"
            / "{value}% of the head above the forehead is neither hair nor skin (allowed {range})",
            "请摘下帽子等头部覆盖物" / "Take off hats and other head coverings";
    }
    FaceGlassesGlare = "face.glasses_glare" {
        field: face_glasses_glare: RangeRule,
        value: Number in "%",
        title: "眼镜无反光" / "No glare on glasses",
        measure: face(eyes::glasses_glare);
        InRange => "眼睛周围反光点占镜片区域的 {value}%（要求 {range}）"
            / "Glare spots cover {value}% of the area around the eyes (allowed {range})";
        AboveMax => "眼睛周围反光点占镜片区域的 {value}%（要求 {range}）：眼镜反光"
            / "Glare spots cover {value}% of the area around the eyes (allowed {range}): glare on the glasses",
            "眼镜不能有反光：请关闭闪光灯，让光源从侧上方照射，或微调镜框角度后重拍"
            / "No glare on the glasses: retake without flash, with the light from above and to the side, or tilt the frames slightly";
        BelowMin => "眼睛周围反光点占镜片区域的 {value}%（要求 {range}）"
            / "Glare spots cover {value}% of the area around the eyes (allowed {range})",
            "眼镜不能有反光：请关闭闪光灯后重拍" / "No glare on the glasses: retake without flash";
    }
    FaceTintedGlasses = "face.tinted_glasses" {
        field: face_tinted_glasses: RangeRule,
        value: Number in "%",
        title: "不戴有色眼镜" / "No tinted glasses",
        measure: face(eyes::tinted_glasses);
        InRange => "眼睛清晰可见（眼部亮度为肤色的 {value}%，要求 {range}）"
            / "The eyes are visible (eye brightness {value}% of the skin's, required {range})";
        BelowMin => "眼部亮度仅为肤色的 {value}%（要求 {range}）：眼睛被有色或深色镜片遮挡"
            / "Eye brightness only {value}% of the skin's (required {range}): the eyes are hidden by dark or tinted lenses",
            "不得戴有色眼镜（墨镜、变色镜）：请摘下或换成透明镜片后重拍"
            / "No tinted glasses (sunglasses, photochromic lenses): take them off or wear clear lenses and retake";
        AboveMax => "眼部亮度为肤色的 {value}%（要求 {range}）"
            / "Eye brightness {value}% of the skin's (required {range})",
            "不得戴有色眼镜：请摘下后重拍" / "No tinted glasses: take them off and retake";
    }
    FaceHairOverFeatures = "face.hair_over_features" {
        field: face_hair_over_features: RangeRule,
        value: Number in "%",
        title: "头发不遮挡五官" / "Hair clear of brows, eyes and ears",
        measure: face(eyes::hair_over_features);
        InRange => "眉毛上方 {value}% 不是皮肤（要求 {range}）；耳朵未检测，请自查：头发未遮挡耳朵"
            / "{value}% above the eyebrows is not skin (allowed {range}); ears not checked: check yourself that hair leaves the ears clear";
        AboveMax => "眉毛上方 {value}% 不是皮肤（要求 {range}）：头发（刘海）遮挡眉毛或眼睛；耳朵请自查"
            / "{value}% above the eyebrows is not skin (allowed {range}): hair (a fringe) covers the eyebrows or eyes; check the ears yourself",
            "头发不得遮挡眉毛、眼睛和耳朵：请把刘海梳起或夹到两侧，露出眉毛和耳朵"
            / "Hair must not cover the eyebrows, eyes or ears: pin the fringe up or to the side so the brows and ears show";
        BelowMin => "眉毛上方 {value}% 不是皮肤（要求 {range}）"
            / "{value}% above the eyebrows is not skin (allowed {range})",
            "头发不得遮挡眉毛、眼睛和耳朵：请露出眉毛和耳朵"
            / "Hair must not cover the eyebrows, eyes or ears: show the brows and ears";
    }
    LightFaceHighlight = "light.face_highlight" {
        field: light_face_highlight: RangeRule,
        value: Number in "‱",
        title: "面部高光" / "Face highlights",
        measure: face(light::face_highlight);
        InRange => "面部高光占皮肤的 {value}‱（要求 {range}）" / "Highlights on {value}‱ of the skin (allowed {range})";
        AboveMax => "面部高光占皮肤的 {value}‱（要求 {range}）" / "Highlights on {value}‱ of the skin (allowed {range})",
            "避免闪光灯直射，用柔和均匀的光线；可先擦去面部油光"
            / "Avoid direct flash; use soft, even light, and blot shine off the face";
        BelowMin => "面部高光占皮肤的 {value}‱（要求 {range}）" / "Highlights on {value}‱ of the skin (allowed {range})",
            "避免闪光灯直射，用柔和均匀的光线；可先擦去面部油光"
            / "Avoid direct flash; use soft, even light, and blot shine off the face";
    }
    LightNoseHighlight = "light.nose_highlight" {
        field: light_nose_highlight: RangeRule,
        value: Number,
        title: "鼻部高光" / "Nose highlight",
        measure: face(light::nose_highlight);
        InRange => "鼻部最亮处亮度 {value}（要求 {range}）" / "Brightest part of the nose {value} (allowed {range})";
        AboveMax => "鼻部最亮处亮度 {value}（要求 {range}）" / "Brightest part of the nose {value} (allowed {range})",
            "鼻子反光：避免闪光灯直射，用柔和光线" / "Shine on the nose: avoid direct flash and use soft light";
        BelowMin => "鼻部最亮处亮度 {value}（要求 {range}）" / "Brightest part of the nose {value} (allowed {range})",
            "鼻子反光：避免闪光灯直射，用柔和光线" / "Shine on the nose: avoid direct flash and use soft light";
    }
    LightEven = "light.even" {
        field: light_even: RangeRule,
        value: Number in "ΔL*",
        title: "光照均匀" / "Even lighting",
        measure: face(light::even);
        InRange => "左右脸亮度差 ΔL* {value}（要求 {range}）"
            / "Left/right cheek lightness difference ΔL* {value} (allowed {range})";
        AboveMax => "左右脸亮度差 ΔL* {value}（要求 {range}）"
            / "Left/right cheek lightness difference ΔL* {value} (allowed {range})",
            "左右脸明暗不均：请面向光源，让光线均匀照亮两侧"
            / "Uneven light on the two sides of the face: face the light so both sides are lit evenly";
        BelowMin => "左右脸亮度差 ΔL* {value}（要求 {range}）"
            / "Left/right cheek lightness difference ΔL* {value} (allowed {range})",
            "左右脸明暗不均：请面向光源，让光线均匀照亮两侧"
            / "Uneven light on the two sides of the face: face the light so both sides are lit evenly";
    }
    LightExposure = "light.exposure" {
        field: light_exposure: RangeRule,
        value: Number in "%",
        title: "面部曝光" / "Face exposure",
        measure: face(light::exposure);
        InRange => "脸部过暗或过亮的部分占 {value}%（要求 {range}）"
            / "{value}% of the face is too dark or too bright (allowed {range})";
        AboveMax => "脸部过暗或过亮的部分占 {value}%（要求 {range}）：曝光不足或过度"
            / "{value}% of the face is too dark or too bright (allowed {range}): under- or over-exposed",
            "请在明亮、均匀的光线下面向光源拍摄，不要逆光，也不要用闪光灯直射"
            / "Take the photo facing soft, even light: not against the light, and without direct flash";
        BelowMin => "脸部过暗或过亮的部分占 {value}%（要求 {range}）"
            / "{value}% of the face is too dark or too bright (allowed {range})",
            "请在明亮、均匀的光线下面向光源拍摄" / "Take the photo facing soft, even light";
    }
    BgColor = "bg.color" {
        field: bg_color: BgColorRule,
        value: Number in "ΔE",
        title: "背景颜色" / "Background colour",
        measure: scene(background::color);
        InRange => "背景接近{nearest}（色差 ΔE {de}）" / "Background close to {nearest} (ΔE {de})";
        OffColor => "背景颜色 {rgb}，与标准背景色相差太大（最接近{nearest}，ΔE {de}）"
            / "Background colour {rgb} is too far from the standard colours (nearest {nearest}, ΔE {de})",
            "请使用{references}的纯色背景" / "Use a plain {references} background";
    }
    BgUniform = "bg.uniform" {
        field: bg_uniform: RangeRule,
        value: Number in "ΔE",
        title: "背景均匀" / "Uniform background",
        measure: scene(background::uniform);
        InRange => "背景不均匀度 ΔE {value}（要求 {range}）" / "Background variation ΔE {value} (allowed {range})";
        AboveMax => "背景不均匀度 ΔE {value}（要求 {range}）" / "Background variation ΔE {value} (allowed {range})",
            "背景有渐变、阴影或杂物：请在平整的纯色背景前拍摄，人离背景远一些以免投影"
            / "The background has a gradient, shadows or objects: use a flat plain background and stand away from it to avoid shadows";
        BelowMin => "背景不均匀度 ΔE {value}（要求 {range}）" / "Background variation ΔE {value} (allowed {range})",
            "背景有渐变、阴影或杂物：请在平整的纯色背景前拍摄，人离背景远一些以免投影"
            / "The background has a gradient, shadows or objects: use a flat plain background and stand away from it to avoid shadows";
    }
    ClothesContrast = "clothes.contrast" {
        field: clothes_contrast: RangeRule,
        value: Number in "ΔE",
        title: "服装与背景" / "Clothes against background",
        measure: face(background::clothes_contrast);
        InRange => "服装与背景色差 ΔE {value}（要求 {range}）" / "Clothes differ from the background by ΔE {value} (required {range})";
        BelowMin => "服装与背景色差 ΔE {value}（要求 {range}）" / "Clothes differ from the background by ΔE {value} (required {range})",
            "服装颜色与背景太接近：请换一件颜色明显不同的上衣（浅蓝背景不宜穿蓝色）"
            / "The clothes are too close to the background colour: wear a top of a clearly different colour (no blue on light blue)";
        AboveMax => "服装与背景色差 ΔE {value}（要求 {range}）" / "Clothes differ from the background by ΔE {value} (required {range})",
            "服装颜色与背景太接近：请换一件颜色明显不同的上衣（浅蓝背景不宜穿蓝色）"
            / "The clothes are too close to the background colour: wear a top of a clearly different colour (no blue on light blue)";
    }
    ClothesColor = "clothes.color" {
        field: clothes_color: ClothesColorRule,
        value: Number in "%",
        title: "上衣颜色" / "Colour of the top",
        measure: face(clothes::color);
        Ok => "背景不是{background}，上衣颜色不限（蓝色部分占 {value}%）"
            / "The background is not {background}; any colour of top is allowed ({value}% blue)";
        InRange => "上衣蓝色部分占 {value}%（要求 {range}）" / "{value}% of the top is blue (allowed {range})";
        AboveMax => "{background}背景，上衣蓝色部分占 {value}%（要求 {range}）：蓝色上衣"
            / "{background} background and {value}% of the top is blue (allowed {range}): a blue top",
            "{background}背景不得穿蓝色上衣：请换一件非蓝色（如白色、深色）的上衣"
            / "No blue top on a {background} background: wear a top of another colour (e.g. white or dark)";
    }
    ImageSharp = "image.sharp" {
        field: image_sharp: RangeRule,
        value: Number,
        title: "清晰度" / "Sharpness",
        measure: face(picture::sharp);
        NoColour => "黑白照片，没有真实色彩" / "Black-and-white picture: no true colour",
            "请使用彩色照片" / "Use a colour photo";
        BelowMin => "照片模糊（清晰度 {value}，要求 {range}）" / "The photo is blurred (sharpness {value}, required {range})",
            "请对焦后重新拍摄，保持相机稳定、光线充足" / "Retake in focus, holding the camera still in good light";
        InRange => "清晰（{value}）" / "In focus ({value})";
        AboveMax => "清晰（{value}）" / "In focus ({value})";
    }
    ImageColour = "image.colour" {
        field: image_colour: ColourRule,
        value: Text,
        title: "色彩真实" / "True colour",
        measure: face(picture::colour);
        NoColour => "黑白（灰度）照片，没有真实色彩" / "Black-and-white (grey) picture: no true colour",
            "请使用未经滤镜处理的彩色照片" / "Use a colour photo without filters";
        ColourCast => "肤色不自然：偏色或单色调（a* {a}，b* {b}；自然肤色 a* {a_range}，b* {b_range}）"
            / "Unnatural skin colour: a colour cast or a single tone such as sepia (a* {a}, b* {b}; natural skin: a* {a_range}, b* {b_range})",
            "请在白色日光下拍摄，不用滤镜，白平衡设为自动"
            / "Take the photo in white daylight, without filters, with automatic white balance";
        Ok => "自然彩色（肤色 a* {a}，b* {b}）" / "Natural colour (skin a* {a}, b* {b})";
    }
    ImageNoEdits = "image.no_edits" {
        field: image_no_edits: BasicRule,
        value: Number,
        title: "无边框文字修图" / "No borders, text or edits",
        measure: scene(picture::borders);
        Ok => "未发现边框" / "No border found";
        Border => "照片边缘有 {edges} 条纯色边框" / "{edges} edge(s) carry a solid border",
            "请去掉边框，不要添加文字、水印或其他修饰" / "Remove the border; add no text, watermark or other edits";
    }
    ImageRecapture = "image.recapture" {
        field: image_recapture: RecaptureRule,
        value: Text,
        title: "非翻拍" / "Not a recapture",
        measure: scene(recapture::recapture);
        Ok => "未发现翻拍迹象（网纹 {pattern} dB，画中画边框 {frame}%）"
            / "No sign of a recapture (periodic pattern {pattern} dB, frame {frame}%)";
        PeriodicPattern => "发现规则的网纹或摩尔纹（{pattern} dB，上限 {max_pattern} dB）：可能是翻拍的屏幕或打印照片"
            / "A regular grid or moiré pattern ({pattern} dB, limit {max_pattern} dB): possibly a photographed screen or print",
            "请用相机直接拍摄本人，不要翻拍屏幕、手机或打印的照片"
            / "Photograph the person directly; do not photograph a screen, a phone or a printed photo";
        FrameInFrame => "人脸两侧有笔直的边框（{frame}%，上限 {max_frame}%）：可能是翻拍的照片或屏幕"
            / "Straight frame edges on both sides of the face ({frame}%, limit {max_frame}%): possibly a photographed print or screen",
            "请用相机直接拍摄本人，不要翻拍屏幕、手机或打印的照片"
            / "Photograph the person directly; do not photograph a screen, a phone or a printed photo";
    }
}
