// attachGate(): a pre-upload check on a plain <input type="file"> inside any form. The photo is
// checked off the main thread (createChecker) as soon as it is chosen; the report is drawn into a
// small element; while the photo fails, the form's submit is blocked (mode 'block'); the auto-fixed
// JPEG can be swapped into the input. The gate sends nothing anywhere: the form submits what the input
// holds, as it would without the gate. Rules, thresholds and file naming all stay in the core.
import { createChecker } from './bridge.js';
import { PhotogateError } from './shared.js';

const kb = (bytes) => (bytes / 1024).toFixed(1);
const size = (r) => `${r.report.file.width_px}×${r.report.file.height_px}`;

const TEXT = {
  zh: {
    loading: '正在加载照片检查程序…',
    loadingModels: (done, total) => `正在下载照片检查模型（${done}/${total}）…`,
    checking: '正在检查照片…',
    headline: {
      pass: () => '照片符合要求',
      warn: () => '照片符合要求，但有提醒',
      fail: (n) => `照片不符合要求（${n} 项）`,
      incomplete: () => '照片已检查，部分项目未能检测',
    },
    verdict: { fail: '不合格', warn: '提醒', pass: '通过', not_measured: '未检测' },
    rest: (pass, notMeasured) => `已通过 ${pass} 项${notMeasured ? `，未检测 ${notMeasured} 项` : ''}`,
    list: (titles) => (titles.length > 3 ? `${titles.slice(0, 3).join('、')}等 ${titles.length} 项` : titles.join('、')),
    block: {
      checking: '照片还在检查中，请稍候再提交。',
      fail: (list) => `照片不符合要求（${list}），不能提交。请按提示修改，或使用修正后的照片。`,
      invalid: '所选文件不能作为照片使用，请换一张照片。',
    },
    warn: (list) => `照片不符合要求（${list}）。仍可提交，但审核可能不通过。`,
    fixTitle: '自动修正',
    fixing: '正在生成修正后的照片…',
    fixReady: (r) => `修正后的照片：${size(r)} 像素，${kb(r.size_bytes)} KB，文件名 ${r.file_name}。`,
    fixPasses: '符合要求。',
    fixStillFails: '仍需处理：',
    useFix: '使用修正后的照片',
    download: '下载',
    using: (r) => `已换成修正后的照片：${r.file_name}（${size(r)} 像素，${kb(r.size_bytes)} KB）。`,
    restore: '换回原照片',
    refused: '无法自动修正：',
    fixFailed: (code) => `无法生成修正后的照片（${code}）。`,
    noSwap: '此浏览器不能直接替换所选的文件：请下载修正后的照片，再重新选择它。',
    nameMissing: (label) => `修正后的照片以“${label}”命名，请先填写。`,
    nameRejected: (label) => `“${label}”不符合命名要求，请检查。`,
    nameField: '身份证号',
    previewAlt: '修正后的照片',
    space: '',
    errors: {
      empty_input: '文件是空的。', unknown_format: '这不是图片文件。', malformed_image: '图片文件已损坏，无法读取。',
      limit_exceeded: '图片太大，无法在本设备上检查。', unreadable: '无法读取这个文件。',
    },
    changePhoto: '请换一张照片。',
    unavailable: (code) => `无法在本设备上检查照片（${code}），提交后由学校审核。`,
  },
  en: {
    loading: 'Loading the photo checker…',
    loadingModels: (done, total) => `Downloading the photo checker's models (${done}/${total})…`,
    checking: 'Checking the photo…',
    headline: {
      pass: () => 'The photo meets the requirements',
      warn: () => 'The photo meets the requirements, with warnings',
      fail: (n) => `The photo does not meet the requirements (${n} ${n === 1 ? 'item' : 'items'})`,
      incomplete: () => 'The photo was checked; some items could not be measured',
    },
    verdict: { fail: 'Fail', warn: 'Warning', pass: 'Pass', not_measured: 'Not measured' },
    rest: (pass, notMeasured) => `${pass} passed${notMeasured ? `, ${notMeasured} not measured` : ''}`,
    list: (titles) => (titles.length > 3 ? `${titles.slice(0, 3).join(', ')} and ${titles.length - 3} more` : titles.join(', ')),
    block: {
      checking: 'The photo is still being checked; submit again in a moment.',
      fail: (list) => `The photo does not meet the requirements (${list}), so the form cannot be submitted. Follow the advice, or use the fixed photo.`,
      invalid: 'The chosen file cannot be used as a photo; choose another photo.',
    },
    warn: (list) => `The photo does not meet the requirements (${list}). You can still submit it, but it may be rejected.`,
    fixTitle: 'Automatic fix',
    fixing: 'Making a fixed photo…',
    fixReady: (r) => `Fixed photo: ${size(r)} px, ${kb(r.size_bytes)} KB, named ${r.file_name}.`,
    fixPasses: 'It meets the requirements.',
    fixStillFails: 'Still to do: ',
    useFix: 'Use the fixed photo',
    download: 'Download',
    using: (r) => `Now using the fixed photo: ${r.file_name} (${size(r)} px, ${kb(r.size_bytes)} KB).`,
    restore: 'Use my original photo',
    refused: 'Cannot be fixed automatically: ',
    fixFailed: (code) => `The fixed photo could not be made (${code}).`,
    noSwap: 'This browser cannot replace the chosen file: download the fixed photo, then choose it again.',
    nameMissing: (label) => `The fixed photo is named after "${label}": fill it in first.`,
    nameRejected: (label) => `"${label}" does not fit the naming rule; check it.`,
    nameField: 'ID number',
    previewAlt: 'The fixed photo',
    space: ' ',
    errors: {
      empty_input: 'The file is empty.', unknown_format: 'This is not an image file.', malformed_image: 'The image file is damaged.',
      limit_exceeded: 'The image is too large to check on this device.', unreadable: 'The file cannot be read.',
    },
    changePhoto: 'Choose another photo.',
    unavailable: (code) => `The photo cannot be checked on this device (${code}); the school will review it after you submit.`,
  },
};

