'use strict';

// The tutorials' examples, one click away.
const GATES = [[0, 0], [0, 1], [1, 0], [1, 1]];
const EXAMPLES = {
  or: {
    name: 'OR gate',
    dataset: {features: GATES, targets: [[0], [1], [1], [1]], featureNames: ['x1', 'x2']},
    architecture: {layers: [{units: 1, activation: 'sigmoid', weights: [[0.1, 0.6]], biases: [0]}]},
    training: {epochs: 5000, learningRate: 1.0}
  },
  xor: {
    name: 'XOR, hidden layer',
    dataset: {features: GATES, targets: [[0], [1], [1], [0]], featureNames: ['x1', 'x2']},
    architecture: {layers: [{units: 3, activation: 'sigmoid', init: 'xavier'}, {units: 1, activation: 'sigmoid'}]},
    training: {epochs: 5000, learningRate: 1.0, seed: 7}
  },
  xorCross: {
    name: 'XOR, x1·x2 cross',
    dataset: {features: GATES, targets: [[0], [1], [1], [0]], featureNames: ['x1', 'x2']},
    preprocessing: {featureCrosses: [['x1', 'x2']]},
    architecture: {layers: [{units: 1, activation: 'sigmoid'}]},
    training: {epochs: 10000, learningRate: 1.0, seed: 3}
  },
  exam: {
    name: 'Exam scores',
    dataset: {features: [[2, 9], [1, 5], [3, 6]], targets: [[92], [86], [89]],
      featureNames: ['studied', 'slept'], targetNames: ['score']},
    preprocessing: {featureScaling: 'max', targetScaling: 'max'},
    architecture: {layers: [{units: 3, bias: false, init: 'xavier'}, {units: 1, bias: false, init: 'xavier'}]},
    training: {epochs: 150000, learningRate: 10.0, seed: 1}
  }
};
const PREDICT_EXAMPLES = {exam: [[5, 10]]};
const CLASS_COLOURS = ['#dc2626', '#16a34a', '#2563eb', '#d97706', '#7c3aed', '#0891b2', '#db2777', '#4b5563'];
// the same hues, lighter, for the regions each class wins
const REGION_COLOURS = ['#fca5a5', '#86efac', '#93c5fd', '#fcd34d', '#c4b5fd', '#67e8f9', '#f9a8d4', '#d1d5db'];
// classes told apart by shape as well as colour
const CLASS_SHAPES = ['circle', 'triangle', 'rect', 'rectRot', 'star', 'crossRot', 'cross', 'rectRounded'];
const FINISHED = ['SUCCEEDED', 'FAILED', 'CANCELLED'];

const $ = (id) => document.getElementById(id);
const state = {id: null, model: null, events: null, curve: null, boundary: null, compared: new Map()};
// The API key, when the server asks for one: kept for this tab only, sent in a header, never in a URL.
const KEY_STORAGE = 'backprop.key';

function authorization() {
  const key = sessionStorage.getItem(KEY_STORAGE);
  return key ? {Authorization: 'Bearer ' + key} : {};
}

async function api(method, path, body) {
  const response = await fetch(path, {
    method,
    headers: Object.assign(body === undefined ? {} : {'Content-Type': 'application/json'}, authorization()),
    body: body === undefined ? undefined : JSON.stringify(body)
  });
  const text = await response.text();
  const data = text ? JSON.parse(text) : null;
  if (response.status === 401) {
    askForKey(data && data.detail);
  }
  if (!response.ok) {
    throw Object.assign(new Error(data && data.detail || response.statusText), {problem: data});
  }
  return data;
}

// ---------------------------------------------------------------- the API key, when the server needs one
function askForKey(reason) {
  $('key-section').hidden = false;
  $('key-message').textContent = sessionStorage.getItem(KEY_STORAGE)
    ? `The server refused this key: ${reason || 'unknown or revoked'}. Enter another.`
    : 'This server needs an API key: ask its admin for one and enter it here.';
}

$('key-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const key = $('key-input').value.trim();
  if (!key) {
    return;
  }
  sessionStorage.setItem(KEY_STORAGE, key);
  $('key-input').value = '';
  $('key-section').hidden = true;
  $('forget-key').hidden = false;
  state.id = null;
  refreshModels();
  route();
});

