//! The words of the report: rule titles, what was found and what to do, in Chinese and English.
//! Everything here reads a measurement and an outcome; nothing here decides a verdict.

use crate::measure::Measurement;
use crate::naming::{id_check_char, split_name};
use crate::profile::{NameScheme, Profile, RuleCommon, Text};
use crate::rule::RuleId;
use crate::verdict::{Outcome, Verdict};

fn t(zh: impl Into<String>, en: impl Into<String>) -> Text {
    Text { zh: zh.into(), en: en.into() }
}

/// A number for people: at most two decimals, no trailing zeros.
pub(crate) fn num(v: f64) -> String {
    let s = format!("{:.2}", (v * 100.0).round() / 100.0);
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// The rule's name.
pub(crate) fn title(rule: RuleId) -> Text {
    let (zh, en) = match rule {
        RuleId::FileFormat => ("文件格式", "File format"),
        RuleId::FileSizePx => ("像素尺寸", "Pixel size"),
        RuleId::FileBitDepth => ("色彩位数", "Colour depth"),
        RuleId::FileColorSpace => ("色彩模式", "Colour space"),
        RuleId::FileQuality => ("压缩质量", "Compression quality"),
        RuleId::FileKb => ("文件大小", "File size"),
        RuleId::FileDpi => ("分辨率", "Resolution"),
        RuleId::FileName => ("文件命名", "File name"),
        RuleId::GeomFaceCount => ("人脸数量", "Number of faces"),
        RuleId::GeomHeadTop => ("头顶位置", "Head top position"),
        RuleId::GeomEyeY => ("眼睛高度", "Eye line height"),
        RuleId::GeomFaceWidth => ("脸部宽度", "Face width"),
        RuleId::GeomCenterX => ("左右居中", "Horizontal centring"),
        RuleId::GeomPupilsLevel => ("双眼水平", "Eyes level"),
        RuleId::FaceEyesOpen => ("双眼睁开", "Eyes open"),
        RuleId::FaceLipsClosed => ("嘴唇闭合", "Lips closed"),
        RuleId::FacePose => ("头部端正", "Head upright"),
        RuleId::LightFaceHighlight => ("面部高光", "Face highlights"),
        RuleId::LightNoseHighlight => ("鼻部高光", "Nose highlight"),
        RuleId::LightEven => ("光照均匀", "Even lighting"),
        RuleId::BgColor => ("背景颜色", "Background colour"),
        RuleId::BgUniform => ("背景均匀", "Uniform background"),
        RuleId::ClothesContrast => ("服装与背景", "Clothes against background"),
        RuleId::ImageSharp => ("清晰度", "Sharpness"),
        RuleId::ImageNoEdits => ("无边框文字修图", "No borders, text or edits"),
    };
    t(zh, en)
}

/// The unit a rule's number is in, as the report shows it.
pub(crate) fn unit(rule: RuleId) -> Option<&'static str> {
    match rule {
        RuleId::FileKb => Some("KB"),
        RuleId::FileDpi => Some("dpi"),
        RuleId::FaceLipsClosed => Some("‰"),
        RuleId::LightFaceHighlight => Some("‱"),
        RuleId::LightEven => Some("ΔL*"),
        RuleId::BgColor | RuleId::BgUniform | RuleId::ClothesContrast => Some("ΔE"),
        RuleId::FileSizePx
        | RuleId::GeomHeadTop
        | RuleId::GeomEyeY
        | RuleId::GeomFaceWidth
        | RuleId::GeomCenterX
        | RuleId::GeomPupilsLevel => Some("px"),
        _ => None,
    }
}

