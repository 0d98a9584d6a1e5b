// The self-check page. It uses the package's public API only; every rule and threshold is in the core.
import { check, createChecker, init, profiles, supportsModels, PhotogateError } from './pkg/index.js';

const UI = {
  zh: {
    title: '学历证书电子注册照片自检',
    subtitle: '按教育部 教毕指〔2017〕99号 标准和学信网检测要求，上传前先自查',
    privacy: '照片只在您的设备上检查，不会上传或保存到任何地方。',
    choose: '选择照片', camera: '拍照', profile: '标准', drop: '也可以把照片拖到这里',
    footer: '检查结果仅供参考，以学信网审核为准。', defaultProfile: '学历证书电子注册图像（全国标准，学信网检测）',
    loading: '正在加载检查程序…', checking: '正在检查…', ready: '请选择一张照片',
    overall: { pass: '符合要求', warn: '基本符合，请看提醒', fail: '不符合要求', incomplete: '文件检查完成，部分项目未能检测' },
    overallHint: {
      pass: '可以上传。', warn: '可以上传，但建议按提醒改进。', fail: '请按下面标红的项目修改后再上传。',
      incomplete: '没有发现不合格项，但有项目未能检测。',
    },
    verdict: { pass: '通过', fail: '不通过', warn: '提醒', not_measured: '未检测' },
    counts: (c) => `通过 ${c.pass} · 不通过 ${c.fail} · 提醒 ${c.warn} · 未检测 ${c.not_measured}`,
    groups: { file: '文件', geom: '构图', face: '面部', light: '光照', bg: '背景', clothes: '服装', image: '画质' },
    required: '要求', noPreview: '（此格式无法在浏览器中预览）',
    loadingModels: (d, t) => `正在下载检查模型（${d}/${t}）…`, preparing: '正在准备检查模型…',
    waiting: '正在准备检测…', waitingModels: (d, t) => `检查模型 ${d}/${t}`,
    longPress: '长按图片保存到手机', savedCheck: '保存后，可用“选择照片”再检查一次。',
    handedBack: '照片已交给小程序，返回即可使用。', back: '使用这张照片，返回小程序',
    fixedSaved: { pass: '生成的照片符合要求，长按保存后即可上传。', warn: '生成的照片符合要求（有提醒），长按保存后即可上传。' },
    fileOnly: {
      workers: '此浏览器版本较旧（不支持模块 Worker），只检查文件项目：格式、尺寸、文件大小、压缩质量、分辨率等。人脸、背景等项目不检测，也不能一键生成合格照片。请升级微信或浏览器后再试。',
      simd: '此浏览器不支持 WebAssembly SIMD，只检查文件项目：格式、尺寸、文件大小、压缩质量、分辨率等。人脸、背景等项目不检测，也不能一键生成合格照片。iPhone 请升级到 iOS 16.4 或以上，安卓手机请升级微信；也可以在电脑上打开本页。',
    },
    fixTitle: '一键生成合格照片', fixHint: '自动裁剪、缩放到标准尺寸，可换标准背景色，并压缩到规定的文件大小。不会旋转或美化照片。',
    background: '背景', fixButton: '生成合格照片', fixing: '正在生成合格照片…', before: '原照片', after: '生成的照片',
    download: '下载照片', showOriginal: '查看原照片的检查结果', showFixed: '查看生成照片的检查结果',
    backgrounds: { auto: '自动（合格则保留原背景）', keep: '保留原背景', blue: '浅蓝色', white: '白色', grey: '浅灰色' },
    numberLabel: { id_number: '身份证号（用于文件命名）', sequence4: '4 位序号（用于文件命名）' },
    fixInfo: (r, bg) => `${r.file_name} · ${r.report.file.width_px}×${r.report.file.height_px} · ${(r.size_bytes / 1024).toFixed(1)} KB · 质量 ${r.quality} · 背景：${bg}`,
    fixedVerdict: { pass: '生成的照片符合要求，可以下载上传。', warn: '生成的照片符合要求（有提醒），可以下载上传。', fail: '照片已裁剪，但以下问题只能重新拍摄解决：', incomplete: '照片已生成，部分项目未能检测。' },
    refused: '无法自动修正：',
    legend: { band: '绿色区域：标准允许的范围', line: '实线：本照片的测量结果（红色为不合格）', face: '人脸框与脸部轮廓' },
    errors: {
      empty_input: '文件是空的。', unknown_format: '这不是图片文件（支持 JPEG、PNG、WebP、HEIC 等）。',
      malformed_image: '图片文件已损坏，无法读取。', limit_exceeded: '图片太大，无法在本设备上检查。',
      init_failed: '检查程序加载失败，请刷新页面重试。', invalid_profile: '标准配置有误。',
      unsupported_browser: '此浏览器不支持 WebAssembly SIMD，无法在本机检查照片。iPhone 请升级到 iOS 16.4 或以上，安卓手机请升级微信；也可以在电脑上打开本页。',
      no_webassembly: '此浏览器关闭了 WebAssembly（例如 iPhone 的“锁定模式”），无法在本机检查照片。请换一个浏览器或设备打开本页。',
      model_error: '检查模型文件有误，请刷新页面重试。',
    },
  },
  en: {
    title: 'Diploma e-registration photo self-check',
    subtitle: 'Check your photo against the national standard (教毕指〔2017〕99号) and the CHSI checker before you upload it',
    privacy: 'Your photo is checked on this device. It is never uploaded or stored anywhere.',
    choose: 'Choose photo', camera: 'Take photo', profile: 'Standard', drop: 'or drop a photo here',
    footer: 'For guidance only: the CHSI review decides.', defaultProfile: 'Diploma e-registration photo (national standard, CHSI checker)',
    loading: 'Loading the checker…', checking: 'Checking…', ready: 'Choose a photo',
    overall: { pass: 'Passes', warn: 'Passes, with warnings', fail: 'Does not pass', incomplete: 'File checked; some items could not be measured' },
    overallHint: {
      pass: 'Ready to upload.', warn: 'You can upload it, but consider the warnings.', fail: 'Fix the items marked red, then check again.',
      incomplete: 'Nothing failed, but some items could not be measured.',
    },
    verdict: { pass: 'Pass', fail: 'Fail', warn: 'Warning', not_measured: 'Not measured' },
    counts: (c) => `${c.pass} pass · ${c.fail} fail · ${c.warn} warnings · ${c.not_measured} not measured`,
    groups: { file: 'File', geom: 'Framing', face: 'Face', light: 'Lighting', bg: 'Background', clothes: 'Clothes', image: 'Picture' },
    required: 'required', noPreview: '(this format cannot be previewed in the browser)',
    loadingModels: (d, t) => `Downloading the checking models (${d}/${t})…`, preparing: 'Preparing the models…',
    waiting: 'Getting ready to check…', waitingModels: (d, t) => `models ${d}/${t}`,
    longPress: 'Press and hold the photo to save it', savedCheck: 'Once saved, choose it above to check it again.',
    handedBack: 'The photo was handed to the mini-program: go back to use it.', back: 'Use this photo and go back',
    fixedSaved: { pass: 'The new photo passes: save it (press and hold) and upload it.', warn: 'The new photo passes (with warnings): save it (press and hold) and upload it.' },
    fileOnly: {
      workers: 'This browser is too old for the full check (no module workers): only the file rules are checked (format, size, KB, quality, dpi …). Face and background rules and the fix are not available. Update WeChat or the browser.',
      simd: 'This browser lacks WebAssembly SIMD: only the file rules are checked (format, size, KB, quality, dpi …). Face and background rules and the fix are not available. On an iPhone update to iOS 16.4 or later, on Android update WeChat; or open this page on a computer.',
    },
    fixTitle: 'Make a compliant photo', fixHint: 'Crops and scales to the standard size, optionally puts in a standard background, and compresses to the required file size. The photo is never rotated or retouched.',
    background: 'Background', fixButton: 'Make compliant photo', fixing: 'Making the photo…', before: 'Original', after: 'New photo',
    download: 'Download photo', showOriginal: 'Show the original photo\'s report', showFixed: 'Show the new photo\'s report',
    backgrounds: { auto: 'Automatic (keep it when it passes)', keep: 'Keep the original', blue: 'Light blue', white: 'White', grey: 'Light grey' },
    numberLabel: { id_number: 'ID number (names the file)', sequence4: '4-digit number (names the file)' },
    fixInfo: (r, bg) => `${r.file_name} · ${r.report.file.width_px}×${r.report.file.height_px} · ${(r.size_bytes / 1024).toFixed(1)} KB · quality ${r.quality} · background: ${bg}`,
    fixedVerdict: { pass: 'The new photo passes: download it and upload it.', warn: 'The new photo passes (with warnings): download it and upload it.', fail: 'The photo was cropped, but these problems need a new photo:', incomplete: 'The photo was made; some items could not be measured.' },
    refused: 'Cannot be fixed automatically: ',
    legend: { band: 'Green bands: the range the standard allows', line: 'Lines: what this photo measures (red fails)', face: 'Face box and outline' },
    errors: {
      empty_input: 'The file is empty.', unknown_format: 'This is not an image file (JPEG, PNG, WebP, HEIC … are read).',
      malformed_image: 'The image file is damaged and cannot be read.', limit_exceeded: 'The image is too large to check on this device.',
      init_failed: 'The checker failed to load; reload the page.', invalid_profile: 'The standard settings are invalid.',
      unsupported_browser: 'This browser lacks WebAssembly SIMD, so the photo cannot be checked on this device. On an iPhone update to iOS 16.4 or later, on Android update WeChat; or open this page on a computer.',
      no_webassembly: 'WebAssembly is turned off in this browser (by the iPhone\'s Lockdown Mode, for one): the photo cannot be checked on this device. Open this page in another browser or on another device.',
      model_error: 'A model file is damaged; reload the page.',
    },
  },
};