$('forget-key').addEventListener('click', () => {
  sessionStorage.removeItem(KEY_STORAGE);
  location.reload();
});

function problemHtml(error) {
  const errors = error.problem && error.problem.errors || [];
  const items = errors.map((e) => `<li><code>${escape(e.field || e.line || '')}</code> = ${escape(e.value)}: ${escape(e.message)}</li>`);
  return `<div class="problem"><strong>${escape(error.message)}</strong>${items.length ? `<ul>${items.join('')}</ul>` : ''}</div>`;
}

/** Indented JSON, with arrays of plain values kept on one line. */
function pretty(value) {
  return JSON.stringify(value, null, 2).replace(/\[[^\[\]{}]*\]/g, (array) => array.replace(/\s+/g, ' ')
    .replace('[ ', '[').replace(' ]', ']'));
}

function escape(value) {
  return String(value ?? '').replace(/[&<>"]/g, (c) => ({'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;'}[c]));
}

// ---------------------------------------------------------------- the list of models, kept fresh
async function refreshModels() {
  try {
    const page = await api('GET', '/models?size=50');
    $('models-empty').hidden = page.content.length > 0;
    $('models').innerHTML = page.content.map((m) => `
      <li><button type="button" data-id="${escape(m.id)}" aria-current="${m.id === state.id}">
        <span class="name">${escape(m.name)}${m.version != null ? ` <span class="version">v${m.version}</span>` : ''}</span>
        <span class="badge ${escape(m.status)}">${escape(m.status)}</span>
        <span class="details">${escape(new Date(m.createdAt).toLocaleString())}${m.progress.cost != null
          ? ` · cost ${escape(m.progress.cost.toPrecision(4))}` : ''}</span>
      </button>
      <input type="checkbox" id="compare-${escape(m.id)}" data-compare="${escape(m.id)}" data-name="${escape(m.name)}"
        ${state.compared.has(m.id) ? 'checked' : ''}><label for="compare-${escape(m.id)}" class="compare">compare</label></li>`).join('');
  } catch (e) {
    $('models-empty').textContent = 'Could not load the models: ' + e.message;
  }
}

// Curves of models chosen in the list, drawn over the open model's curve.
$('models').addEventListener('change', async (event) => {
  const box = event.target.closest('input[data-compare]');
  if (!box) {
    return;
  }
  if (box.checked) {
    const curve = await api('GET', `/models/${encodeURIComponent(box.dataset.compare)}/learning-curve`);
    state.compared.set(box.dataset.compare, {name: box.dataset.name, points: curve.points});
  } else {
    state.compared.delete(box.dataset.compare);
  }
  drawCurve(state.curvePoints || []);
});

$('models').addEventListener('click', (event) => {
  const button = event.target.closest('button[data-id]');
  if (button) {
    location.hash = '#/models/' + button.dataset.id;
  }
});

// ---------------------------------------------------------------- starting a training
document.querySelectorAll('[data-example]').forEach((button) => button.addEventListener('click', () => {
  $('train-request').value = pretty(EXAMPLES[button.dataset.example]);
  $('train-request').dataset.example = button.dataset.example;
  $('train-message').textContent = 'Example loaded: press Train.';
}));

$('train-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  let request;
  try {
    request = JSON.parse($('train-request').value);
  } catch (e) {
    $('train-message').innerHTML = problemHtml(new Error('The request is not valid JSON: ' + e.message));
    return;
  }
  try {
    const model = await api('POST', '/models', request);
    // a job small enough is trained at once, and answered as it ended
    $('train-message').textContent = model.status === 'QUEUED' ? `Training "${model.name}" started.`
      : `"${model.name}" trained at once: ${model.status}.`;
    $('predict-rows').value = JSON.stringify(PREDICT_EXAMPLES[$('train-request').dataset.example]
      || request.dataset && request.dataset.features || [[0, 0]]);
    location.hash = '#/models/' + model.id;
    refreshModels();
  } catch (e) {
    $('train-message').innerHTML = problemHtml(e);
  }
});

// ---------------------------------------------------------------- one model
window.addEventListener('hashchange', route);

function route() {
  const match = location.hash.match(/^#\/models\/(.+)$/);
  if (match && match[1] !== state.id) {
    openModel(match[1]);
  }
  const search = location.hash.match(/^#\/searches\/(.+)$/);
  if (search && search[1] !== searchState.id) {
    openSearch(search[1]);
  }
}

async function openModel(id) {
  if (state.events) {
    state.events.abort();
  }
  state.id = id;
  closeSearch();
  $('model').hidden = false;
  $('prediction').textContent = '';
  refreshModels();
  await showModel();
  if (!FINISHED.includes(state.model.status)) {
    follow(id);
  }
}

async function showModel() {
  const model = await api('GET', '/models/' + state.id);
  state.model = model;
  $('model-heading').textContent = model.name;
  $('model-status').textContent = statusText(model);
  $('model-search').hidden = model.searchId == null;
  if (model.searchId != null) {
    $('model-search-link').href = '#/searches/' + encodeURIComponent(model.searchId);
    $('model-search-link').textContent = `Trial ${model.trial} of a search: back to its trials`;
  }
  $('stop').disabled = model.status !== 'RUNNING';
  $('cancel').disabled = FINISHED.includes(model.status);
  $('spec').textContent = pretty(model.spec);
  $('metrics').innerHTML = metricsHtml(model);
  if (!$('predict-rows').value) {
    $('predict-rows').value = JSON.stringify([model.spec.dataset.featureNames.map(() => 0)]);
  }
  const curve = await api('GET', `/models/${state.id}/learning-curve`);
  drawCurve(curve.points);
  await drawBoundary(model);
  await drawUnits(model);
}

// ---------------------------------------------------------------- inside the network
const UNIT_SIZE = 56;
const UNIT_GAP = 16;

// Every unit's picture, a row per layer (the inputs first), joined by its weights, like TensorFlow Playground.
// While the job trains (on this replica), the pictures are of its parameters as they are.
async function drawUnits(model) {
  const shown = model.spec.dataset.features === 2 && ['SUCCEEDED', 'RUNNING'].includes(model.status);
  let pictures = null;
  try {
    pictures = shown ? await api('GET', `/models/${model.id}/hidden-units?resolution=24`) : null;
  } catch (e) {
    pictures = null; // a job training on another replica shows its pictures once it has succeeded
  }
  $('units-figure').hidden = !pictures;
  $('units').replaceChildren();
  if (!pictures || state.id !== model.id) {
    return;
  }
  const inputs = [0, 1].map((f) => pictures.ys.map((y) => pictures.xs.map((x) => (f === 0 ? x : y))));
  const rows = [{units: inputs, names: pictures.features}, ...pictures.layers.map((layer, l) => ({
    units: layer.units, weights: layer.weights,
    names: layer.units.map((_, u) => `layer ${l + 1} unit ${u + 1} (${layer.activation})`)
  }))];
  const width = Math.max(...rows.map((r) => r.units.length)) * (UNIT_SIZE + UNIT_GAP);
  rows.forEach((row, r) => {
    if (r > 0) {
      $('units').append(weightLines(rows[r - 1].units.length, row.units.length, row.weights, width));
    }
    const div = document.createElement('div');
    div.className = 'unit-row';
    div.style.width = `${width}px`;
    row.units.forEach((grid, u) => div.append(unitCanvas(grid, row.names[u])));
    $('units').append(div);
  });
}

function unitCanvas(grid, name) {
  const canvas = document.createElement('canvas');
  canvas.width = canvas.height = UNIT_SIZE;
  canvas.title = name;
  canvas.setAttribute('aria-label', name);
  const context = canvas.getContext('2d');
  const values = grid.flat();
  const low = Math.min(...values);
  const high = Math.max(...values);
  const cell = UNIT_SIZE / grid.length;
  // rows of the grid go up the y axis: the first row is drawn at the bottom
  grid.forEach((row, i) => row.forEach((v, j) => {
    const t = high > low ? (v - low) / (high - low) : 0.5;
    context.fillStyle = `rgb(${Math.round(249 - 220 * t)}, ${Math.round(115 + 13 * t)}, ${Math.round(22 + 194 * t)})`;
    context.fillRect(j * cell, UNIT_SIZE - (i + 1) * cell, cell + 0.5, cell + 0.5);
  }));
  return canvas;
}

function weightLines(from, to, weights, width) {
  const svgNs = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(svgNs, 'svg');
  svg.setAttribute('width', width);
  svg.setAttribute('height', 36);
  svg.classList.add('weights');
  const largest = Math.max(...weights.flat().map(Math.abs), 1e-12);
  const centre = (k) => k * (UNIT_SIZE + UNIT_GAP) + UNIT_SIZE / 2;
  weights.forEach((row, j) => row.forEach((w, i) => {
    const line = document.createElementNS(svgNs, 'line');
    line.setAttribute('x1', centre(i));
    line.setAttribute('y1', 0);
    line.setAttribute('x2', centre(j));
    line.setAttribute('y2', 36);
    line.setAttribute('stroke', w >= 0 ? '#1d4ed8' : '#ea580c');
    line.setAttribute('stroke-width', (0.5 + 4 * Math.abs(w) / largest).toFixed(2));
    line.append(Object.assign(document.createElementNS(svgNs, 'title'), {textContent: `w = ${w.toPrecision(3)}`}));
    svg.append(line);
  }));
  return svg;
}

function statusText(model) {
  const p = model.progress;
  let text = `${model.status}: epoch ${p.epoch} of ${p.epochs}`;
  if (p.cost != null) {
    text += `, cost ${p.cost.toPrecision(4)}`;
  }
  if (model.status === 'RUNNING' && p.etaSeconds != null) {
    text += `, about ${Math.ceil(p.etaSeconds)} s to go`;
  }
  if (model.outcome) {
    text += ` (${model.outcome.message})`;
  }
  if (model.error) {
    text += `: ${model.error}`;
  }
  return text;
}

function metricsHtml(model) {
  if (!model.metrics) {
    return '<p class="hint">Shown once training has succeeded.</p>';
  }
  const {crossValidation: cv, ...evaluations} = model.metrics;
  const sets = Object.entries(evaluations);
  const rows = [['cost', (e) => e.cost], ['accuracy', (e) => e.accuracy], ['rmse', (e) => e.rmse],
    ['mae', (e) => e.mae], ['r2', (e) => e.r2], ['rows', (e) => e.rows]]
    .filter(([name, get]) => sets.some(([, e]) => get(e) != null) || cv && cv.mean[name] != null);
  const number = (v) => v == null ? '' : Number.isInteger(v) ? v : v.toPrecision(4);
  const cvHeading = cv ? `<th scope="col">${cv.folds.length}-fold cross-validation (mean ± std)</th>` : '';
  const cvCell = (name) => !cv ? '' : `<td>${cv.mean[name] == null ? ''
    : `${number(cv.mean[name])} ± ${number(cv.std[name])}`}</td>`;
  return `<table><thead><tr><th scope="col">metric</th>${sets.map(([name]) => `<th scope="col">${name}</th>`).join('')}${cvHeading}</tr></thead>
    <tbody>${rows.map(([name, get]) => `<tr><th scope="row">${name}</th>${sets.map(([, e]) => `<td>${number(get(e))}</td>`).join('')}${cvCell(name)}</tr>`).join('')}</tbody></table>`
    + sets.filter(([, e]) => e.perClass).map(([name, e]) => perClassHtml(name, e, number)).join('');
}

function perClassHtml(set, e, number) {
  const matrix = e.confusionMatrix;
  return `<h4>${escape(set)}: per class</h4>
    <table class="per-class"><thead><tr><th scope="col">class</th><th scope="col">precision</th><th scope="col">recall</th>
      <th scope="col">F1</th><th scope="col">support</th></tr></thead>
    <tbody>${e.perClass.map((c) => `<tr><th scope="row">${escape(c.label)}</th><td>${number(c.precision)}</td>
      <td>${number(c.recall)}</td><td>${number(c.f1)}</td><td>${c.support}</td></tr>`).join('')}</tbody></table>
    <table class="confusion"><caption>${escape(set)}: confusion matrix (rows actual, columns predicted)</caption>
    <thead><tr><th scope="col"></th>${matrix.classes.map((c) => `<th scope="col">${escape(c)}</th>`).join('')}</tr></thead>
    <tbody>${matrix.counts.map((row, i) => `<tr><th scope="row">${escape(matrix.classes[i])}</th>
      ${row.map((n) => `<td>${n}</td>`).join('')}</tr>`).join('')}</tbody></table>`;
}

// Live progress: the curve grows while the job trains; status changes and the end refresh the page. The stream
// is read with fetch rather than EventSource, which cannot send the key's header.
async function follow(id) {
  const events = new AbortController();
  state.events = events;
  const handlers = {
    progress: (p) => {
      addCurvePoint(p.epoch - 1, p.cost, p.validationCost);
      refreshCurve(id);
      $('model-status').textContent = `RUNNING: epoch ${p.epoch} of ${p.epochs}, cost ${p.cost.toPrecision(4)}`
        + (p.etaSeconds != null ? `, about ${Math.ceil(p.etaSeconds)} s to go` : '');
    },
    status: () => showModel(),
    end: () => {
      events.abort();
      showModel();
      refreshModels();
    }
  };
  try {
    const response = await fetch(`/models/${id}/events`, {headers: authorization(), signal: events.signal});
    if (!response.ok) {
      return;
    }
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    for (;;) {
      const {value, done} = await reader.read();
      if (done) {
        return;
      }
      buffer += value.replace(/\r\n?/g, '\n');
      let end;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const message = parseEvent(buffer.slice(0, end));
        buffer = buffer.slice(end + 2);
        if (handlers[message.event] && message.data) {
          handlers[message.event](JSON.parse(message.data));
        }
      }
    }
  } catch (e) {
    if (e.name !== 'AbortError') {
      throw e;
    }
  }
}

// While a job trains, its curve so far is read again once a second: progress events come a few per second, so
// the points between them come from the curve itself, not a straight line.
let curveReadAt = 0;
async function refreshCurve(id) {
  if (Date.now() - curveReadAt < 1000) {
    return;
  }
  curveReadAt = Date.now();
  const curve = await api('GET', `/models/${id}/learning-curve`);
  if (state.id === id) {
    drawCurve(curve.points);
    if (state.model && state.model.status === 'RUNNING') {
      drawUnits(state.model);
    }
  }
}

// One server-sent event: its name and data lines (comments, the heartbeats, carry neither).
function parseEvent(block) {
  const message = {event: 'message', data: ''};
  for (const line of block.split('\n')) {
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'event') {
      message.event = value;
    } else if (field === 'data') {
      message.data += (message.data ? '\n' : '') + value;
    }
  }
  return message;
}

function drawCurve(points) {
  state.curvePoints = points;
  const data = {
    datasets: [
      {label: 'training cost', data: points.map((p) => ({x: p.epoch, y: p.cost})), borderColor: '#1d4ed8',
        backgroundColor: '#1d4ed8', pointRadius: 0, borderWidth: 2},
      {label: 'validation cost', data: points.filter((p) => p.validationCost != null)
        .map((p) => ({x: p.epoch, y: p.validationCost})), borderColor: '#d97706', backgroundColor: '#d97706',
        pointRadius: 0, borderWidth: 2, hidden: !points.some((p) => p.validationCost != null)},
      ...[...state.compared.values()].map((run, k) => ({label: `${run.name} (compared)`,
        data: run.points.map((p) => ({x: p.epoch, y: p.cost})), borderColor: CLASS_COLOURS[(k + 2) % CLASS_COLOURS.length],
        pointRadius: 0, borderWidth: 1.5, borderDash: [6, 3]}))
    ]
  };
  if (state.curve) {
    state.curve.data = data;
    state.curve.update('none');
    return;
  }
  state.curve = new Chart($('curve'), {
    type: 'line', data,
    options: {
      animation: false, parsing: false, maintainAspectRatio: false,
      plugins: {legend: {labels: {filter: (item, data) => !data.datasets[item.datasetIndex].hidden}}},
      scales: {x: {type: 'linear', title: {display: true, text: 'epoch'}}, y: {title: {display: true, text: 'cost'}}}
    }
  });
}

function addCurvePoint(epoch, cost, validationCost) {
  if (!state.curve) {
    drawCurve([]);
  }
  const [training, validation] = state.curve.data.datasets;
  training.data.push({x: epoch, y: cost});
  if (validationCost != null) {
    validation.data.push({x: epoch, y: validationCost});
    validation.hidden = false;
  }
  state.curve.update('none');
}

// The decision boundary: grid cells as squares shaded by the output, training points on top.
async function drawBoundary(model) {
  const twoInputs = model.spec.dataset.features === 2 && model.status === 'SUCCEEDED';
  $('boundary-figure').hidden = !twoInputs;
  if (state.boundary) {
    state.boundary.destroy();
    state.boundary = null;
  }
  if (!twoInputs) {
    return;
  }
  const b = await api('GET', `/models/${model.id}/decision-boundary?resolution=40`);
  const cells = [];
  const colour = cellColours(b);
  b.ys.forEach((y, i) => b.xs.forEach((x, j) => cells.push({x, y, colour: colour(i, j)})));
  const classOf = (label) => b.classes ? b.classes.findIndex((c) => String(c) === String(label)) : -1;
  // a 'rect' point is a square of side radius·√2: size it to cover its cell, so that cells tile the area
  const size = (context) => {
    const area = context.chart.chartArea;
    return area ? Math.max(area.width / b.xs.length, area.height / b.ys.length) / Math.SQRT2 + 0.5 : 4;
  };
  state.boundary = new Chart($('boundary'), {
    type: 'scatter',
    data: {
      datasets: [
        {label: 'network output', data: cells, pointStyle: 'rect', pointRadius: size, pointHoverRadius: size,
          backgroundColor: cells.map((c) => c.colour), borderWidth: 0, order: 2},
        ...pointSets(b, classOf)
      ]
    },
    options: {
      animation: false, maintainAspectRatio: false,
      plugins: {
        legend: {position: 'bottom', labels: {usePointStyle: true, filter: (item) => item.datasetIndex > 0}},
        tooltip: {filter: (item) => item.datasetIndex > 0,
          callbacks: {label: (item) => `(${item.raw.x}, ${item.raw.y}): ${item.raw.label}`}}
      },
      scales: {
        x: {type: 'linear', min: b.xs[0], max: b.xs[b.xs.length - 1], title: {display: true, text: b.features[0]},
          afterBuildTicks: withEnds},
        y: {type: 'linear', min: b.ys[0], max: b.ys[b.ys.length - 1], title: {display: true, text: b.features[1]},
          afterBuildTicks: withEnds}
      }
    }
  });
  $('boundary').setAttribute('aria-label', `Decision boundary over ${b.features[0]} and ${b.features[1]}, `
    + `with ${b.points.length} training points`);
}

// The colour of cell (i, j); the output's range is found once for the whole grid.
// The training points, a legend entry per class (its colour and shape), or one set for regression.
function pointSets(b, classOf) {
  const style = {pointRadius: 8, borderWidth: 3, order: 1};
  if (!b.classes) {
    return [{label: 'training points', data: b.points.map((p) => ({x: p.x, y: p.y, label: p.label})),
      pointStyle: 'crossRot', borderColor: '#111827', backgroundColor: '#111827', ...style}];
  }
  return b.classes.map((c, k) => ({
    label: `class ${c}`, pointStyle: CLASS_SHAPES[k % CLASS_SHAPES.length],
    data: b.points.filter((p) => classOf(p.label) === k).map((p) => ({x: p.x, y: p.y, label: p.label})),
    borderColor: '#111827', backgroundColor: CLASS_COLOURS[k % CLASS_COLOURS.length], ...style, borderWidth: 1.5
  }));
}

// Axis ticks that show where the data's range begins and ends.
function withEnds(axis) {
  const values = axis.ticks.map((t) => t.value);
  const gap = (axis.max - axis.min) / 20;
  if (!values.some((v) => Math.abs(v - axis.min) < gap)) {
    axis.ticks.unshift({value: axis.min});
  }
  if (!values.some((v) => Math.abs(v - axis.max) < gap)) {
    axis.ticks.push({value: axis.max});
  }
}

function cellColours(b) {
  if (b.winners && b.classes.length > 2) {
    return (i, j) => REGION_COLOURS[b.winners[i][j] % REGION_COLOURS.length];
  }
  // two classes (the probability of the second) or regression: from light red (low) to light green (high)
  let low = 0;
  let high = 1;
  if (!b.winners) {
    low = Infinity;
    high = -Infinity;
    b.values.forEach((row) => row.forEach((v) => {
      low = Math.min(low, v);
      high = Math.max(high, v);
    }));
  }
  return (i, j) => {
    const t = high > low ? (b.values[i][j] - low) / (high - low) : 0.5;
    const mix = (from, to) => Math.round(from + (to - from) * t);
    return `rgb(${mix(248, 134)}, ${mix(113, 239)}, ${mix(113, 172)})`;
  };
}

// ---------------------------------------------------------------- predicting and managing
$('predict-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  try {
    const answer = await api('POST', `/models/${state.id}/predict`, {features: JSON.parse($('predict-rows').value)});
    const lines = answer.outputs.map((row, i) => `[${row.map((v) => v.toPrecision(4)).join(', ')}]`
      + (answer.labels ? ` → ${answer.labels[i]}` : ''));
    $('prediction').textContent = lines.join('\n');
  } catch (e) {
    $('prediction').innerHTML = problemHtml(e);
  }
});

