// The minimal playground page: sends the snippet to the worker and prints the console lines it reports.
// The page holds no engine: the worker runs it, and Stop terminates the worker and starts a fresh one.

const WORKER_URL = './tickscope-worker_loader.js';

const source = document.getElementById('source');
const runButton = document.getElementById('run');
const stopButton = document.getElementById('stop');
const statusLine = document.getElementById('status');
const output = document.getElementById('output');

let worker = null;
let started = 0;

function setStatus(text) {
  statusLine.textContent = text;
}

function addLine(text, level, time) {
  const item = document.createElement('li');
  item.className = level;
  const stamp = document.createElement('span');
  stamp.className = 'time';
  stamp.textContent = time === undefined ? '' : `${time.toFixed(1)} ms`;
  const body = document.createElement('span');
  body.className = 'text';
  body.textContent = text;
  item.append(stamp, body);
  output.append(item);
}

// Show the program's output among a frame's trace events: console lines and errors.
function showEvents(events) {
  for (const event of events) {
    switch (event.type) {
      case 'console':
        addLine(event.text, event.level, event.time);
        break;
      case 'uncaught_error':
      case 'unhandled_rejection':
      case 'runtime_limit':
        addLine(event.message, 'error', event.time);
        break;
      default:
        break;
    }
  }
}

function onReply(message) {
  switch (message.type) {
    case 'ready':
      // How the worker paces the loop; the page tests read it.
      document.body.dataset.ticker = message.ticker;
      runButton.disabled = false;
      setStatus('ready');
      break;
    case 'frame':
      showEvents(message.events);
      setStatus(`running: frame ${message.frame} (${message.outcome})`);
      break;
    case 'load_error':
      showEvents(message.events);
      addLine(message.message, 'error');
      setStatus('the snippet did not load');
      break;
    case 'done':
      setStatus(`done: idle after ${message.frames} frame(s), ${Math.round(performance.now() - started)} ms`);
      break;
    case 'protocol_error':
      setStatus(`worker: ${message.message}`);
      break;
    default:
      console.warn('tickscope: unknown reply', message);
  }
}

function startWorker() {
  worker = new Worker(WORKER_URL);
  runButton.disabled = true;
  worker.onmessage = (event) => onReply(JSON.parse(event.data));
  worker.onerror = (event) => {
    addLine(`the worker crashed: ${event.message ?? 'unknown error'}`, 'error');
    setStatus('restarting the engine…');
    event.preventDefault();
    worker.terminate();
    startWorker();
  };
}

runButton.addEventListener('click', () => {
  output.replaceChildren();
  started = performance.now();
  setStatus('running…');
  worker.postMessage(JSON.stringify({ type: 'run', source: source.value, clock: 'virtual' }));
});

stopButton.addEventListener('click', () => {
  worker.terminate();
  setStatus('stopped; loading a fresh engine…');
  startWorker();
});

startWorker();