const $ = (id) => document.getElementById(id);

// WeChat's browser, a mini-program's web-view included, ignores <a download>: there the new photo
// is shown to be saved by a long press instead.
const inWeChat = /MicroMessenger/i.test(navigator.userAgent);

/**
 * The host mini-program's API when this page runs in its web-view and the host's copy of the page
 * includes the JSSDK (docs/wechat.md); null elsewhere. WeChat sets __wxjs_environment once its
 * bridge is ready, long before a photo is fixed; the JSSDK itself acts only in WeChat's browser.
 */
function miniProgram() {
  const api = window.wx?.miniProgram;
  return inWeChat && window.__wxjs_environment === 'miniprogram' && typeof api?.postMessage === 'function' ? api : null;
}

/** Why the page itself cannot go on; its `code` keys `UI[lang].errors` as a `PhotogateError`'s does. */
class PageError extends Error {
  constructor(code, message) {
    super(message);
    this.code = code;
  }
}

let checker = null;
/** Settles once the checker has loaded and the profiles are known (rejects when it cannot start). */
let ready = null;
let sequence = 0;
const state = {
  lang: localStorage.getItem('photogate.lang') === 'en' ? 'en' : 'zh',
  bytes: null, name: null, report: null, profiles: [],
  loaded: false, // the checker has loaded: photos are checked at once
  progress: null, // the last loading progress: [stage, done, total]
  waiting: false, // a photo was chosen before the checker had loaded
  failed: false, // the checker cannot start (the error says why)
  fileOnly: null, // 'workers' (no module workers) or 'simd' (no WebAssembly SIMD): the file rules only, in this thread
  original: null, // { report, url } of the photo as chosen
  fixed: null, // the autocrop result, with `url` of the new JPEG
  showing: 'original',
};
let previewUrl = null;
let fixedUrl = null;

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function num(v) {
  return typeof v === 'number' ? String(Math.round(v * 100) / 100) : v;
}

