/** Texts come in Simplified Chinese and English. */
export interface Text { zh: string; en: string }

export type Verdict = 'pass' | 'fail' | 'warn' | 'not_measured';
export type Overall = 'pass' | 'warn' | 'fail' | 'incomplete';
export type Severity = 'fail' | 'warn';
export type Format = 'jpeg' | 'png' | 'webp' | 'gif' | 'bmp' | 'heif' | 'avif' | 'unknown';

// <registry> generated from the Rust rule registry (src/rule.rs, src/verdict.rs) by
// `PHOTOGATE_BLESS=1 cargo test --test registry`; `cargo test` fails when they disagree.
/** A rule of the standard, in report order. */
export type RuleId =
  | 'file.format' | 'file.size_px' | 'file.bit_depth' | 'file.color_space' | 'file.quality'
  | 'file.kb' | 'file.dpi' | 'file.name' | 'geom.face_count' | 'geom.head_top' | 'geom.eye_y'
  | 'geom.face_width' | 'geom.center_x' | 'geom.pupils_level' | 'geom.shoulders_level'
  | 'face.eyes_open' | 'face.red_eye' | 'face.accessories' | 'face.lips_closed' | 'face.pose'
  | 'face.gaze' | 'face.occlusion' | 'face.head_covering' | 'face.glasses_glare'
  | 'face.tinted_glasses' | 'face.hair_over_features' | 'light.face_highlight'
  | 'light.nose_highlight' | 'light.even' | 'light.exposure' | 'bg.color' | 'bg.uniform'
  | 'clothes.contrast' | 'clothes.color' | 'image.sharp' | 'image.colour' | 'image.no_edits'
  | 'image.recapture';
/** Why a rule got its verdict: a stable code. */
export type Reason =
  | 'in_range' | 'ok' | 'below_min' | 'above_max' | 'not_jpeg' | 'cannot_decode'
  | 'wrong_extension' | 'wrong_size' | 'grey' | 'cmyk' | 'not_8_bit' | 'embedded_profile'
  | 'non_rgb_profile' | 'not_recorded' | 'bad_pattern' | 'bad_check_digit' | 'no_face'
  | 'several_faces' | 'background_person' | 'upright' | 'tilted' | 'turned' | 'pitched'
  | 'off_color' | 'no_colour' | 'colour_cast' | 'border' | 'periodic_pattern' | 'frame_in_frame'
  | 'analysis_unavailable' | 'not_decoded' | 'no_file_name' | 'no_person' | 'no_background'
  | 'no_clothes' | 'needs_review';
// </registry>

// <codes> generated from the Rust enums and built-in profiles by
// `PHOTOGATE_BLESS=1 cargo test --test registry`; `cargo test` fails when they disagree.
/** A `PhotogateError`'s stable code: the core's (src/error.rs), then the package's own. */
export type ErrorCode =
  | 'empty_input' | 'unknown_format' | 'malformed_image' | 'limit_exceeded' | 'invalid_profile'
  | 'invalid_options' | 'model_error' | 'not_initialized' | 'init_failed' | 'unsupported_browser'
  | 'aborted' | 'internal';
/** Why autocrop made no file: a stable code (src/autocrop/result.rs). */
export type RefusalReason =
  | 'not_decoded' | 'no_face' | 'several_faces' | 'eyes_closed' | 'face_cut_off' | 'no_person'
  | 'head_too_close_to_top' | 'too_close_to_bottom' | 'too_close_to_side' | 'face_too_small'
  | 'head_tilted' | 'background_not_separated' | 'cannot_place' | 'red_eye' | 'face_covered'
  | 'tinted_glasses';
/** The built-in profiles (profiles/*.json). */
export type ProfileId =
  | 'chsi' | 'chsi-nanjing' | 'chsi-jiangsu' | 'xinhua-960';
/** The background colours the built-in profiles name. */
export type BackgroundColor =
  | 'blue' | 'white' | 'grey';
// </codes>

/** One rule's result. */
export interface Item {
  rule: RuleId;
  title: Text;
  verdict: Verdict;
  severity: Severity;
  /** Stable reason code: `in_range`, `above_max`, `below_min`, `not_jpeg`, `wrong_size`, `analysis_unavailable`, … */
  reason: Reason;
  /** The measured value: a number in `unit`, or a text such as "600×800". */
  value?: number | string;
  unit?: string;
  min?: number;
  max?: number;
  /** What is required, for rules that are not a numeric range. */
  expected?: string;
  message: Text;
  /** What to do; present when the item does not pass. */
  advice?: Text;
}