/// What was found (message) and, unless the rule passes, what to do (advice).
pub(crate) fn describe(
    rule: RuleId,
    m: &Measurement,
    outcome: Outcome,
    common: RuleCommon<'_>,
    profile: &Profile,
) -> (Text, Option<Text>) {
    if let Measurement::Unmeasured(_) = m {
        return (not_measured(outcome.reason), None);
    }
    let (w, h) = (profile.width_px, profile.height_px);
    let (min, max) = common.range.unwrap_or((None, None));
    let range_zh = range_text(min, max, "–");
    let r = outcome.reason;
    let pass = outcome.verdict == Verdict::Pass;
    match (rule, m) {
        (RuleId::FileFormat, Measurement::Format { format, extension, .. }) => match r {
            "not_jpeg" => (
                t(
                    format!("文件实际是 {} 格式，不是 JPEG（改扩展名不会改变格式）", format.name()),
                    format!(
                        "The file is really {}, not JPEG (renaming does not change the format)",
                        format.name()
                    ),
                ),
                Some(t(
                    "请用图片软件将照片另存为 JPEG（.jpg）格式",
                    "Save the photo as JPEG (.jpg) in an image editor",
                )),
            ),
            "cannot_decode" => (
                t(
                    "JPEG 文件已损坏或使用了不支持的编码方式，无法读取图像",
                    "The JPEG is damaged or uses an unsupported coding; its picture cannot be read",
                ),
                Some(t(
                    "请重新导出为标准（基线）JPEG 文件",
                    "Export the photo again as a standard (baseline) JPEG",
                )),
            ),
            "wrong_extension" => {
                let ext = extension.as_deref().unwrap_or_default();
                (
                    t(
                        format!("文件是 JPEG，但扩展名为 .{ext}，应为 .jpg"),
                        format!("The file is JPEG but its extension is .{ext}; it must be .jpg"),
                    ),
                    Some(t("请把文件扩展名改为 .jpg", "Rename the file to end in .jpg")),
                )
            }
            _ => (t("JPEG 格式", "JPEG format"), None),
        },
        (RuleId::FileSizePx, Measurement::SizePx { width, height }) => {
            if pass {
                (t(format!("{width}×{height} 像素"), format!("{width} × {height} px")), None)
            } else {
                (
                    t(
                        format!("{width}×{height} 像素，应为 {w}×{h}（宽×高）"),
                        format!("{width} × {height} px; must be {w} × {h} (width × height)"),
                    ),
                    Some(t(
                        format!("请将照片裁剪为 3:4 竖幅并缩放到 {w}×{h} 像素"),
                        format!("Crop the photo to a 3:4 portrait and scale it to {w} × {h} px"),
                    )),
                )
            }
        }
        (RuleId::FileBitDepth, Measurement::BitDepth { components, precision_bits }) => match r {
            "grey" => (
                t("灰度图像（8 位），应为 24 位彩色", "Greyscale (8-bit); must be 24-bit colour"),
                Some(t("请使用彩色照片", "Use a colour photo")),
            ),
            "cmyk" => (
                t("4 通道 32 位（CMYK），应为 24 位 RGB", "4 channels, 32-bit (CMYK); must be 24-bit RGB"),
                Some(t(
                    "请在图片软件中转换为 RGB 模式后另存为 JPEG",
                    "Convert to RGB mode in an image editor and save as JPEG",
                )),
            ),
            "not_8_bit" => (
                t(
                    format!("{components} 通道，每通道 {precision_bits} 位，应为 3×8 位"),
                    format!("{components} channels of {precision_bits} bits; must be 3 × 8 bits"),
                ),
                Some(t("请另存为普通 8 位 JPEG", "Save as an ordinary 8-bit JPEG")),
            ),
            _ => (t("24 位真彩色（3×8 位）", "24-bit true colour (3 × 8 bit)"), None),
        },
        (RuleId::FileColorSpace, Measurement::ColorSpace { icc, .. }) => {
            let space = icc.as_deref().unwrap_or_default();
            match r {
                "cmyk" => (
                    t("CMYK 印刷色彩模式，应为标准 RGB", "CMYK print colour; must be standard RGB"),
                    Some(t("请转换为 RGB（sRGB）模式后另存", "Convert to RGB (sRGB) and save again")),
                ),
                "grey" => (
                    t("灰度图像，没有色彩", "Greyscale, no colour"),
                    Some(t("请使用彩色照片", "Use a colour photo")),
                ),
                "embedded_profile" => (
                    t(
                        format!("内嵌了 {space} 颜色配置文件（ICC），本规范要求不嵌入"),
                        format!("An {space} ICC colour profile is embedded; this profile allows none"),
                    ),
                    Some(t(
                        "另存时不要嵌入颜色配置文件（sRGB）",
                        "Save without embedding a colour profile (sRGB)",
                    )),
                ),
                "non_rgb_profile" => (
                    t(
                        format!("内嵌的颜色配置文件是 {space}，不是 RGB"),
                        format!("The embedded colour profile is {space}, not RGB"),
                    ),
                    Some(t("请转换为 sRGB 后另存", "Convert to sRGB and save again")),
                ),
                _ if icc.is_some() => (
                    t("标准 RGB（内嵌 RGB 颜色配置文件）", "Standard RGB (with an embedded RGB profile)"),
                    None,
                ),
                _ => (t("标准 RGB", "Standard RGB"), None),
            }
        }
        (RuleId::FileQuality, Measurement::Number(q)) => {
            let q = num(*q);
            if pass {
                (t(format!("质量因子约 {q}"), format!("Quality factor about {q}")), None)
            } else {
                (
                    t(
                        format!("质量因子约 {q}，低于 {}：压缩过度", num(min.unwrap_or_default())),
                        format!(
                            "Quality factor about {q}, below {}: over-compressed",
                            num(min.unwrap_or_default())
                        ),
                    ),
                    Some(t(
                        "请用更高的质量重新保存，同时保持文件大小在范围内",
                        "Save again at a higher quality, keeping the file size in range",
                    )),
                )
            }
        }
        (RuleId::FileKb, Measurement::Number(kb)) => {
            let kb = num(*kb);
            match r {
                "above_max" => {
                    let m = num(max.unwrap_or_default());
                    (
                        t(
                            format!("文件 {kb} KB，超过 {m} KB 上限"),
                            format!("File is {kb} KB, above the {m} KB limit"),
                        ),
                        Some(t(
                            "请降低压缩质量后重新保存（质量不低于 60）",
                            "Save again at a lower compression quality (not below 60)",
                        )),
                    )
                }
                "below_min" => {
                    let m = num(min.unwrap_or_default());
                    (
                        t(
                            format!("文件 {kb} KB，低于 {m} KB 下限"),
                            format!("File is {kb} KB, below the {m} KB minimum"),
                        ),
                        Some(t(
                            "请用更高的压缩质量重新保存（不要用填充数据凑大小）",
                            "Save again at a higher quality (do not pad the file)",
                        )),
                    )
                }
                _ => (
                    t(
                        format!("文件 {kb} KB（要求 {range_zh} KB）"),
                        format!("File is {kb} KB (allowed {range_zh} KB)"),
                    ),
                    None,
                ),
            }
        }
        (RuleId::FileDpi, Measurement::Dpi(records)) => {
            let found: Vec<String> =
                records.iter().map(|(src, d)| format!("{} dpi ({src})", num(*d))).collect();
            let want = num(min.or(max).unwrap_or(300.0));
            match r {
                "not_recorded" => (
                    t(format!("文件未记录分辨率，要求 {want} dpi"), format!("No resolution recorded; {want} dpi required")),
                    Some(t(format!("在图片软件中把分辨率设为 {want} dpi 后保存（像素尺寸不变）"), format!("Set the resolution to {want} dpi in an image editor and save (pixel size unchanged)"))),
                ),
                _ if pass => (t(found.join("，"), found.join(", ")), None),
                _ => (
                    t(format!("分辨率 {}，要求 {want} dpi", found.join("，")), format!("Resolution {}; {want} dpi required", found.join(", "))),
                    Some(t(format!("在图片软件中把分辨率设为 {want} dpi 后保存（像素尺寸不变）"), format!("Set the resolution to {want} dpi in an image editor and save (pixel size unchanged)"))),
                ),
            }
        }
        (RuleId::FileName, Measurement::Name(name)) => {
            let stem = split_name(name).0;
            let scheme = profile.rules.file_name.as_ref().map(|n| n.scheme);
            match (r, scheme) {
                ("bad_check_digit", _) => {
                    let expected = stem.get(..17).and_then(id_check_char).unwrap_or('?');
                    (
                        t(format!("身份证号 {stem} 的校验位不正确（按前 17 位应为 {expected}）"), format!("ID number {stem} has a wrong check digit (the first 17 digits give {expected})")),
                        Some(t("请核对身份证号后重新命名文件", "Check the ID number and rename the file")),
                    )
                }
                ("bad_pattern", Some(NameScheme::IdNumber)) => (
                    t(
                        format!("文件名“{stem}”不是 18 位身份证号"),
                        format!("File name \"{stem}\" is not an 18-digit ID number"),
                    ),
                    Some(t(
                        "请用本人 18 位身份证号命名，如 11010519491231002X.jpg",
                        "Name the file by your 18-digit ID number, e.g. 11010519491231002X.jpg",
                    )),
                ),
                ("bad_pattern", _) => (
                    t(
                        format!("文件名“{stem}”不是 4 位序号（0001–9999）"),
                        format!("File name \"{stem}\" is not a 4-digit sequence number (0001–9999)"),
                    ),
                    Some(t(
                        "请按学校给的序号命名，如 0001.jpg",
                        "Name the file by the sequence number you were given, e.g. 0001.jpg",
                    )),
                ),
                _ => (t(format!("文件名 {name}"), format!("File name {name}")), None),
            }
        }
        (rule, Measurement::Number(v)) => content_number(rule, *v, r, &range_zh),
        (RuleId::GeomFaceCount, Measurement::FaceCount { faces, background_faces }) => match r {
            "no_face" => (
                t("没有检测到人脸", "No face found"),
                Some(t(
                    "请使用本人正面、免冠、脸部完整清晰的照片",
                    "Use a frontal photo of yourself, bareheaded, with the whole face clearly visible",
                )),
            ),
            "several_faces" => (
                t(
                    format!("检测到 {faces} 张人脸，照片中只能有本人"),
                    format!("{faces} faces found; only you may be in the photo"),
                ),
                Some(t(
                    "请单独拍摄，画面中不要有其他人",
                    "Take the photo alone, with nobody else in the picture",
                )),
            ),
            "background_person" => (
                t(
                    format!("检测到本人，背景中还有 {background_faces} 个较小的人脸"),
                    format!("Your face, and {background_faces} smaller face(s) in the background"),
                ),
                Some(t("请在纯色背景前单独拍摄", "Take the photo alone in front of a plain background")),
            ),
            _ => (t("检测到 1 张人脸", "One face found"), None),
        },
        (RuleId::FacePose, Measurement::Pose { roll_deg, yaw_deg }) => {
            let (roll, yaw) = (num(roll_deg.abs()), num(yaw_deg.abs()));
            match r {
                "tilted" => (
                    t(format!("头部向一侧倾斜约 {roll}°"), format!("Head tilted sideways by about {roll}°")),
                    Some(t(
                        "请坐正，头部不要歪斜（不能靠旋转照片来纠正）",
                        "Sit upright with your head straight (rotating the photo is not allowed)",
                    )),
                ),
                "turned" => (
                    t(format!("头部左右转向约 {yaw}°"), format!("Head turned by about {yaw}°")),
                    Some(t("请正对镜头，双肩放平", "Face the camera squarely, shoulders level")),
                ),
                _ => (
                    t(
                        format!("头部端正（倾斜 {roll}°，转向 {yaw}°）"),
                        format!("Head upright (tilt {roll}°, turn {yaw}°)"),
                    ),
                    None,
                ),
            }
        }
        (RuleId::BgColor, Measurement::Color { rgb }) => {
            let [cr, cg, cb] = rgb.map(|c| c.round() as i64);
            let (name, de) = crate::verdict::nearest_background(*rgb, profile)
                .map(|(n, d, _)| (n.to_string(), num(d)))
                .unwrap_or_default();
            let (zh_name, en_name) = color_name(&name);
            if pass {
                (
                    t(
                        format!("背景接近{zh_name}（色差 ΔE {de}）"),
                        format!("Background close to {en_name} (ΔE {de})"),
                    ),
                    None,
                )
            } else {
                (
                    t(
                        format!("背景颜色 RGB({cr},{cg},{cb})，与标准背景色相差太大（最接近{zh_name}，ΔE {de}）"),
                        format!("Background colour RGB({cr},{cg},{cb}) is too far from the standard colours (nearest {en_name}, ΔE {de})"),
                    ),
                    Some(t(
                        "请使用浅蓝色 RGB(100,197,255)、白色或浅灰色的纯色背景",
                        "Use a plain light blue RGB(100,197,255), white or light grey background",
                    )),
                )
            }
        }
        (RuleId::ImageSharp, Measurement::Sharp { laplacian_var, .. }) => {
            let v = num(*laplacian_var);
            match r {
                "no_colour" => (
                    t("黑白照片，没有真实色彩", "Black-and-white picture: no true colour"),
                    Some(t("请使用彩色照片", "Use a colour photo")),
                ),
                "below_min" => (
                    t(
                        format!("照片模糊（清晰度 {v}，要求 {range_zh}）"),
                        format!("The photo is blurred (sharpness {v}, required {range_zh})"),
                    ),
                    Some(t(
                        "请对焦后重新拍摄，保持相机稳定、光线充足",
                        "Retake in focus, holding the camera still in good light",
                    )),
                ),
                _ => (t(format!("清晰（{v}）"), format!("In focus ({v})")), None),
            }
        }
        (RuleId::ImageNoEdits, Measurement::Edits { bordered_edges }) => {
            if pass {
                (t("未发现边框", "No border found"), None)
            } else {
                (
                    t(
                        format!("照片边缘有 {bordered_edges} 条纯色边框"),
                        format!("{bordered_edges} edge(s) carry a solid border"),
                    ),
                    Some(t(
                        "请去掉边框，不要添加文字、水印或其他修饰",
                        "Remove the border; add no text, watermark or other edits",
                    )),
                )
            }
        }
        _ => (t("已检查", "Checked"), None),
    }
}