function rangeText(item) {
  const unit = item.unit ? ` ${item.unit}` : '';
  if (item.min !== undefined && item.max !== undefined) {
    return item.min === item.max ? `${num(item.min)}${unit}` : `${num(item.min)}–${num(item.max)}${unit}`;
  }
  if (item.min !== undefined) return `≥ ${num(item.min)}${unit}`;
  if (item.max !== undefined) return `≤ ${num(item.max)}${unit}`;
  return item.expected ?? '';
}

function renderStatic() {
  const t = UI[state.lang];
  document.documentElement.lang = state.lang === 'zh' ? 'zh-CN' : 'en';
  document.title = `${t.title} · photogate`;
  for (const node of document.querySelectorAll('[data-i18n]')) node.textContent = t[node.dataset.i18n];
  $('lang').textContent = state.lang === 'zh' ? 'English' : '中文';
  $('lang').lang = state.lang === 'zh' ? 'en' : 'zh-CN';
  const select = $('profile');
  const chosen = select.value || 'chsi';
  // Until the package has loaded, the default profile alone (index.html), in the page's language.
  const profiles = state.profiles.length ? state.profiles : [{ id: 'chsi', title: { zh: UI.zh.defaultProfile, en: UI.en.defaultProfile } }];
  select.replaceChildren(...profiles.map((p) => {
    const option = el('option', null, p.title[state.lang]);
    option.value = p.id;
    return option;
  }));
  select.value = chosen;
  $('notice').hidden = !state.fileOnly;
  $('notice').textContent = state.fileOnly ? t.fileOnly[state.fileOnly] : '';
  $('fix').hidden = Boolean(state.fileOnly);
  renderFixControls();
}

