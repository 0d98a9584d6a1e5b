import type { AutocropResult, Background, ErrorCode, Overall, PhotogateError, ProfileId, ProfileInput, Report, WorkerChecker, WorkerCheckerOptions } from './index.js';

/**
 * What the gate does with a photo that fails: `block` (default) stops the form's submit and sets the
 * input's custom validity; `warn` shows a warning and lets it go; `off` only reports.
 */
export type GateMode = 'block' | 'warn' | 'off';

/**
 * Where the gate is: no photo (`empty`), `checking` (also while the fixed photo in the input is named
 * again), a report's verdict, `invalid` (the file is not a usable photo: blocks like `fail`) or
 * `unavailable` (the checker cannot run on this device, e.g. no WebAssembly SIMD: the gate lets the
 * form go, the school reviews the photo).
 */
export type GateState = 'empty' | 'checking' | Overall | 'invalid' | 'unavailable';

/** The gate's error codes: the package's, and `unreadable` for a chosen file the browser cannot read. */
export type GateErrorCode = ErrorCode | 'unreadable';

export interface GateReportDetail {
  report: Report;
  /** The file the input holds now. */
  file: File | null;
  /** True when the report is the fixed photo's, which the gate put into the input. */
  fixed: boolean;
  state: GateState;
  /** Whether a submit would be blocked now. */
  blocked: boolean;
}

export interface GateFixedDetail {
  /** The autocrop result (`status: 'fixed'`). */
  result: AutocropResult;
  /** The fixed JPEG, as the input now holds it. */
  file: File;
  /** The fixed photo's report. */
  report: Report;
}

export interface GateBlockedDetail {
  /** The message shown and set as the input's custom validity. */
  message: string;
  state: GateState;
  report: Report | null;
}

export interface GateErrorDetail {
  error: PhotogateError;
  file: File | null;
}

export interface GateOptions {
  /** Default `block`. */
  mode?: GateMode;
  /** A built-in profile id (default `chsi`) or a custom profile. */
  profile?: ProfileId | ProfileInput;
  /** Language of the gate's words and of the report's texts; default `zh`. */
  lang?: 'zh' | 'en';
  /** Background for the fixed photo: `auto` (default), `keep`, or a profile colour (`blue`, `white`, `grey`). */
  background?: Background;
  /**
   * The ID or sequence number the fixed photo is named after, by the profile's naming rule (for
   * `chsi-nanjing`: `<ID>.jpg`): an input element (the gate follows its `input` events and names the
   * fixed photo again) or a function read when the fix is made.
   */
  nameFrom?: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement | (() => string);
  /** Where the report is drawn; default: a new element right after the input (after its `<label>` when the input is inside one). */
  container?: Element;
  /** A worker checker to share (e.g. between several gates); the gate never disposes it. */
  checker?: WorkerChecker;
  /** Options for the gate's own checker, when `checker` is not given (`modelBase`, `idleTimeoutMs`: default 5 minutes). */
  checkerOptions?: WorkerCheckerOptions;
  /** Offer an automatically fixed photo when the photo fails or warns; default true. */
  fix?: boolean;
  onReport?: (detail: GateReportDetail) => void;
  onFixed?: (detail: GateFixedDetail) => void;
  onBlocked?: (detail: GateBlockedDetail) => void;
  onError?: (detail: GateErrorDetail) => void;
}

/** A gate attached to a file input. */
export interface Gate {
  /** The element the report is drawn in (`.photogate`). */
  readonly element: HTMLElement;
  readonly state: GateState;
  /** The report of the photo the input holds (the fixed photo's once it is used), or null. */
  readonly report: Report | null;
  /** The autocrop result offered for the current photo (fixed or refused), or null. */
  readonly fixed: AutocropResult | null;
  /** True while the input holds the gate's fixed photo. */
  readonly usingFix: boolean;
  /** Whether a submit would be blocked now. */
  readonly blocked: boolean;
  readonly checker: WorkerChecker;
  /** Loads the checker's wasm and models now (the gate starts loading when the input is first focused). */
  ready(): Promise<void>;
  /** Checks the file the input holds now, as if just chosen; resolves to its report, or null. */
  check(): Promise<Report | null>;
  /** Puts the fixed photo into the input (as the button does); false when there is none or the browser cannot. */
  applyFix(): boolean;
  /** Puts the photo as chosen back into the input. */
  restoreOriginal(): boolean;
  setLang(lang: 'zh' | 'en'): void;
  /** Removes the element, the listeners and the custom validity; disposes the gate's own checker. */
  detach(): void;
}

/**
 * Checks the photo chosen in a file input before the form is sent: in a Web Worker, as soon as it is
 * chosen. Draws the report, offers the fixed photo, blocks the form's submit while the photo fails
 * (mode `block`), and fires `photogate:report`, `photogate:fixed`, `photogate:blocked` and
 * `photogate:error` on the input (they bubble). Sends nothing anywhere.
 */
export function attachGate(input: HTMLInputElement, options?: GateOptions): Gate;

declare global {
  interface HTMLElementEventMap {
    'photogate:report': CustomEvent<GateReportDetail>;
    'photogate:fixed': CustomEvent<GateFixedDetail>;
    'photogate:blocked': CustomEvent<GateBlockedDetail>;
    'photogate:error': CustomEvent<GateErrorDetail>;
  }
}