$('stop').addEventListener('click', () => act('POST', 'stop'));
$('cancel').addEventListener('click', () => act('POST', 'cancel'));
$('delete').addEventListener('click', async () => {
  if (await act('DELETE', '')) {
    state.id = null;
    $('model').hidden = true;
    location.hash = '';
    refreshModels();
  }
});

// Sends a stop, cancel or delete; shows the problem and returns false when it failed, else true.
async function act(method, action) {
  try {
    await api(method, `/models/${encodeURIComponent(state.id)}${action ? '/' + action : ''}`);
    if (method !== 'DELETE') {
      await showModel();
    }
    return true;
  } catch (e) {
    $('model-status').innerHTML = problemHtml(e);
    return false;
  }
}

// ---------------------------------------------------------------- hyper-parameter searches
const searchState = {id: null, search: null, sort: {key: 'trial', ascending: true}, curves: new Map(), chart: null,
  timer: null};

$('search-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  let base;
  let space;
  try {
    base = JSON.parse($('train-request').value);
    space = JSON.parse($('search-space').value);
  } catch (e) {
    $('search-message').innerHTML = problemHtml(new Error('The request or the fields are not valid JSON: ' + e.message));
    return;
  }
  try {
    const search = await api('POST', '/searches', {base, space, strategy: $('search-strategy').value,
      objective: {metric: $('search-metric').value}});
    $('search-message').textContent = `Search of ${search.progress.total} trials started.`;
    location.hash = '#/searches/' + search.id;
  } catch (e) {
    $('search-message').innerHTML = problemHtml(e);
  }
});