function selectedProfile() {
  return state.profiles.find((p) => p.id === ($('profile').value || 'chsi'));
}

/** The background choices are the profile's own colours; the name field follows its naming rule. */
function renderFixControls() {
  const t = UI[state.lang];
  const profile = selectedProfile();
  const select = $('background');
  const chosen = select.value || 'auto';
  const colours = profile?.rules['bg.color']?.references?.map((r) => r.name) ?? [];
  select.replaceChildren(...['auto', ...colours, 'keep'].map((name) => {
    const option = el('option', null, t.backgrounds[name] ?? name);
    option.value = name;
    return option;
  }));
  select.value = [...select.options].some((o) => o.value === chosen) ? chosen : 'auto';
  const scheme = profile?.rules['file.name']?.scheme;
  $('number-field').hidden = !scheme;
  $('number-label').textContent = scheme ? t.numberLabel[scheme] ?? scheme : '';
}

function renderReport() {
  const report = state.report;
  if (!report) return;
  const t = UI[state.lang];
  const overall = $('overall');
  overall.className = `overall ${report.verdict}`;
  overall.replaceChildren(document.createTextNode(t.overall[report.verdict]), el('small', null, t.overallHint[report.verdict]));
  const failing = report.items.filter((i) => i.verdict === 'fail');
  if (failing.length > 0) {
    const todo = el('ol', 'todo');
    for (const item of failing) {
      const li = el('li');
      const link = el('a', null, item.title[state.lang]);
      link.href = `#rule-${item.rule.replace('.', '-')}`;
      li.append(link, document.createTextNode(`：${item.advice?.[state.lang] ?? item.message[state.lang]}`));
      todo.append(li);
    }
    overall.append(todo);
  }
  renderFixResult();
  $('counts').textContent = t.counts(report.counts);
  const f = report.file;
  const size = f.width_px ? `${f.width_px}×${f.height_px} px · ` : '';
  $('fileinfo').textContent = `${f.name ?? ''} · ${size}${(f.size_bytes / 1024).toFixed(1)} KB`;

  const list = [];
  let group = null;
  for (const item of report.items) {
    const g = item.rule.split('.')[0];
    if (g !== group) {
      group = g;
      list.push(el('li', 'group', t.groups[g] ?? g));
    }
    const li = el('li', `item ${item.verdict}`);
    li.id = `rule-${item.rule.replace('.', '-')}`;
    li.dataset.rule = item.rule;
    li.dataset.verdict = item.verdict;
    li.append(el('span', `badge ${item.verdict}`, t.verdict[item.verdict]));
    li.append(el('span', 'name', item.title[state.lang]));
    const value = el('span', 'value', item.value === undefined ? '' : `${num(item.value)}${item.unit && typeof item.value === 'number' ? ` ${item.unit}` : ''}`);
    const range = rangeText(item);
    if (range) value.append(el('span', 'range', `${t.required} ${range}`));
    li.append(value);
    li.append(el('p', 'message', item.message[state.lang]));
    if (item.advice) li.append(el('p', 'advice', item.advice[state.lang]));
    list.push(li);
  }
  $('items').replaceChildren(...list);
}

const SVG = 'http://www.w3.org/2000/svg';

