// The browser virtual terminal: draws the LCD from the simulated ST7920's DDRAM with the
// committed Unifont subset (lcd-font.json), lays the keypad out from board.json, and follows
// the board with a long poll of /api/state. Every POST carries X-PosTerminal (see WebTerminal.cs).
'use strict';

const LIT = [0x1e, 0x2a, 0x14], DARK = [0x9a, 0xbd, 0x3a];
const KEY_CAPS = { STAR: '*', HASH: '#' };
const PC_KEYS = { Enter: 'ENTER', Escape: 'CANCEL', Backspace: 'CLEAR', ArrowUp: 'UP', ArrowDown: 'DOWN',
  '*': 'STAR', '#': 'HASH', m: 'MENU', M: 'MENU', f: 'FN', F: 'FN' };

let font = null, board = null, version = 0, consoleSeen = 0, queue = Promise.resolve();
window.pending = 0; // requests not answered yet (the browser test waits for 0)

function post(url, body) {
  window.pending++;
  queue = queue.then(() => fetch(url, { method: 'POST', headers: { 'X-PosTerminal': '1' }, body: body }))
    .catch(() => null).finally(() => { window.pending--; });
  return queue;
}

function hex2(b) { return b.toString(16).toUpperCase().padStart(2, '0'); }

// One glyph: rows of 'width' bits (hex, high bit = leftmost pixel) onto the image at (x, y).
function blit(image, hex, width, x, y) {
  const digits = width / 4;
  for (let row = 0; row < 16; row++) {
    const bits = parseInt(hex.substr(row * digits, digits), 16);
    for (let col = 0; col < width; col++) {
      if ((bits >> (width - 1 - col)) & 1) setPixel(image, x + col, y + row, LIT);
    }
  }
}

function setPixel(image, x, y, rgb) {
  const i = (y * 128 + x) * 4;
  image.data[i] = rgb[0]; image.data[i + 1] = rgb[1]; image.data[i + 2] = rgb[2]; image.data[i + 3] = 255;
}

// A half-width cell: printable ASCII from the font, anything else as '?' (as SimSt7920 reads it).
function half(b) { return font.half[hex2(b)] || font.half['3F']; }

// The 128 x 64 glass from DDRAM (hex, 64 bytes; "" while dark): each row's 8 addresses hold two
// bytes each, a GB2312 pair as one 16 x 16 character, else two 8 x 16 half-width characters.
function drawLcd(ddramHex) {
  const canvas = document.getElementById('lcd');
  const context = canvas.getContext('2d');
  const image = context.createImageData(128, 64);
  for (let y = 0; y < 64; y++) for (let x = 0; x < 128; x++) setPixel(image, x, y, DARK);
  if (ddramHex.length === 128) {
    const bytes = [];
    for (let i = 0; i < 64; i++) bytes.push(parseInt(ddramHex.substr(i * 2, 2), 16));
    board.rowAddress.forEach((address, row) => {
      for (let cell = 0; cell < 8; cell++) {
        const at = (address - 0x80 + cell) * 2, first = bytes[at], second = bytes[at + 1];
        const wide = first >= 0x80 ? font.wide[hex2(first) + hex2(second)] : undefined;
        if (wide) {
          blit(image, wide, 16, cell * 16, row * 16);
        } else {
          blit(image, half(first), 8, cell * 16, row * 16);
          blit(image, half(second), 8, cell * 16 + 8, row * 16);
        }
      }
    });
  }
  context.putImageData(image, 0, 0);
  canvas.dataset.ddram = ddramHex;
}

function buildKeypad() {
  const pad = document.getElementById('keypad');
  pad.style.gridTemplateColumns = 'repeat(' + board.keypad.columns + ', 80px)';
  board.keypad.layout.forEach(row => row.forEach(name => {
    if (!name) { const none = document.createElement('div'); none.className = 'none'; pad.appendChild(none); return; }
    const button = document.createElement('button');
    button.type = 'button';
    button.dataset.key = name;
    button.textContent = KEY_CAPS[name] || name;
    button.addEventListener('click', () => post('api/key/' + name));
    pad.appendChild(button);
  }));
}

function buildSwipe() {
  const select = document.getElementById('card');
  board.cards.forEach((card, i) => {
    const option = document.createElement('option');
    option.value = i;
    option.textContent = card.name + ' ' + card.number;
    select.appendChild(option);
  });
  for (const kind of ['clean', 'noisy', 'reverse']) {
    document.getElementById('swipe-' + kind).addEventListener('click',
      () => post('api/swipe?card=' + select.value + '&kind=' + kind));
  }
  document.getElementById('power').addEventListener('click', () => post('api/power-cycle'));
}

function buildConsole() {
  const form = document.getElementById('console-form'), line = document.getElementById('console-line');
  form.addEventListener('submit', event => {
    event.preventDefault();
    if (line.value.trim().length === 0) return;
    post('api/console', line.value);
    line.value = '';
  });
  document.addEventListener('keydown', event => {
    if (event.target === line || event.ctrlKey || event.altKey || event.metaKey) return;
    if (event.key === 'Delete') { // CLEAR held down (past the keypad's 1 s hold): empties the field
      event.preventDefault();
      post('api/hold/CLEAR');
      return;
    }
    const name = /^[0-9]$/.test(event.key) ? event.key : PC_KEYS[event.key];
    if (name && document.querySelector('#keypad button[data-key="' + name + '"]')) {
      event.preventDefault();
      post('api/key/' + name);
    }
  });
}

function show(state) {
  version = state.version;
  drawLcd(state.ddram);
  document.getElementById('status').textContent = state.status;
  const fresh = Math.min(state.consoleTotal - consoleSeen, state.console.length);
  if (fresh > 0) {
    const out = document.getElementById('console-out');
    out.textContent += state.console.slice(state.console.length - fresh).join('\n') + '\n';
    out.scrollTop = out.scrollHeight;
  }
  consoleSeen = state.consoleTotal;
  document.getElementById('lcd').dataset.version = state.version;
}

async function follow() {
  for (;;) {
    try {
      const response = await fetch('api/state?after=' + version);
      show(await response.json());
    } catch (e) {
      document.getElementById('status').textContent = 'the virtual terminal is not answering (stopped?)';
      await new Promise(resolve => setTimeout(resolve, 1000));
    }
  }
}

async function start() {
  [font, board] = await Promise.all([fetch('lcd-font.json').then(r => r.json()), fetch('api/board').then(r => r.json())]);
  buildKeypad();
  buildSwipe();
  buildConsole();
  follow();
}

start();
