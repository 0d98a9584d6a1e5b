// The self-check page. It uses the package's public API only; every rule and threshold is in the core.
import { init, check, profiles, version, PhotogateError } from './pkg/index.js';

const UI = {
  zh: {
    title: '学历证书电子注册照片自检',
    subtitle: '按教育部 教毕指〔2017〕99号 标准和学信网检测要求，上传前先自查',
    privacy: '照片只在您的设备上检查，不会上传或保存到任何地方。',
    choose: '选择照片', camera: '拍照', profile: '标准', drop: '也可以把照片拖到这里',
    footer: '检查结果仅供参考，以学信网审核为准。',
    loading: '正在加载检查程序…', checking: '正在检查…', ready: '请选择一张照片',
    overall: { pass: '符合要求', warn: '基本符合，请看提醒', fail: '不符合要求', incomplete: '文件检查完成，部分项目未能检测' },
    overallHint: {
      pass: '可以上传。', warn: '可以上传，但建议按提醒改进。', fail: '请按下面标红的项目修改后再上传。',
      incomplete: '没有发现不合格项，但有项目未能检测。',
    },
    verdict: { pass: '通过', fail: '不通过', warn: '提醒', not_measured: '未检测' },
    counts: (c) => `通过 ${c.pass} · 不通过 ${c.fail} · 提醒 ${c.warn} · 未检测 ${c.not_measured}`,
    groups: { file: '文件', geom: '构图', face: '面部', light: '光照', bg: '背景', clothes: '服装', image: '画质' },
    required: '要求', noPreview: '（此格式无法在浏览器中预览）', version: 'photogate',
    errors: {
      empty_input: '文件是空的。', unknown_format: '这不是图片文件（支持 JPEG、PNG、WebP、HEIC 等）。',
      malformed_image: '图片文件已损坏，无法读取。', limit_exceeded: '图片太大，无法在本设备上检查。',
      init_failed: '检查程序加载失败，请刷新页面重试。', invalid_profile: '标准配置有误。',
    },
  },
  en: {
    title: 'Diploma e-registration photo self-check',
    subtitle: 'Check your photo against the national standard (教毕指〔2017〕99号) and the CHSI checker before you upload it',
    privacy: 'Your photo is checked on this device. It is never uploaded or stored anywhere.',
    choose: 'Choose photo', camera: 'Take photo', profile: 'Standard', drop: 'or drop a photo here',
    footer: 'For guidance only: the CHSI review decides.',
    loading: 'Loading the checker…', checking: 'Checking…', ready: 'Choose a photo',
    overall: { pass: 'Passes', warn: 'Passes, with warnings', fail: 'Does not pass', incomplete: 'File checked; some items could not be measured' },
    overallHint: {
      pass: 'Ready to upload.', warn: 'You can upload it, but consider the warnings.', fail: 'Fix the items marked red, then check again.',
      incomplete: 'Nothing failed, but some items could not be measured.',
    },
    verdict: { pass: 'Pass', fail: 'Fail', warn: 'Warning', not_measured: 'Not measured' },
    counts: (c) => `${c.pass} pass · ${c.fail} fail · ${c.warn} warnings · ${c.not_measured} not measured`,
    groups: { file: 'File', geom: 'Framing', face: 'Face', light: 'Lighting', bg: 'Background', clothes: 'Clothes', image: 'Picture' },
    required: 'required', noPreview: '(this format cannot be previewed in the browser)', version: 'photogate',
    errors: {
      empty_input: 'The file is empty.', unknown_format: 'This is not an image file (JPEG, PNG, WebP, HEIC … are read).',
      malformed_image: 'The image file is damaged and cannot be read.', limit_exceeded: 'The image is too large to check on this device.',
      init_failed: 'The checker failed to load; reload the page.', invalid_profile: 'The standard settings are invalid.',
    },
  },
};

const $ = (id) => document.getElementById(id);
const state = { lang: localStorage.getItem('photogate.lang') === 'en' ? 'en' : 'zh', bytes: null, name: null, report: null, profiles: [] };
let previewUrl = null;

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
  select.replaceChildren(...state.profiles.map((p) => {
    const option = el('option', null, p.title[state.lang]);
    option.value = p.id;
    return option;
  }));
  select.value = chosen;
}

function renderReport() {
  const report = state.report;
  if (!report) return;
  const t = UI[state.lang];
  const overall = $('overall');
  overall.className = `overall ${report.verdict}`;
  overall.replaceChildren(document.createTextNode(t.overall[report.verdict]), el('small', null, t.overallHint[report.verdict]));
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

function showError(e) {
  const t = UI[state.lang];
  const known = e instanceof PhotogateError ? t.errors[e.code] : null;
  $('error').textContent = known ? `${known} (${e.code})` : `${e.message ?? e}`;
  $('error').hidden = false;
}

function runCheck() {
  if (!state.bytes) return;
  $('error').hidden = true;
  $('status').textContent = UI[state.lang].checking;
  try {
    state.report = check(state.bytes, { profile: $('profile').value || 'chsi', fileName: state.name });
    $('result').hidden = false;
    renderReport();
    $('status').textContent = '';
  } catch (e) {
    state.report = null;
    $('result').hidden = true;
    $('status').textContent = '';
    showError(e);
  }
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
  runCheck();
}

async function main() {
  renderStatic();
  $('status').textContent = UI[state.lang].loading;
  try {
    await init();
  } catch (e) {
    $('status').textContent = '';
    showError(e);
    return;
  }
  state.profiles = profiles();
  $('version').textContent = `photogate ${version()}`;
  renderStatic();
  $('status').textContent = UI[state.lang].ready;
  document.body.dataset.ready = 'true';

  for (const input of [$('file'), $('camera')]) {
    input.addEventListener('change', () => { takeFile(input.files[0]); input.value = ''; });
  }
  $('profile').addEventListener('change', runCheck);
  $('lang').addEventListener('click', () => {
    state.lang = state.lang === 'zh' ? 'en' : 'zh';
    localStorage.setItem('photogate.lang', state.lang);
    renderStatic();
    renderReport();
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

main();