fn color_name(name: &str) -> (String, String) {
    match name {
        "blue" => ("浅蓝色".into(), "light blue".into()),
        "white" => ("白色".into(), "white".into()),
        "grey" | "gray" => ("浅灰色".into(), "light grey".into()),
        other => (other.to_string(), other.to_string()),
    }
}

/// Messages for the numeric content rules.
fn content_number(rule: RuleId, v: f64, reason: &str, range: &str) -> (Text, Option<Text>) {
    let v = num(v);
    let low = reason == "below_min";
    let ok = reason == "in_range";
    let (found, advice): (Text, Text) = match rule {
        RuleId::GeomHeadTop => (
            t(format!("头顶距上边 {v} 像素（要求 {range}）"), format!("Head top {v} px from the top edge (allowed {range})")),
            if low {
                t("头部太靠近照片上边缘：头顶上方要留出空间（人像下移或缩小）", "The head is too close to the top edge: leave space above the head (move the portrait down or make it smaller)")
            } else {
                t("头顶离上边太远：人像上移或放大", "Too much space above the head: move the portrait up or make it larger")
            },
        ),
        RuleId::GeomEyeY => (
            t(format!("双眼距上边 {v} 像素（要求 {range}）"), format!("Eyes {v} px from the top edge (allowed {range})")),
            if low {
                t("眼睛位置太高：人像下移", "The eyes are too high: move the portrait down")
            } else {
                t("眼睛位置太低：人像上移", "The eyes are too low: move the portrait up")
            },
        ),
        RuleId::GeomFaceWidth => (
            t(format!("脸宽 {v} 像素（要求 {range}）"), format!("Face {v} px wide (allowed {range})")),
            if low {
                t("脸太小：裁剪时放大人像，或拍摄时靠近一些", "The face is too small: crop closer, or stand closer to the camera")
            } else {
                t("脸太大：裁剪时缩小人像，或拍摄时离远一些", "The face is too large: crop wider, or stand further from the camera")
            },
        ),
        RuleId::GeomCenterX => (
            t(format!("脸部中心在横向 {v} 像素处（要求 {range}）"), format!("Face centre at x = {v} px (allowed {range})")),
            if low {
                t("脸偏左：请左右居中裁剪", "The face is left of centre: centre it when cropping")
            } else {
                t("脸偏右：请左右居中裁剪", "The face is right of centre: centre it when cropping")
            },
        ),
        RuleId::GeomPupilsLevel => (
            t(format!("两眼高度差 {v} 像素（要求 {range}）"), format!("Pupils differ in height by {v} px (allowed {range})")),
            t("请端正头部，双眼平视镜头（不能靠旋转照片来纠正）", "Hold your head level and look straight at the camera (rotating the photo is not allowed)"),
        ),
        RuleId::FaceEyesOpen => (
            t(format!("睁眼程度 {v}（要求 {range}）"), format!("Eye openness {v} (required {range})")),
            t("请自然睁大双眼，目视镜头", "Open your eyes naturally and look at the camera"),
        ),
        RuleId::FaceLipsClosed => (
            t(format!("嘴唇间隙为脸宽的 {v}‰（要求 {range}）"), format!("Lip gap {v}‰ of the face width (allowed {range})")),
            t("请自然闭合嘴唇，不要露齿", "Close your lips naturally, without showing teeth"),
        ),
        RuleId::LightFaceHighlight => (
            t(format!("面部高光占皮肤的 {v}‱（要求 {range}）"), format!("Highlights on {v}‱ of the skin (allowed {range})")),
            t("避免闪光灯直射，用柔和均匀的光线；可先擦去面部油光", "Avoid direct flash; use soft, even light, and blot shine off the face"),
        ),
        RuleId::LightNoseHighlight => (
            t(format!("鼻部最亮处亮度 {v}（要求 {range}）"), format!("Brightest part of the nose {v} (allowed {range})")),
            t("鼻子反光：避免闪光灯直射，用柔和光线", "Shine on the nose: avoid direct flash and use soft light"),
        ),
        RuleId::LightEven => (
            t(format!("左右脸亮度差 ΔL* {v}（要求 {range}）"), format!("Left/right cheek lightness difference ΔL* {v} (allowed {range})")),
            t("左右脸明暗不均：请面向光源，让光线均匀照亮两侧", "Uneven light on the two sides of the face: face the light so both sides are lit evenly"),
        ),
        RuleId::BgUniform => (
            t(format!("背景不均匀度 ΔE {v}（要求 {range}）"), format!("Background variation ΔE {v} (allowed {range})")),
            t("背景有渐变、阴影或杂物：请在平整的纯色背景前拍摄，人离背景远一些以免投影", "The background has a gradient, shadows or objects: use a flat plain background and stand away from it to avoid shadows"),
        ),
        RuleId::ClothesContrast => (
            t(format!("服装与背景色差 ΔE {v}（要求 {range}）"), format!("Clothes differ from the background by ΔE {v} (required {range})")),
            t("服装颜色与背景太接近：请换一件颜色明显不同的上衣（浅蓝背景不宜穿蓝色）", "The clothes are too close to the background colour: wear a top of a clearly different colour (no blue on light blue)"),
        ),
        _ => (t(format!("{v}（要求 {range}）"), format!("{v} (allowed {range})")), t("请按要求调整照片", "Adjust the photo to meet this rule")),
    };
    (found, (!ok).then_some(advice))
}

