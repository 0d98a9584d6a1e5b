//! When autocrop makes no file, and what it tells the student: refusals the crop cannot help (faces,
//! eyes, a head cut off by the edge), the limit that stands in the way of a placement, and the words.

use super::plan::{self, Bounds, Subject, Targets};
use super::RefusalReason;
use crate::face::FaceGeometry;
use crate::measure::{Measurement, Measurements};
use crate::profile::Text;
use crate::rule::RuleId;
use crate::verdict::{Verdict, Verdicts};

/// A head top or face this close to the photo's edge (share of its height or width) is cut off.
const CUT_OFF: f64 = 0.01;

fn t(zh: impl Into<String>, en: impl Into<String>) -> Text {
    Text { zh: zh.into(), en: en.into() }
}

/// Rules whose failure no crop can fix, each with its refusal, in the order they are named.
const UNFIXABLE: &[(RuleId, RefusalReason)] = &[
    (RuleId::FaceEyesOpen, RefusalReason::EyesClosed),
    (RuleId::FaceRedEye, RefusalReason::RedEye),
    (RuleId::FaceOcclusion, RefusalReason::FaceCovered),
    (RuleId::FaceTintedGlasses, RefusalReason::TintedGlasses),
];

/// Refusals the crop cannot help: faces, then the first failing rule of [`UNFIXABLE`].
pub(super) fn content_refusal(m: &Measurements, verdicts: &Verdicts) -> Option<RefusalReason> {
    match m.get(RuleId::GeomFaceCount) {
        Some(Measurement::FaceCount { faces: 0, .. }) => return Some(RefusalReason::NoFace),
        Some(Measurement::FaceCount { faces, .. }) if *faces > 1 => return Some(RefusalReason::SeveralFaces),
        _ => {}
    }
    UNFIXABLE
        .iter()
        .find(|(rule, _)| verdicts.verdict(*rule) == Some(Verdict::Fail))
        .map(|&(_, reason)| reason)
}

/// The head top at the photo's top edge, or a cheek or the chin outside the photo.
pub(super) fn cut_off(g: &FaceGeometry, s: &Subject) -> bool {
    let (l, r) = g.cheeks;
    let (w, h) = (s.image_width, s.image_height);
    s.head_top_y <= CUT_OFF * h
        || f64::from(l.x.min(r.x)) < 0.0
        || f64::from(l.x.max(r.x)) > w
        || f64::from(g.chin_y) > h
}

/// Which limit stands in the way, tried one at a time in the order a student can act on.
pub(super) fn diagnose(subject: &Subject, targets: &Targets, bounds: Bounds) -> RefusalReason {
    let free = Bounds { top: false, bottom: false, sides: false, max_upscale: None, pupils: false, ..bounds };
    if plan::solve(subject, targets, free).is_none() {
        return RefusalReason::CannotPlace;
    }
    let single: [(Bounds, RefusalReason); 5] = [
        (Bounds { pupils: false, ..bounds }, RefusalReason::HeadTilted),
        (Bounds { max_upscale: None, ..bounds }, RefusalReason::FaceTooSmall),
        (Bounds { top: false, ..bounds }, RefusalReason::HeadTooCloseToTop),
        (Bounds { sides: false, ..bounds }, RefusalReason::TooCloseToSide),
        (Bounds { bottom: false, ..bounds }, RefusalReason::TooCloseToBottom),
    ];
    for (relaxed, reason) in single {
        if plan::solve(subject, targets, relaxed).is_some() {
            return reason;
        }
    }
    // Several limits at once: name the first one that is needed.
    let mut relaxed = bounds;
    for (step, reason) in single {
        relaxed = Bounds {
            pupils: relaxed.pupils && step.pupils,
            max_upscale: relaxed.max_upscale.and(step.max_upscale),
            top: relaxed.top && step.top,
            sides: relaxed.sides && step.sides,
            bottom: relaxed.bottom && step.bottom,
            margin: bounds.margin,
        };
        if plan::solve(subject, targets, relaxed).is_some() {
            return reason;
        }
    }
    RefusalReason::CannotPlace
}