function svg(tag, attrs) {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  return node;
}

/** Draws what the analysis found over the photo: allowed ranges as bands, measurements as lines. */
function renderOverlay() {
  const report = state.report;
  const layer = $('overlay');
  const o = report?.overlay;
  layer.replaceChildren();
  $('legend').replaceChildren();
  if (!o) return;
  const t = UI[state.lang];
  const items = Object.fromEntries(report.items.map((i) => [i.rule, i]));
  const [sx, sy] = o.scale;
  const unit = Math.max(o.width_px, o.height_px) / 400;
  layer.setAttribute('viewBox', `0 0 ${o.width_px} ${o.height_px}`);
  const colour = (rule) => (items[rule]?.verdict === 'fail' ? '#e53935' : items[rule]?.verdict === 'pass' ? '#2e7d32' : '#f9a825');
  const band = (rule, horizontal) => {
    const it = items[rule];
    if (it?.min === undefined || it?.max === undefined) return;
    const [a, b] = horizontal ? [it.min * sy, it.max * sy] : [it.min * sx, it.max * sx];
    layer.append(horizontal
      ? svg('rect', { x: 0, y: a, width: o.width_px, height: Math.max(b - a, unit), fill: '#43a047', 'fill-opacity': 0.18, 'data-band': rule })
      : svg('rect', { x: a, y: 0, width: Math.max(b - a, unit), height: o.height_px, fill: '#43a047', 'fill-opacity': 0.18, 'data-band': rule }));
  };
  const line = (rule, x1, y1, x2, y2, dash) => layer.append(svg('line', {
    x1, y1, x2, y2, stroke: colour(rule), 'stroke-width': 1.5 * unit, 'stroke-dasharray': dash ? `${4 * unit} ${3 * unit}` : 'none', 'data-measure': rule,
  }));
  band('geom.head_top', true);
  band('geom.eye_y', true);
  band('geom.center_x', false);
  o.faces.forEach((f, i) => layer.append(svg('rect', {
    x: f[0], y: f[1], width: f[2], height: f[3], fill: 'none', stroke: i === 0 ? '#ffffff' : '#ff9800', 'stroke-width': unit, 'stroke-opacity': 0.8, 'data-face': i,
  })));
  if (o.face_oval?.length) {
    layer.append(svg('polygon', { points: o.face_oval.map((p) => p.join(',')).join(' '), fill: 'none', stroke: '#ffffff', 'stroke-width': unit * 0.8, 'stroke-opacity': 0.7 }));
  }
  if (o.head_top_y !== undefined) line('geom.head_top', 0, o.head_top_y, o.width_px, o.head_top_y);
  if (o.eye_y !== undefined) line('geom.eye_y', 0, o.eye_y, o.width_px, o.eye_y, true);
  if (o.pupils) {
    for (const p of o.pupils) layer.append(svg('circle', { cx: p[0], cy: p[1], r: 3 * unit, fill: 'none', stroke: colour('geom.pupils_level'), 'stroke-width': unit, 'data-pupil': 1 }));
  }
  if (o.face_center_x !== undefined) line('geom.center_x', o.face_center_x, 0, o.face_center_x, o.height_px, true);
  if (o.cheeks) {
    const [a, b] = o.cheeks;
    line('geom.face_width', a[0], a[1], b[0], b[1]);
    for (const p of o.cheeks) line('geom.face_width', p[0], p[1] - 6 * unit, p[0], p[1] + 6 * unit);
  }
  // Where an eye or brow rule found something: the lens areas (glare, tinted lenses) and the bands above
  // the brows (hair), drawn only when that rule did not pass.
  const marks = (rules, polygons) => {
    const rule = rules.find((r) => items[r] && items[r].verdict !== 'pass' && items[r].verdict !== 'not_measured');
    if (!rule) return;
    for (const poly of polygons ?? []) {
      layer.append(svg('polygon', { points: poly.map((p) => p.join(',')).join(' '), fill: colour(rule), 'fill-opacity': 0.25, stroke: colour(rule), 'stroke-width': unit, 'data-measure': rule }));
    }
  };
  marks(['face.tinted_glasses', 'face.glasses_glare'], o.lens_areas);
  marks(['face.hair_over_features'], o.brow_bands);
  const legend = [['#43a047', t.legend.band], ['#e53935', t.legend.line], ['#ffffff', t.legend.face]];
  $('legend').replaceChildren(...legend.map(([c, text]) => {
    const li = el('li');
    const swatch = el('span');
    swatch.style.background = c;
    swatch.style.border = '1px solid #999';
    li.append(swatch, text);
    return li;
  }));
}