async function openSearch(id) {
  if (state.events) {
    state.events.abort();
  }
  state.id = null;
  $('model').hidden = true;
  $('search').hidden = false;
  $('register-message').textContent = '';
  clearInterval(searchState.timer);
  Object.assign(searchState, {id, search: null, sort: {key: 'trial', ascending: true}});
  searchState.curves.clear();
  await showSearch();
  // a search changes as its trials train: read it again each second until it and its curves are final
  searchState.timer = setInterval(showSearch, 1000);
}

function closeSearch() {
  clearInterval(searchState.timer);
  searchState.id = null;
  $('search').hidden = true;
}

async function showSearch() {
  const id = searchState.id;
  try {
    const search = await api('GET', `/searches/${encodeURIComponent(id)}`);
    if (searchState.id !== id) {
      return;
    }
    searchState.search = search;
    const objective = search.request.objective;
    $('search-heading').textContent = `Search: ${objective.metric} (${objective.direction})`;
    $('search-status').textContent = `${search.status}: ${search.progress.done} of ${search.progress.total} trials `
      + `done${search.outcome ? ` (${search.outcome})` : ''}${search.best
        ? `; best so far: trial ${search.best.trial}, ${search.best.metric.toPrecision(4)}` : ''}`;
    $('search-cancel').disabled = search.status !== 'RUNNING';
    drawTrials();
    const final = await drawTrialCurves(search);
    if (search.status !== 'RUNNING' && final) {
      clearInterval(searchState.timer);
    }
  } catch (e) {
    $('search-status').innerHTML = problemHtml(e);
    clearInterval(searchState.timer);
  }
}