export interface JpegDetails {
  width_px: number;
  height_px: number;
  components: number;
  precision_bits: number;
  color: 'grey' | 'ycbcr' | 'rgb' | 'cmyk' | 'ycck';
  process: 'baseline' | 'extended_sequential' | 'progressive' | 'lossless' | 'hierarchical';
  arithmetic: boolean;
  scans: number;
  jfif?: { version: [number, number]; unit: 'aspect_only' | 'per_inch' | 'per_cm'; x_density: number; y_density: number };
  exif?: { orientation?: number; dpi?: number };
  adobe_transform?: number;
  icc?: { bytes: number; color_space: string };
  comments: number;
  quality?: { quality: number; exact: boolean };
  has_eoi: boolean;
  truncated: boolean;
  trailing_bytes: number;
}

/** The result of checking one photo. */
export interface Report {
  schema_version: 1;
  generator: string;
  profile: { id: string; title: Text; width_px: number; height_px: number };
  verdict: Overall;
  counts: { pass: number; fail: number; warn: number; not_measured: number };
  file: {
    name?: string;
    format: Format;
    size_bytes: number;
    width_px?: number;
    height_px?: number;
    jpeg?: JpegDetails;
  };
  items: Item[];
  /** Where the analysis found the face, for drawing over the photo (absent without models). */
  overlay?: Overlay;
}

/** Coordinates in pixels of the upright photo (as a browser shows it), one decimal. */
export interface Overlay {
  width_px: number;
  height_px: number;
  /** Photo pixels per profile pixel [x, y]: a range of 200–300 profile px spans 200·scale[1] … 300·scale[1]. */
  scale: [number, number];
  /** Every face found, the measured one first: [x, y, width, height]. */
  faces: [number, number, number, number][];
  pupils?: [[number, number], [number, number]];
  /** The eye line's y (mean of the pupils), what `geom.eye_y` measures. */
  eye_y?: number;
  cheeks?: [[number, number], [number, number]];
  /** The face outline (mesh face oval), clockwise from the forehead. */
  face_oval?: [number, number][];
  face_center_x?: number;
  head_top_y?: number;
  chin_y?: number;
  /** Where `face.glasses_glare` and `face.tinted_glasses` look: the area around each eye (24-point ellipses). */
  lens_areas?: [number, number][][];
  /** Where `face.hair_over_features` looks: the band above each eyebrow. */
  brow_bands?: [number, number][][];
}

/** One rule's settings in a profile: severity, a range (`min`/`max`), and rule-specific fields. */
export interface RuleSettings {
  severity?: Severity;
  min?: number;
  max?: number;
  source?: string;
  [field: string]: unknown;
}

/**
 * A profile as the library returns it (`profiles()`): every field filled in. The profile format
 * is documented in the repository's docs/profile-format.md.
 */
export interface Profile {
  id: string;
  title: Text;
  source?: string;
  width_px: number;
  height_px: number;
  rules: Partial<Record<RuleId, RuleSettings>>;
}

/**
 * A custom profile as a caller writes it: `extends` starts from a built-in profile, and what is
 * given replaces its fields (a rule's settings merge with the built-in rule's). Without `extends`,
 * `title`, `width_px`, `height_px` and `rules` are needed.
 */
export interface ProfileInput {
  extends?: ProfileId;
  id?: string;
  title?: Text;
  source?: string;
  width_px?: number;
  height_px?: number;
  rules?: Partial<Record<RuleId, RuleSettings>>;
}

export interface CheckOptions {
  /** A built-in profile id (`chsi`, the default) or a custom profile. */
  profile?: ProfileId | ProfileInput;
  /** The file's name, for the `.jpg` extension and naming rules. */
  fileName?: string;
}

export interface AutocropOptions extends CheckOptions {
  /** `auto` (default: keep the background when it passes and the crop fits, else the nearest profile colour), `keep`, or a profile colour. */
  background?: Background;
  /** The ID number (or 4-digit sequence number) the new file is named after, per the profile's naming rule. */
  name?: string;
  /** Largest enlargement, output pixels per photo pixel; default 2. */
  maxUpscale?: number;
}

/** autocrop's `background`: `auto`, `keep`, or a colour the profile names. */
export type Background = 'auto' | 'keep' | BackgroundColor;

/** The crop used, in pixels of the upright photo; `scale` is output pixels per photo pixel. */
export interface Crop { x: number; y: number; width: number; height: number; scale: number }