function renderFixResult() {
  const t = UI[state.lang];
  const r = state.fixed;
  $('fix-result').hidden = !(r && r.status === 'fixed');
  $('fix-refused').hidden = !(r && r.status === 'refused');
  if (!r) return;
  if (r.status === 'refused') {
    const box = $('fix-refused');
    box.dataset.reason = r.reason;
    box.replaceChildren(el('strong', null, `${t.refused}${r.message[state.lang]}`), el('p', null, r.advice[state.lang]));
    return;
  }
  $('before-img').src = state.original.url;
  $('after-img').src = r.url;
  const info = $('fix-info');
  const bg = t.backgrounds[r.background] ?? r.background;
  const verdict = r.report.verdict;
  const words = (inWeChat && t.fixedSaved[verdict]) || t.fixedVerdict[verdict];
  info.replaceChildren(el('span', null, t.fixInfo(r, bg)), el('strong', `verdict ${verdict}`, words));
  const failing = r.report.items.filter((i) => i.verdict === 'fail');
  if (failing.length) {
    const list = el('ul');
    for (const item of failing) list.append(el('li', null, `${item.title[state.lang]}：${item.advice?.[state.lang] ?? item.message[state.lang]}`));
    info.append(list);
  }
  const link = $('download');
  link.href = r.url;
  link.download = r.file_name;
  link.hidden = inWeChat;
  $('save-hint').hidden = !inWeChat;
  $('save-note').hidden = !inWeChat;
  // In a mini-program the photo goes to it only when the student says so.
  $('handed').hidden = !(r.status === 'fixed' && miniProgram());
  $('handed-note').hidden = !r.posted;
  $('back').hidden = Boolean(r.posted);
  $('show-original').textContent = state.showing === 'fixed' ? t.showOriginal : t.showFixed;
}

/** Shows the report and overlay of the original photo or of the new one. */
function show(which) {
  state.showing = which;
  const fixed = which === 'fixed' && state.fixed?.status === 'fixed';
  state.report = fixed ? state.fixed.report : state.original.report;
  $('preview').src = fixed ? state.fixed.url : state.original.url;
  renderReport();
  renderOverlay();
}

async function runFix() {
  if (!state.bytes) return;
  const mine = sequence;
  const t = UI[state.lang];
  $('error').hidden = true;
  $('status').textContent = t.fixing;
  $('fix-button').disabled = true;
  document.body.dataset.fixing = 'true';
  await nextPaint();
  try {
    const number = $('number-field').hidden ? '' : $('number').value.trim();
    const result = await checker.autocrop(state.bytes, {
      profile: $('profile').value || 'chsi',
      fileName: state.name,
      background: $('background').value || 'auto',
      name: number || undefined,
    });
    if (mine !== sequence) return;
    if (result.status === 'fixed') {
      const blob = new Blob([result.jpeg], { type: 'image/jpeg' });
      // In WeChat the new photo is a data: URL: the long-press menu reads the image outside the
      // page, where a blob: URL may not resolve, and postMessage carries JSON only.
      result.url = inWeChat ? await dataUrlOf(blob) : URL.createObjectURL(blob);
      if (mine !== sequence) return;
    }
    if (fixedUrl) URL.revokeObjectURL(fixedUrl);
    fixedUrl = result.url?.startsWith('blob:') ? result.url : null;
    state.fixed = result;
    if (result.status === 'fixed') show('fixed');
    else renderFixResult();
    $('status').textContent = '';
    document.body.dataset.fixed = result.status;
  } catch (e) {
    if (mine !== sequence) return;
    $('status').textContent = '';
    showError(e);
  } finally {
    $('fix-button').disabled = false;
    delete document.body.dataset.fixing;
  }
}