const MODES = ['block', 'warn', 'off'];
const LANGS = ['zh', 'en'];
const OPTIONS = ['mode', 'profile', 'lang', 'background', 'nameFrom', 'container', 'checker', 'checkerOptions', 'fix',
  'onReport', 'onFixed', 'onBlocked', 'onError'];
// Errors that say the file is not a usable photo; any other error means the checker could not run.
const PHOTO_ERRORS = new Set(['empty_input', 'unknown_format', 'malformed_image', 'limit_exceeded', 'unreadable']);
// Typing in the name field settles for this long before the fixed photo is named again.
const NAME_DELAY_MS = 500;
// A gate keeps its own worker (and models) this long after the last call: the student reads the
// report, fills in the form, then asks for the fixed photo.
const OWN_IDLE_TIMEOUT_MS = 5 * 60_000;

let gates = 0;

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** Fewer failing rules, or as many and fewer warnings. */
function improves(after, before) {
  const a = after.counts;
  const b = before.counts;
  return a.fail < b.fail || (a.fail === b.fail && a.warn < b.warn);
}

function invalidOptions(message) {
  return new PhotogateError('invalid_options', `attachGate: ${message}`);
}

/**
 * Checks the photo chosen in `input` before the form is sent, and blocks, warns or only reports.
 * @param {HTMLInputElement} input an `<input type="file">`, usually inside a `<form>`
 * @param {import('./gate.d.ts').GateOptions} [options]
 * @returns {import('./gate.d.ts').Gate}
 */