fn range_text(min: Option<f64>, max: Option<f64>, dash: &str) -> String {
    match (min, max) {
        (Some(a), Some(b)) if a == b => num(a),
        (Some(a), Some(b)) => format!("{}{dash}{}", num(a), num(b)),
        (Some(a), None) => format!("≥ {}", num(a)),
        (None, Some(b)) => format!("≤ {}", num(b)),
        (None, None) => String::new(),
    }
}

fn not_measured(reason: &str) -> Text {
    match reason {
        "analysis_unavailable" => t("未检测：人脸与背景分析暂不可用", "Not measured: analysis not available"),
        "not_decoded" => t("未检测：无法读取图像内容", "Not measured: the picture could not be read"),
        "not_jpeg" => t("未检测：文件不是 JPEG", "Not measured: the file is not a JPEG"),
        "no_file_name" => t("未检测：没有提供文件名", "Not measured: no file name given"),
        "no_face" => t("未检测：没有找到人脸", "Not measured: no face found"),
        "no_person" => t("未检测：没有分割出人像", "Not measured: the person could not be outlined"),
        "no_background" => {
            t("未检测：照片中可见的背景太少", "Not measured: too little background is visible")
        }
        "no_clothes" => t("未检测：照片中看不到服装", "Not measured: the clothes are not in the picture"),
        _ => t("未检测", "Not measured"),
    }
}