const dataUrlOf = (blob) => new Promise((resolve, reject) => {
  const reader = new FileReader();
  reader.onload = () => resolve(reader.result);
  reader.onerror = () => reject(reader.error);
  reader.readAsDataURL(blob);
});

/** What the mini-program receives for a fixed photo (docs/wechat.md): JSON, the file as a data: URL. */
function fixedMessage(result) {
  const { report } = result;
  const rules = (verdict) => report.items.filter((i) => i.verdict === verdict).map((i) => i.rule);
  return {
    type: 'photogate.fixed',
    version: 1,
    file_name: result.file_name,
    source_file_name: state.name,
    profile: report.profile.id,
    verdict: report.verdict,
    counts: report.counts,
    failing: rules('fail'),
    warnings: rules('warn'),
    width_px: report.file.width_px,
    height_px: report.file.height_px,
    size_bytes: result.size_bytes,
    quality: result.quality,
    background: result.background,
    generator: report.generator,
    jpeg_data_url: result.url,
  };
}

function showError(e) {
  state.error = e;
  renderError();
  $('error').hidden = false;
}

function renderError() {
  const e = state.error;
  if (!e) return;
  const t = UI[state.lang];
  const known = e instanceof PhotogateError || e instanceof PageError ? t.errors[e.code] : null;
  $('error').textContent = known ? `${known} (${e.code})` : `${e.message ?? e}`;
}

const nextPaint = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));

/** The loading status; a photo chosen meanwhile is named first, then how far the loading is. */
function renderLoading() {
  const t = UI[state.lang];
  if (state.failed) {
    $('status').textContent = '';
    return;
  }
  const [stage, done, total] = state.progress ?? [];
  if (state.waiting) {
    const detail = stage === 'fetch:model' ? t.waitingModels(done, total) : '';
    $('status').textContent = detail ? `${t.waiting}（${detail}）` : t.waiting;
    return;
  }
  $('status').textContent = stage === 'fetch:model' ? t.loadingModels(done, total) : stage ? t.preparing : t.loading;
}

/** Waits, when the photo came before the checker, until it has loaded; rethrows why it cannot start. */
async function whenLoaded(mine) {
  if (state.loaded) return;
  state.waiting = true;
  document.body.dataset.waiting = 'true';
  renderLoading();
  try {
    await ready;
  } finally {
    if (mine === sequence) {
      state.waiting = false;
      delete document.body.dataset.waiting;
    }
  }
}

async function runCheck() {
  if (!state.bytes) return;
  const mine = ++sequence;
  $('error').hidden = true;
  document.body.dataset.checking = 'true';
  try {
    await whenLoaded(mine);
  } catch (e) {
    delete document.body.dataset.checking;
    $('status').textContent = '';
    showError(e);
    return;
  }
  if (mine !== sequence) return;
  $('status').textContent = UI[state.lang].checking;
  await nextPaint();
  try {
    const report = await checker.check(state.bytes, { profile: $('profile').value || 'chsi', fileName: state.name });
    if (mine !== sequence) return; // a newer photo or profile was chosen meanwhile
    state.report = report;
    state.original = { report, url: previewUrl };
    state.fixed = null;
    state.showing = 'original';
    delete document.body.dataset.fixed;
    $('preview').src = previewUrl;
    $('version').textContent = report.generator;
    $('version-sep').hidden = false;
    $('result').hidden = false;
    renderReport();
    renderOverlay();
    $('status').textContent = '';
  } catch (e) {
    if (mine !== sequence) return;
    state.report = null;
    $('result').hidden = true;
    $('status').textContent = '';
    showError(e);
  }
  delete document.body.dataset.checking;
}

async function takeFile(file) {
  if (!file) return;
  state.bytes = new Uint8Array(await file.arrayBuffer());
  state.name = file.name;
  if (previewUrl) URL.revokeObjectURL(previewUrl);
  previewUrl = URL.createObjectURL(file);
  const img = $('preview');
  img.alt = file.name;
  img.onerror = () => { img.removeAttribute('src'); img.alt = UI[state.lang].noPreview; };
  img.src = previewUrl;
  await runCheck();
}

/** Listens from the start: a photo chosen while the models load waits for them (runCheck). */
/**
 * Hands the fixed photo to the mini-program, on the student's tap: WeChat queues the message and
 * delivers it to the web-view's bindmessage when the student goes back, shares or the page closes
 * (docs/wechat.md), so the page goes back at once where it can.
 */