// What a trial shows in a column: its number, a setting, its status or its metric.
function trialValue(trial, column) {
  return column === 'trial' ? trial.trial : column === 'status' ? trial.status
    : column === 'metric' ? trial.metric : trial.settings[column];
}

// Numbers by value, anything else by its text; what has no value sorts last either way.
function compareValues(a, b) {
  return typeof a === 'number' && typeof b === 'number' ? a - b
    : JSON.stringify(a).localeCompare(JSON.stringify(b));
}

function drawTrials() {
  const search = searchState.search;
  const columns = ['trial', ...Object.keys(search.trials.length ? search.trials[0].settings : {}), 'status', 'metric'];
  const {key, ascending} = searchState.sort;
  const rows = [...search.trials].sort((a, b) => {
    const x = trialValue(a, key);
    const y = trialValue(b, key);
    return x == null || y == null ? (x == null) - (y == null) : compareValues(x, y) * (ascending ? 1 : -1);
  });
  const best = search.best && search.best.trial;
  $('trials').querySelector('thead').innerHTML = '<tr>' + columns.map((c) => `<th scope="col"
    aria-sort="${c === key ? (ascending ? 'ascending' : 'descending') : 'none'}"><button type="button"
    data-sort="${escape(c)}">${escape(c)}</button></th>`).join('') + '</tr>';
  $('trials').querySelector('tbody').innerHTML = rows.map((t) => `<tr data-trial="${t.trial}"${t.trial === best
    ? ' class="best"' : ''}>` + columns.map((c) => {
      const value = trialValue(t, c);
      const text = value == null ? '' : c === 'metric' ? value.toPrecision(4)
        : typeof value === 'object' ? JSON.stringify(value) : String(value);
      return c === 'trial' && t.modelId ? `<td><a href="#/models/${encodeURIComponent(t.modelId)}">${escape(text)}</a></td>`
        : `<td>${escape(text)}</td>`;
    }).join('') + '</tr>').join('');
}