/// What is wrong and what to do, when autocrop makes no file.
pub(super) fn words(reason: RefusalReason) -> (Text, Text) {
    let retake = "请重新拍摄";
    let (m, a) = match reason {
        RefusalReason::NotDecoded => (
            t("无法读取这张照片的图像", "The photo's picture cannot be read"),
            t("请导出为 JPEG 后重试", "Export the photo as JPEG and try again"),
        ),
        RefusalReason::NoFace => (
            t("照片中没有找到人脸", "No face was found in the photo"),
            t(format!("{retake}：正面免冠，脸部清晰完整"), "Take a new photo: facing the camera, face clear and whole"),
        ),
        RefusalReason::SeveralFaces => (
            t("照片中有不止一个人", "There is more than one person in the photo"),
            t(format!("{retake}：照片中只能有本人一人"), "Take a new photo with only yourself in it"),
        ),
        RefusalReason::EyesClosed => (
            t("眼睛是闭着的", "The eyes are closed"),
            t(format!("{retake}：双眼自然睁开，平视镜头"), "Take a new photo with your eyes open, looking at the camera"),
        ),
        RefusalReason::RedEye => (
            t("照片有红眼（瞳孔发红）", "The photo has red eye (red pupils)"),
            t(
                format!("{retake}：关闭闪光灯或开启防红眼，不要用软件涂改眼睛"),
                "Take a new photo without flash (or with red-eye reduction); do not paint over the eyes",
            ),
        ),
        RefusalReason::FaceCovered => (
            t("脸部被遮挡：眼睛、鼻子或嘴巴被口罩、手或其他物体遮住", "The face is covered: a mask, hand or other object is over the eyes, nose or mouth"),
            t(
                format!("{retake}：摘下口罩和帽子，手和头发不要挡住脸"),
                "Take a new photo without a mask or hat, with no hand or hair over the face",
            ),
        ),
        RefusalReason::TintedGlasses => (
            t("眼睛被有色或深色镜片遮住", "Dark or tinted lenses hide the eyes"),
            t(
                format!("{retake}：摘下墨镜或有色眼镜，或换成透明镜片"),
                "Take a new photo without sunglasses or tinted glasses, or with clear lenses",
            ),
        ),
        RefusalReason::FaceCutOff => (
            t("脸部或头部被照片边缘截断", "The face or head is cut off by the photo's edge"),
            t(
                format!("{retake}：头顶、下巴和两侧脸颊都要完整地在画面内"),
                "Take a new photo with the whole head, chin and both cheeks inside the frame",
            ),
        ),
        RefusalReason::NoPerson => (
            t("无法把人像与背景分开，找不到头顶位置", "The person cannot be told apart from the background, so the head top is unknown"),
            t(format!("{retake}：在纯色背景前拍摄"), "Take a new photo in front of a plain background"),
        ),
        RefusalReason::HeadTooCloseToTop => (
            t("头部太靠近照片上边缘", "The head is too close to the photo's top edge"),
            t(
                format!("{retake}，头顶上方留出空间；或选择换背景颜色，由背景补齐"),
                "Take a new photo with room above the head, or choose a new background colour to fill it",
            ),
        ),
        RefusalReason::TooCloseToBottom => (
            t("照片下方留得太少，肩部不够", "Too little of the shoulders is below the face"),
            t(
                format!("{retake}，拍到胸部以上（选择换背景颜色时可补齐少量空缺）"),
                "Take a new photo down to the chest (with a new background colour a small gap is filled)",
            ),
        ),
        RefusalReason::TooCloseToSide => (
            t("人脸太靠近照片左右边缘", "The face is too close to the photo's left or right edge"),
            t(
                format!("{retake}，人位于画面中间（选择换背景颜色时可补齐少量空缺）"),
                "Take a new photo with yourself in the middle (with a new background colour a small gap is filled)",
            ),
        ),
        RefusalReason::FaceTooSmall => (
            t("人脸太小，放大后会模糊", "The face is too small: enlarged, it would be blurred"),
            t(
                "请离镜头近一些重新拍摄，或使用原始的高分辨率照片（不要用截图或压缩过的图片）",
                "Take the photo closer, or use the original high-resolution photo (not a screenshot or compressed copy)",
            ),
        ),
        RefusalReason::HeadTilted => (
            t("头部倾斜，双眼不在同一水平线上", "The head is tilted: the eyes are not level"),
            t(
                format!("{retake}：坐正，头部不要歪斜（规范不允许旋转照片）"),
                "Take a new photo sitting upright with the head level (the standard does not allow rotating the photo)",
            ),
        ),
        RefusalReason::BackgroundNotSeparated => (
            t(
                "换背景后背景仍不均匀：人像与原背景分不干净，或头发、衣服延伸到了照片边缘",
                "The new background is still uneven: the person cannot be cleanly cut out, or hair or clothes run into the photo's edge",
            ),
            t(
                format!("{retake}：在纯色的墙或幕布前，人位于画面中间，拍到胸部以上，身后不要有其他人或物体"),
                "Take a new photo in front of a plain wall, in the middle of the frame, down to the chest, with nothing behind you",
            ),
        ),
        RefusalReason::CannotPlace => (
            t("无法同时满足头顶、眼睛高度和脸宽的要求", "Head top, eye line and face width cannot all be placed in their ranges"),
            t(format!("{retake}：正面免冠，不戴帽子，头发不要过高"), "Take a new photo facing the camera, without a hat or tall hair"),
        ),
    };
    (m, a)
}