function handOver() {
  const host = miniProgram();
  const r = state.fixed;
  if (!host || r?.status !== 'fixed' || r.posted) return;
  host.postMessage({ data: fixedMessage(r) });
  r.posted = true;
  renderFixResult();
  if (typeof host.navigateBack === 'function') host.navigateBack({ delta: 1 });
}

function listen() {
  for (const input of [$('file'), $('camera')]) {
    input.addEventListener('change', () => { takeFile(input.files[0]); input.value = ''; });
  }
  $('profile').addEventListener('change', () => { renderFixControls(); runCheck(); });
  $('fix-button').addEventListener('click', runFix);
  $('show-original').addEventListener('click', () => show(state.showing === 'fixed' ? 'original' : 'fixed'));
  $('back').addEventListener('click', handOver);
  $('lang').addEventListener('click', () => {
    state.lang = state.lang === 'zh' ? 'en' : 'zh';
    localStorage.setItem('photogate.lang', state.lang);
    renderStatic();
    if (!state.loaded) renderLoading();
    renderError();
    renderReport();
    renderOverlay();
  });
  const drop = $('drop');
  drop.addEventListener('dragover', (e) => { e.preventDefault(); drop.classList.add('dragging'); });
  drop.addEventListener('dragleave', () => drop.classList.remove('dragging'));
  drop.addEventListener('drop', (e) => {
    e.preventDefault();
    drop.classList.remove('dragging');
    takeFile(e.dataTransfer.files[0]);
  });
}

/**
 * Whether this browser runs module workers: one that knows the `type` option reads it. The URL does
 * not parse, so the constructor throws right after reading its options, before fetching anything.
 */
function hasModuleWorkers() {
  if (typeof Worker !== 'function') return false;
  let known = false;
  try {
    new Worker('//[', { get type() { known = true; return 'module'; } });
  } catch { /* the SyntaxError the probe expects */ }
  return known;
}

/**
 * The file rules in this thread, for a browser without module workers (the worker would fail to
 * start, and model inference here would freeze the page) or without WebAssembly SIMD (the models
 * cannot run; the package loads its small file-rules build). The package's in-thread API, no models.
 */
function fileRulesChecker() {
  const loaded = () => init({ models: false });
  return {
    ready: loaded,
    check: async (bytes, options) => { await loaded(); return check(bytes, options); },
    profiles: async () => { await loaded(); return profiles(); },
  };
}

/** The worker checker; where it cannot run, the file rules alone, or an error saying why not. */
function startChecker() {
  if (typeof WebAssembly !== 'object') {
    throw new PageError('no_webassembly', 'this browser has no WebAssembly');
  }
  state.fileOnly = !supportsModels() ? 'simd' : !hasModuleWorkers() ? 'workers' : null;
  if (state.fileOnly) {
    document.body.dataset.fileOnly = 'true';
    return fileRulesChecker();
  }
  return createChecker({
    // Reloading the models takes seconds: keep them while the student reads a report or finds a
    // photo, and free them only when the page has sat unused for a while.
    idleTimeoutMs: 10 * 60_000,
    onProgress: (stage, done, total) => {
      state.progress = [stage, done, total];
      if (!state.loaded) renderLoading();
    },
  });
}

async function main() {
  if (inWeChat) document.body.dataset.wechat = 'true';
  renderStatic();
  listen();
  renderLoading();
  ready = (async () => {
    checker = startChecker();
    renderStatic();
    await checker.ready();
    state.profiles = await checker.profiles();
  })();
  try {
    await ready;
  } catch (e) {
    state.failed = true;
    document.body.dataset.failed = 'true';
    // Nothing can be checked: the inputs would only invite photos that go nowhere.
    for (const id of ['file', 'camera', 'profile']) $(id).disabled = true;
    $('status').textContent = '';
    showError(e);
    return;
  }
  state.loaded = true;
  renderStatic();
  // A photo chosen while loading is checked now (runCheck sets its own status).
  if (!state.waiting) $('status').textContent = UI[state.lang].ready;
  document.body.dataset.ready = 'true';
}

main();