/// What is wrong and what to do, when autocrop makes no file.
pub(crate) fn refusal(code: &str) -> (Text, Text) {
    let retake = "请重新拍摄";
    let (m, a) = match code {
        "not_decoded" => (
            t("无法读取这张照片的图像", "The photo's picture cannot be read"),
            t("请选择一张正常的 JPEG 或 PNG 照片", "Choose an ordinary JPEG or PNG photo"),
        ),
        "no_face" => (
            t("照片中没有找到人脸", "No face was found in the photo"),
            t(format!("{retake}：正面免冠，脸部清晰完整"), "Take a new photo: facing the camera, face clear and whole"),
        ),
        "several_faces" => (
            t("照片中有不止一个人", "There is more than one person in the photo"),
            t(format!("{retake}：照片中只能有本人一人"), "Take a new photo with only yourself in it"),
        ),
        "eyes_closed" => (
            t("眼睛是闭着的", "The eyes are closed"),
            t(format!("{retake}：双眼自然睁开，平视镜头"), "Take a new photo with your eyes open, looking at the camera"),
        ),
        "face_cut_off" => (
            t("脸部或头部被照片边缘截断", "The face or head is cut off by the photo's edge"),
            t(
                format!("{retake}：头顶、下巴和两侧脸颊都要完整地在画面内"),
                "Take a new photo with the whole head, chin and both cheeks inside the frame",
            ),
        ),
        "no_person" => (
            t("无法把人像与背景分开，找不到头顶位置", "The person cannot be told apart from the background, so the head top is unknown"),
            t(format!("{retake}：在纯色背景前拍摄"), "Take a new photo in front of a plain background"),
        ),
        "head_too_close_to_top" => (
            t("头部太靠近照片上边缘", "The head is too close to the photo's top edge"),
            t(
                format!("{retake}，头顶上方留出空间；或选择换背景颜色，由背景补齐"),
                "Take a new photo with room above the head, or choose a new background colour to fill it",
            ),
        ),
        "too_close_to_bottom" => (
            t("照片下方留得太少，肩部不够", "Too little of the shoulders is below the face"),
            t(
                format!("{retake}，拍到胸部以上（选择换背景颜色时可补齐少量空缺）"),
                "Take a new photo down to the chest (with a new background colour a small gap is filled)",
            ),
        ),
        "too_close_to_side" => (
            t("人脸太靠近照片左右边缘", "The face is too close to the photo's left or right edge"),
            t(
                format!("{retake}，人位于画面中间（选择换背景颜色时可补齐少量空缺）"),
                "Take a new photo with yourself in the middle (with a new background colour a small gap is filled)",
            ),
        ),
        "face_too_small" => (
            t("人脸太小，放大后会模糊", "The face is too small: enlarged, it would be blurred"),
            t(
                "请离镜头近一些重新拍摄，或使用原始的高分辨率照片（不要用截图或压缩过的图片）",
                "Take the photo closer, or use the original high-resolution photo (not a screenshot or compressed copy)",
            ),
        ),
        "head_tilted" => (
            t("头部倾斜，双眼不在同一水平线上", "The head is tilted: the eyes are not level"),
            t(
                format!("{retake}：坐正，头部不要歪斜（规范不允许旋转照片）"),
                "Take a new photo sitting upright with the head level (the standard does not allow rotating the photo)",
            ),
        ),
        "background_not_separated" => (
            t(
                "换背景后背景仍不均匀：人像与原背景分不干净，或头发、衣服延伸到了照片边缘",
                "The new background is still uneven: the person cannot be cleanly cut out, or hair or clothes run into the photo's edge",
            ),
            t(
                format!("{retake}：在纯色的墙或幕布前，人位于画面中间，拍到胸部以上，身后不要有其他人或物体"),
                "Take a new photo in front of a plain wall, in the middle of the frame, down to the chest, with nothing behind you",
            ),
        ),
        _ => (
            t("无法同时满足头顶、眼睛高度和脸宽的要求", "Head top, eye line and face width cannot all be placed in their ranges"),
            t(format!("{retake}：正面免冠，不戴帽子，头发不要过高"), "Take a new photo facing the camera, without a hat or tall hair"),
        ),
    };
    (m, a)
}