$('trials').addEventListener('click', (event) => {
  const button = event.target.closest('button[data-sort]');
  if (button) {
    const key = button.dataset.sort;
    searchState.sort = {key, ascending: searchState.sort.key === key ? !searchState.sort.ascending : true};
    drawTrials();
  }
});

// Each started trial's curve, read again until its trial has ended; returns whether every curve is final.
async function drawTrialCurves(search) {
  let final = true;
  for (const trial of search.trials.filter((t) => t.modelId && t.status !== 'QUEUED')) {
    const known = searchState.curves.get(trial.trial);
    if (!known || !known.final) {
      const curve = await api('GET', `/models/${encodeURIComponent(trial.modelId)}/learning-curve`);
      searchState.curves.set(trial.trial, {points: curve.points, final: FINISHED.includes(trial.status)});
    }
    final = final && searchState.curves.get(trial.trial).final;
  }
  const data = {datasets: [...searchState.curves.entries()].sort(([a], [b]) => a - b).map(([trial, curve]) => ({
    label: `trial ${trial}`, data: curve.points.map((p) => ({x: p.epoch, y: p.cost})),
    borderColor: CLASS_COLOURS[trial % CLASS_COLOURS.length], backgroundColor: CLASS_COLOURS[trial % CLASS_COLOURS.length],
    pointRadius: 0, borderWidth: trial === (search.best && search.best.trial) ? 3 : 1.5}))};
  if (searchState.chart) {
    searchState.chart.data = data;
    searchState.chart.update('none');
  } else {
    searchState.chart = new Chart($('trial-curves'), {type: 'line', data, options: {animation: false, parsing: false,
      maintainAspectRatio: false, scales: {x: {type: 'linear', title: {display: true, text: 'epoch'}},
        y: {title: {display: true, text: 'cost'}}}}});
  }
  return final;
}

$('search-cancel').addEventListener('click', async () => {
  try {
    await api('POST', `/searches/${encodeURIComponent(searchState.id)}/cancel`);
    await showSearch();
  } catch (e) {
    $('search-status').innerHTML = problemHtml(e);
  }
});

$('register-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  try {
    const model = await api('POST', `/searches/${encodeURIComponent(searchState.id)}/register`,
      {name: $('register-name').value});
    $('register-message').textContent = `Registered trial ${model.trial} as ${model.name} v${model.version}.`;
  } catch (e) {
    $('register-message').innerHTML = problemHtml(e);
  }
});

$('forget-key').hidden = !sessionStorage.getItem(KEY_STORAGE);
// the first visit opens with the XOR example ready to train
if (!$('train-request').value) {
  document.querySelector('[data-example="xor"]').click();
}
refreshModels();
setInterval(refreshModels, 3000);
route();