export interface AutocropFixed {
  status: 'fixed';
  /** The new JPEG; `new Blob([result.jpeg], { type: 'image/jpeg' })` takes it as it is. */
  jpeg: Uint8Array<ArrayBuffer>;
  file_name: string;
  size_bytes: number;
  /** False when the KB window could not be reached at the profile's lowest quality (the report says by how much). */
  size_in_window: boolean;
  quality: number;
  sampling: '4:2:0' | '4:4:4';
  /** `keep` or the profile colour's name. */
  background: 'keep' | BackgroundColor | (string & {});
  crop: Crop;
  /** The crop reached past the photo's edge and was filled. */
  extended: boolean;
  /** The report of the new file. */
  report: Report;
  /** The report of the photo as given. */
  before: Report;
}

export interface AutocropRefused {
  status: 'refused';
  reason: RefusalReason;
  message: Text;
  advice: Text;
  before: Report;
}

export type AutocropResult = AutocropFixed | AutocropRefused;

export interface ModelBytesOption {
  detector: Uint8Array;
  faceMesh: Uint8Array;
  iris: Uint8Array;
  segmentation: Uint8Array;
}

export interface InitOptions {
  /** Where to load the wasm from; defaults to `photogate_wasm_bg.wasm` beside index.js. */
  wasm?: URL | string | Response | BufferSource | WebAssembly.Module;
  /**
   * Where to load the file-rules wasm from in a browser without WebAssembly SIMD (used only with
   * `models: false` there); defaults to `photogate_lite_bg.wasm` beside index.js.
   */
  liteWasm?: URL | string | Response | BufferSource | WebAssembly.Module;
  /** `false`: file rules only, no model download. An object: the model files' bytes (e.g. in Node). */
  models?: false | ModelBytesOption;
  /**
   * Same-origin folder holding the four model files (names: `modelFiles()`); a relative URL is
   * resolved against the page. Default: the files as the bundler emitted them (`models/` beside
   * index.js when unbundled).
   */
  modelBase?: string | URL;
  /** Called as loading goes: stage `fetch:model` (done/total files), then `compute:load`. */
  onProgress?: (stage: 'fetch:model' | 'compute:load', done: number, total: number) => void;
}

/** Thrown for input that is not a photo at all, limits, bad options or profiles. */
export class PhotogateError extends Error {
  constructor(code: ErrorCode, message: string);
  /** Stable code: see `ErrorCode`; `internal` is a bug (please report it). */
  code: ErrorCode;
}

export function init(options?: InitOptions): Promise<void>;
/**
 * Whether this browser can run the models (WebAssembly SIMD: Chrome 91+, Safari 16.4+, Firefox 89+).
 * Where it cannot, `init()` throws `unsupported_browser` and `init({ models: false })` loads a small
 * build without SIMD that checks the file rules.
 */
export function supportsModels(): boolean;
export function check(bytes: Uint8Array | ArrayBuffer, options?: CheckOptions): Report;
export function autocrop(bytes: Uint8Array | ArrayBuffer, options?: AutocropOptions): AutocropResult;
export function profiles(): Profile[];
export function version(): string;
/** The model files, in the order the checker takes them; works before `init()`. */
export function modelFiles(): { key: keyof ModelBytesOption; name: string; sha256: string }[];

/** Per call of a worker checker. */
export interface CallOptions {
  /**
   * Aborting rejects the call with code `aborted`. A call still queued is only taken out of the
   * queue; the running call stops its worker, and the next call starts a new one.
   */
  signal?: AbortSignal;
}

/**
 * A checker running in a Web Worker (see createChecker). Calls run one at a time, in call order.
 * A photo the core cannot decode (HEIF, AVIF) is decoded by the browser where it can, and checked
 * (or fixed) from those pixels.
 */
export interface WorkerChecker {
  /** Resolves when the wasm and models are loaded. */
  ready(): Promise<void>;
  /** Checks a photo off the main thread. */
  check(bytes: Uint8Array | ArrayBuffer, options?: CheckOptions, call?: CallOptions): Promise<Report>;
  autocrop(bytes: Uint8Array | ArrayBuffer, options?: AutocropOptions, call?: CallOptions): Promise<AutocropResult>;
  profiles(call?: CallOptions): Promise<Profile[]>;
  /** Stops the worker and frees its memory; every pending call rejects with `aborted`. A later call starts a new worker. */
  dispose(): void;
}

export interface WorkerCheckerOptions extends Omit<InitOptions, 'wasm' | 'models'> {
  /** `false`: file rules only, no model download. */
  models?: false;
  /**
   * An idle worker is stopped after this many milliseconds, to free its memory (the models take
   * most of it); the next call starts a new one, loading wasm and models again. Default 60 000;
   * 0 or `Infinity`: never.
   */
  idleTimeoutMs?: number;
}

/** Creates a checker that runs in a Web Worker; models load on the first call or `ready()`. */
export function createChecker(options?: WorkerCheckerOptions): WorkerChecker;