export function attachGate(input, options = {}) {
  if (typeof HTMLInputElement === 'undefined' || !(input instanceof HTMLInputElement) || input.type !== 'file') {
    throw invalidOptions('the first argument must be an <input type="file"> element');
  }
  const unknown = Object.keys(options).filter((k) => !OPTIONS.includes(k));
  if (unknown.length) throw invalidOptions(`unknown option ${unknown.join(', ')} (known: ${OPTIONS.join(', ')})`);
  const {
    mode = 'block', profile = 'chsi', background = 'auto', nameFrom = null, container = null,
    checker: sharedChecker = null, checkerOptions = {}, fix: offerFix = true,
  } = options;
  let lang = options.lang ?? 'zh';
  if (!MODES.includes(mode)) throw invalidOptions(`mode must be ${MODES.join(', ')}, not ${mode}`);
  if (!LANGS.includes(lang)) throw invalidOptions(`lang must be ${LANGS.join(' or ')}, not ${lang}`);
  if (nameFrom !== null && typeof nameFrom !== 'function' && typeof nameFrom?.value !== 'string') {
    throw invalidOptions('nameFrom must be an input element or a function returning the name');
  }
  if (container !== null && !(container instanceof Element)) throw invalidOptions('container must be an element');

  let progress = null;
  const checker = sharedChecker ?? createChecker({
    idleTimeoutMs: OWN_IDLE_TIMEOUT_MS,
    ...checkerOptions,
    onProgress: (stage, done, total) => {
      progress = stage === 'fetch:model' && done < total ? TEXT[lang].loadingModels(done, total) : TEXT[lang].loading;
      if (stage === 'compute:load' && done === total) progress = null;
      renderHeadline();
      checkerOptions.onProgress?.(stage, done, total);
    },
  });
  const form = input.form;
  const id = `photogate-${++gates}`;

  // What the gate knows of the photo in the input.
  /** 'empty' | 'checking' | 'invalid' | 'unavailable' before a report exists; null once it does. */
  let phase = 'empty';
  /** The photo as chosen: { file, bytes, report }. */
  let original = null;
  /** The latest autocrop of it: { status: 'working'|'fixed'|'refused'|'error', result, file, url, nameUsed, nameRejected, better, error }. */
  let fix = null;
  /** The fix whose file the input now holds, or null. */
  let applied = null;
  /** The name changed after the fixed photo went in: it is being named again. */
  let renaming = false;
  let failure = null;
  let swapUnsupported = false;
  /** Counts chosen photos; work for an older one is dropped. */
  let run = 0;
  let checkController = null;
  let fixController = null;
  let fixBusy = null;
  let fixAgain = false;
  let nameTimer = null;
  /** Files the gate put into the input itself; their change events start no check. */
  const ours = new WeakSet();
  let swapping = false;
  let detached = false;

  const saved = {
    describedBy: input.getAttribute('aria-describedby'),
    invalid: input.getAttribute('aria-invalid'),
  };

  const root = el('div', 'photogate');
  const status = el('div', 'photogate-status');
  status.setAttribute('role', 'status');
  status.setAttribute('aria-live', 'polite');
  const headline = el('p', 'photogate-headline');
  headline.tabIndex = -1;
  status.append(headline);
  const message = el('p', 'photogate-message');
  message.id = `${id}-message`;
  const problems = el('ul', 'photogate-problems');
  const fixBox = el('div', 'photogate-fix');
  fixBox.setAttribute('aria-live', 'polite');
  const rest = el('details', 'photogate-rest');
  const restSummary = el('summary');
  const restList = el('ul', 'photogate-rest-list');
  rest.append(restSummary, restList);
  root.append(status, message, fixBox, problems, rest);
  if (container) container.append(root);
  else (input.closest('label') ?? input).after(root);
  input.setAttribute('aria-describedby', [saved.describedBy, message.id].filter(Boolean).join(' '));

  const currentReport = () => applied?.result.report ?? original?.report ?? null;

  function state() {
    if (phase) return phase;
    if (renaming || (applied && fix?.status === 'working')) return 'checking';
    return currentReport().verdict;
  }

  const failingTitles = (report) => report.items.filter((i) => i.verdict === 'fail').map((i) => i.title[lang]);

  /** The message that blocks a submit now, or '' when it may go. */
  function blockText() {
    if (mode !== 'block') return '';
    const t = TEXT[lang];
    const s = state();
    if (s === 'checking') return t.block.checking;
    if (s === 'invalid') return t.block.invalid;
    if (s === 'fail') return t.block.fail(t.list(failingTitles(currentReport())));
    return '';
  }

  function headlineText() {
    const t = TEXT[lang];
    const s = state();
    if (s === 'empty') return '';
    if (s === 'checking') return renaming || applied ? t.fixing : progress ?? t.checking;
    if (s === 'invalid') return `${t.errors[failure?.code] ?? failure?.message ?? ''}${t.space}${t.changePhoto}`;
    if (s === 'unavailable') return t.unavailable(failure?.code ?? 'internal');
    const report = currentReport();
    return t.headline[s](report.counts.fail);
  }

  function renderHeadline() {
    const text = headlineText();
    if (headline.textContent !== text) headline.textContent = text;
  }

  function itemNode(item) {
    const t = TEXT[lang];
    const li = el('li', 'photogate-item');
    li.dataset.rule = item.rule;
    li.dataset.verdict = item.verdict;
    li.append(el('span', 'photogate-badge', t.verdict[item.verdict]), el('strong', 'photogate-item-title', item.title[lang]));
    li.append(el('span', 'photogate-item-message', item.message[lang]));
    if (item.advice && item.verdict !== 'pass') li.append(el('span', 'photogate-item-advice', item.advice[lang]));
    return li;
  }

  function nameLabel() {
    const label = nameFrom?.labels?.[0]?.textContent?.trim() || nameFrom?.getAttribute?.('aria-label');
    return label || TEXT[lang].nameField;
  }

  function button(className, text, onClick) {
    const b = el('button', `photogate-button ${className}`, text);
    b.type = 'button';
    b.addEventListener('click', onClick);
    return b;
  }

  /** Why a fixed photo is not named by the name field, when its name fails the naming rule. */
  function nameHint(made) {
    const t = TEXT[lang];
    if (!nameFrom || !made.result.report.items.some((i) => i.rule === 'file.name' && i.verdict === 'fail')) return null;
    if (made.nameRejected) return el('p', 'photogate-name-hint', t.nameRejected(nameLabel()));
    if (!made.nameUsed) return el('p', 'photogate-name-hint', t.nameMissing(nameLabel()));
    return null;
  }

  function preview(made) {
    const img = el('img', 'photogate-fix-preview');
    img.src = made.url;
    img.alt = TEXT[lang].previewAlt;
    return img;
  }

  function fixNodes() {
    const t = TEXT[lang];
    if (applied) {
      const text = el('div', 'photogate-fix-text');
      text.append(el('p', null, t.using(applied.result)));
      const hint = nameHint(applied);
      if (hint) text.append(hint);
      text.append(button('photogate-restore', t.restore, () => restoreOriginal()));
      return [preview(applied), text];
    }
    if (!fix) return [];
    if (fix.status === 'working') return [el('p', 'photogate-fix-text', t.fixing)];
    if (fix.status === 'error') return [el('p', 'photogate-fix-text', t.fixFailed(fix.error?.code ?? 'internal'))];
    if (fix.status === 'refused') {
      const p = el('p', 'photogate-fix-text photogate-fix-refused');
      p.dataset.reason = fix.result.reason;
      p.append(el('strong', null, `${t.refused}${fix.result.message[lang]}`), el('span', 'photogate-fix-advice', fix.result.advice[lang]));
      return [p];
    }
    const r = fix.result;
    const hint = nameHint(fix);
    // A fixed photo no better than the chosen one is not offered; the name hint still helps.
    if (!fix.better) return hint ? [hint] : [];
    const text = el('div', 'photogate-fix-text');
    const summary = el('p', null, t.fixReady(r));
    const failing = r.report.items.filter((i) => i.verdict === 'fail');
    if (failing.length === 0) summary.append(`${t.space}${t.fixPasses}`);
    else summary.append(`${t.space}${t.fixStillFails}${t.list(failing.map((i) => i.title[lang]))}`);
    text.append(summary);
    if (hint) text.append(hint);
    if (swapUnsupported) text.append(el('p', 'photogate-no-swap', t.noSwap));
    const actions = el('p', 'photogate-actions');
    if (!swapUnsupported) actions.append(button('photogate-use-fix', t.useFix, () => applyFix()));
    const link = el('a', 'photogate-download', t.download);
    link.href = fix.url;
    link.download = r.file_name;
    actions.append(link);
    text.append(actions);
    return [preview(fix), text];
  }

  let fixKey = [];
  function renderFix() {
    // The box is a live region: rebuild it only when what it says changes.
    const key = [fix, applied, lang, swapUnsupported, fix?.status, fix?.nameUsed];
    if (key.every((v, i) => v === fixKey[i])) return;
    fixKey = key;
    const nodes = fixNodes();
    fixBox.replaceChildren(...nodes);
    fixBox.hidden = nodes.length === 0;
    fixBox.dataset.status = applied ? 'applied' : fix?.status ?? '';
  }

  function render() {
    if (detached) return;
    const t = TEXT[lang];
    const s = state();
    root.dataset.state = s;
    root.lang = lang === 'zh' ? 'zh-CN' : 'en';
    renderHeadline();
    const block = blockText();
    const warning = mode === 'warn' && s === 'fail' ? t.warn(t.list(failingTitles(currentReport()))) : '';
    message.textContent = block || warning;
    message.hidden = !(block || warning) || s === 'checking';
    message.dataset.kind = block ? 'block' : 'warn';
    // In block mode the gate owns the input's custom validity; otherwise it never touches it.
    if (mode === 'block') {
      input.setCustomValidity(block);
      if (block) input.setAttribute('aria-invalid', 'true');
      else if (saved.invalid === null) input.removeAttribute('aria-invalid');
      else input.setAttribute('aria-invalid', saved.invalid);
    }
    if (!block) delete root.dataset.blocked;

    const report = phase ? null : currentReport();
    const items = report?.items ?? [];
    const order = { fail: 0, warn: 1 };
    problems.replaceChildren(...items.filter((i) => i.verdict in order).sort((a, b) => order[a.verdict] - order[b.verdict]).map(itemNode));
    problems.hidden = problems.childElementCount === 0;
    const others = items.filter((i) => !(i.verdict in order));
    restList.replaceChildren(...others.map(itemNode));
    restSummary.textContent = report ? t.rest(report.counts.pass, report.counts.not_measured) : '';
    rest.hidden = others.length === 0;
    renderFix();
  }

  function emit(name, detail, callback) {
    input.dispatchEvent(new CustomEvent(`photogate:${name}`, { bubbles: true, detail }));
    callback?.(detail);
  }

  function reportDetail(fixed) {
    return { report: currentReport(), file: input.files?.[0] ?? null, fixed, state: state(), blocked: blockText() !== '' };
  }

  function setFix(next) {
    if (fix?.url && fix !== applied) URL.revokeObjectURL(fix.url);
    fix = next;
  }

  function dropPhoto() {
    checkController?.abort();
    fixController?.abort();
    clearTimeout(nameTimer);
    setFix(null);
    if (applied?.url) URL.revokeObjectURL(applied.url);
    applied = null;
    original = null;
    renaming = false;
    failure = null;
    fixAgain = false;
  }

  /** Checks a newly chosen photo (or none); resolves to its report, or null. */
  async function takeFile(file) {
    const mine = ++run;
    dropPhoto();
    if (!file) {
      phase = 'empty';
      render();
      return null;
    }
    phase = 'checking';
    progress = null; // a failed load's last words; a loading worker says more
    render();
    const controller = (checkController = new AbortController());
    try {
      let bytes;
      try {
        bytes = new Uint8Array(await file.arrayBuffer());
      } catch (e) {
        throw new PhotogateError('unreadable', `cannot read ${file.name}: ${e?.message ?? e}`);
      }
      if (mine !== run) return null;
      const report = await checker.check(bytes, { profile, fileName: file.name }, { signal: controller.signal });
      if (mine !== run) return null;
      original = { file, bytes, report };
      phase = null;
      render();
      emit('report', reportDetail(false), options.onReport);
      if (offerFix && (report.verdict === 'fail' || report.verdict === 'warn')) makeFix(mine);
      return report;
    } catch (e) {
      if (mine !== run) return null;
      failure = e;
      phase = PHOTO_ERRORS.has(e?.code) ? 'invalid' : 'unavailable';
      render();
      emit('error', { error: e, file }, options.onError);
      return null;
    }
  }

  /**
   * Makes the fixed photo, named by the current name. A name typed meanwhile makes it again once
   * this one is done (aborting would stop the worker and reload the models); a fixed photo already in
   * the input is replaced by the newly named one.
   */
  async function makeFix(mine) {
    if (fixBusy === mine) {
      fixAgain = true;
      return;
    }
    fixBusy = mine;
    const { signal } = (fixController = new AbortController());
    try {
      let first = true;
      while (mine === run && (first || fixAgain)) {
        first = false;
        fixAgain = false;
        const nameUsed = nameValue();
        if (fix?.result && fix.nameUsed === nameUsed) {
          // Made already for this name (typed away and back): only the input may need it.
          if (applied && applied !== fix && fix.status === 'fixed') applyFix({ focus: false });
          renaming = false;
          render();
          continue;
        }
        if (!applied) setFix({ status: 'working', nameUsed });
        render();
        const request = (name) => ({ profile, fileName: original.file.name, background, name: name || undefined });
        let result;
        let nameRejected = false;
        try {
          try {
            result = await checker.autocrop(original.bytes, request(nameUsed), { signal });
          } catch (e) {
            // The only option that comes from the student is the name: a rejected one is dropped.
            if (e?.code !== 'invalid_options' || !nameUsed || mine !== run) throw e;
            nameRejected = true;
            result = await checker.autocrop(original.bytes, request(''), { signal });
          }
        } catch (e) {
          if (mine !== run) return;
          setFix({ status: 'error', error: e, nameUsed });
          renaming = false;
          render();
          emit('error', { error: e, file: original.file }, options.onError);
          return;
        }
        if (mine !== run) return;
        if (nameValue() !== nameUsed) {
          fixAgain = true;
          continue;
        }
        const next = { status: result.status, result, nameUsed, nameRejected };
        if (result.status === 'fixed') {
          next.file = new File([result.jpeg], result.file_name, { type: 'image/jpeg' });
          next.url = URL.createObjectURL(next.file);
          next.better = improves(result.report, original.report);
        }
        const reapply = Boolean(applied);
        setFix(next);
        renaming = false;
        if (reapply && next.status === 'fixed') applyFix({ focus: false });
        else render();
      }
    } finally {
      if (fixBusy === mine) fixBusy = null;
    }
  }

  function nameValue() {
    const value = typeof nameFrom === 'function' ? nameFrom() : nameFrom?.value;
    return typeof value === 'string' ? value.trim() : '';
  }

  function onNameInput() {
    clearTimeout(nameTimer);
    if (!original || !fix || !offerFix) return;
    if (applied && nameValue() !== applied.nameUsed) {
      renaming = true;
      render();
    }
    nameTimer = setTimeout(() => makeFix(run), NAME_DELAY_MS);
  }

  /** Puts `file` into the input and tells the page's own listeners, without checking it again. */
  function putInInput(file) {
    let list;
    try {
      const transfer = new DataTransfer();
      transfer.items.add(file);
      list = transfer.files;
    } catch {
      return false;
    }
    swapping = true;
    try {
      input.files = list;
      const now = input.files?.[0];
      if (!now || now.name !== file.name || now.size !== file.size) return false;
      ours.add(now);
      input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
      input.dispatchEvent(new Event('change', { bubbles: true }));
      return true;
    } catch {
      return false;
    } finally {
      swapping = false;
    }
  }

  /** Swaps the fixed photo into the input; false when there is none or the browser cannot. */
  function applyFix({ focus = true } = {}) {
    if (detached || fix?.status !== 'fixed') return false;
    const previous = applied;
    if (!putInInput(fix.file)) {
      swapUnsupported = true;
      render();
      return false;
    }
    if (previous?.url && previous !== fix) URL.revokeObjectURL(previous.url);
    applied = fix;
    // A name typed since this photo was made: it is named again, and blocks until then.
    renaming = nameFrom !== null && nameValue() !== fix.nameUsed;
    render();
    if (renaming) makeFix(run);
    if (focus) headline.focus();
    const file = input.files[0];
    emit('fixed', { result: applied.result, file, report: applied.result.report }, options.onFixed);
    emit('report', reportDetail(true), options.onReport);
    return true;
  }

  /** Puts the photo as chosen back into the input. */
  function restoreOriginal() {
    if (!applied || !original) return false;
    if (!putInInput(original.file)) return false;
    if (applied !== fix && applied.url) URL.revokeObjectURL(applied.url);
    applied = null;
    renaming = false;
    render();
    headline.focus();
    emit('report', reportDetail(false), options.onReport);
    return true;
  }

  function onChange() {
    if (swapping) return;
    const file = input.files?.[0] ?? null;
    if (file && ours.has(file)) return;
    takeFile(file);
  }

  function onSubmit(event) {
    const text = blockText();
    if (!text) return;
    // As for an invalid form the browser validates: the submit goes nowhere, the page's own submit
    // handlers (a framework's onSubmit) do not run.
    event.preventDefault();
    event.stopImmediatePropagation();
    blocked(text);
  }

  function onInvalid() {
    // The browser's own validation (a submit, or checkValidity()) found the gate's message: it shows
    // and focuses it itself; the gate only marks its message. No event: this may not be a submit.
    const text = blockText();
    if (text && input.validationMessage === text) markBlocked();
  }

  function markBlocked() {
    root.dataset.blocked = 'true';
    message.hidden = false;
  }

  function blocked(text) {
    markBlocked();
    input.focus({ preventScroll: true });
    root.scrollIntoView?.({ block: 'nearest' });
    emit('blocked', { message: text, state: state(), report: currentReport() }, options.onBlocked);
  }

  function onReset() {
    // The reset clears the input after this event, and fires no change.
    setTimeout(() => takeFile(input.files?.[0] ?? null), 0);
  }

  function preload() {
    checker.ready().catch(() => {});
  }

  input.addEventListener('change', onChange);
  input.addEventListener('invalid', onInvalid);
  input.addEventListener('focus', preload, { once: true });
  form?.addEventListener('submit', onSubmit, true);
  form?.addEventListener('reset', onReset);
  if (nameFrom && typeof nameFrom !== 'function') nameFrom.addEventListener('input', onNameInput);
  render();
  if (input.files?.length) takeFile(input.files[0]);

  return {
    get element() { return root; },
    get state() { return state(); },
    get report() { return currentReport(); },
    get fixed() { return fix?.status === 'fixed' || fix?.status === 'refused' ? fix.result : null; },
    get usingFix() { return applied !== null; },
    get blocked() { return blockText() !== ''; },
    get checker() { return checker; },
    ready: () => checker.ready(),
    check: () => takeFile(input.files?.[0] ?? null),
    applyFix: () => applyFix(),
    restoreOriginal,
    setLang(next) {
      if (!LANGS.includes(next)) throw invalidOptions(`lang must be ${LANGS.join(' or ')}, not ${next}`);
      lang = next;
      render();
    },
    detach() {
      if (detached) return;
      run++;
      dropPhoto();
      detached = true;
      input.removeEventListener('change', onChange);
      input.removeEventListener('invalid', onInvalid);
      input.removeEventListener('focus', preload);
      form?.removeEventListener('submit', onSubmit, true);
      form?.removeEventListener('reset', onReset);
      if (nameFrom && typeof nameFrom !== 'function') nameFrom.removeEventListener('input', onNameInput);
      if (mode === 'block') input.setCustomValidity('');
      for (const [attr, value] of [['aria-describedby', saved.describedBy], ['aria-invalid', saved.invalid]]) {
        if (value === null) input.removeAttribute(attr);
        else input.setAttribute(attr, value);
      }
      root.remove();
      if (!sharedChecker) checker.dispose();
    },
  };
}
