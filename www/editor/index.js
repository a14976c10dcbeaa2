// The tickscope editor bundle's entry point: a CodeMirror 6 editor for JavaScript behind one small API, `create`.
// scripts/build-editor.mjs wraps the bundle so that `globalThis.TickscopeEditor` exists as soon as the script has
// run while these modules run only when an editor is first needed; the Rust page binds to it with wasm-bindgen.
// See README.md beside this file.
import { Compartment, EditorSelection, EditorState, Prec } from '@codemirror/state';
import {
  EditorView, drawSelection, highlightActiveLine, highlightActiveLineGutter, highlightSpecialChars, keymap,
  lineNumbers,
} from '@codemirror/view';
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { bracketMatching, indentOnInput, LanguageSupport } from '@codemirror/language';
import { closeBrackets, closeBracketsKeymap } from '@codemirror/autocomplete';
import { javascriptLanguage } from '@codemirror/lang-javascript';
import { baseTheme, darkTheme, lightTheme } from './theme.js';
import { errorField, highlightField, lineStart, setErrorEffect, setHighlightEffect } from './marks.js';

const DARK_QUERY = '(prefers-color-scheme: dark)';
const NARROW_QUERY = '(max-width: 640px)';
const DEFAULT_CHANGE_DELAY = 150;
// The longest wait for highlighting after an editor is made, ms (see the constructor).
const LANGUAGE_DELAY_MS = 250;

// The JavaScript language alone: `javascript()` would also register completion sources, which this editor
// does not use (no autocompletion, to keep the bundle small).
const javascript = new LanguageSupport(javascriptLanguage);

/**
 * Follows a media query: returns whether it matches now and an unsubscribe, and calls `onChange(matches)`
 * whenever that changes.
 */
function followMedia(query, onChange) {
  const list = typeof matchMedia === 'function' ? matchMedia(query) : null;
  if (!list) return { matches: false, unsubscribe: () => {} };
  const listener = (event) => onChange(event.matches);
  list.addEventListener('change', listener);
  return { matches: list.matches, unsubscribe: () => list.removeEventListener('change', listener) };
}

/** Calls `callback` once the page is idle (or after `timeout` ms at the latest); returns the cancel. */
function whenIdle(callback, timeout) {
  if (typeof requestIdleCallback === 'function') {
    const id = requestIdleCallback(callback, { timeout });
    return () => cancelIdleCallback(id);
  }
  const id = setTimeout(callback, 0);
  return () => clearTimeout(id);
}

/** The `selection` option (`{ anchor, head }`, offsets in UTF-16 code units) clamped to a text of `length`, if given. */
function initialSelection(selection, length) {
  if (!selection || typeof selection !== 'object') return undefined;
  const clamp = (value) => Math.min(Math.max(Math.trunc(Number(value)) || 0, 0), length);
  const anchor = clamp(selection.anchor);
  return EditorSelection.single(anchor, selection.head === undefined ? anchor : clamp(selection.head));
}

/** Calls `callback` and reports (rather than throws) what it throws: a page callback must not break the editor. */
function callSafely(callback, ...args) {
  try {
    callback(...args);
  } catch (error) {
    console.error('tickscope editor: a callback threw', error);
  }
}

class TickscopeEditorInstance {
  constructor(parent, options = {}) {
    if (!parent || typeof parent.appendChild !== 'function') {
      throw new TypeError('TickscopeEditor.create: the first argument must be a DOM element');
    }
    const {
      doc = '', readOnly = false, onChange = null, onRun = null, selection = null, scrollTop = 0,
      changeDelay = DEFAULT_CHANGE_DELAY, colorScheme = 'auto', lineWrapping = 'auto', shiftEnterRuns = false,
    } = options ?? {};
    const text = String(doc ?? '');
    this._onChange = typeof onChange === 'function' ? onChange : null;
    this._onRun = typeof onRun === 'function' ? onRun : null;
    this._changeDelay = Math.max(0, Number(changeDelay) || 0);
    this._changeTimer = null;
    this._unsubscribe = [];

    this._theme = new Compartment();
    this._wrapping = new Compartment();
    this._readOnly = new Compartment();
    this._language = new Compartment();

    // The theme and the wrapping as the system wants them now (fixed, or following the media queries).
    const reconfigure = (compartment, extension) => {
      if (this.view) this.view.dispatch({ effects: compartment.reconfigure(extension) });
    };
    const themeFor = (dark) => (dark ? darkTheme : lightTheme);
    const wrappingFor = (wrap) => (wrap ? EditorView.lineWrapping : []);
    let dark = colorScheme === 'dark';
    if (colorScheme !== 'light' && colorScheme !== 'dark') {
      const media = followMedia(DARK_QUERY, (matches) => reconfigure(this._theme, themeFor(matches)));
      dark = media.matches;
      this._unsubscribe.push(media.unsubscribe);
    }
    let wrap = lineWrapping === true;
    if (lineWrapping !== true && lineWrapping !== false) {
      const media = followMedia(NARROW_QUERY, (matches) => reconfigure(this._wrapping, wrappingFor(matches)));
      wrap = media.matches;
      this._unsubscribe.push(media.unsubscribe);
    }

    const run = () => {
      if (!this._onRun) return false;
      callSafely(this._onRun);
      return true;
    };

    this.view = new EditorView({
      parent,
      state: EditorState.create({
        doc: text,
        selection: initialSelection(selection, text.length),
        extensions: [
          // Before the default keymap, whose Mod-Enter inserts a blank line. Shift+Enter is opt-in: people
          // still holding Shift after typing `)` or `}` would otherwise run half-written code.
          Prec.highest(keymap.of([
            { key: 'Mod-Enter', run },
            ...(shiftEnterRuns ? [{ key: 'Shift-Enter', run }] : []),
          ])),
          lineNumbers(),
          highlightActiveLineGutter(),
          highlightSpecialChars(),
          history(),
          drawSelection(),
          EditorState.allowMultipleSelections.of(true),
          indentOnInput(),
          bracketMatching(),
          closeBrackets(),
          highlightActiveLine(),
          keymap.of([...closeBracketsKeymap, ...defaultKeymap, ...historyKeymap, indentWithTab]),
          this._language.of([]),
          errorField,
          highlightField,
          baseTheme,
          this._theme.of(themeFor(dark)),
          this._wrapping.of(wrappingFor(wrap)),
          this._readOnly.of(EditorState.readOnly.of(Boolean(readOnly))),
          EditorView.contentAttributes.of({ 'aria-label': 'JavaScript source' }),
          EditorView.updateListener.of((update) => {
            if (update.docChanged) this._scheduleChange();
          }),
        ],
      }),
    });

    if (Number(scrollTop) > 0) this.view.scrollDOM.scrollTop = Number(scrollTop);

    // Highlighting comes a moment later, once the page is idle: parsing the text with the JavaScript
    // grammar is most of the cost of a new editor, and the page has more urgent work as it loads.
    this._unsubscribe.push(whenIdle(() => reconfigure(this._language, javascript), LANGUAGE_DELAY_MS));
  }

  // onChange runs from a timer (changeDelay ms after the last change), outside CodeMirror's update cycle, so
  // the page may call back into the editor from it.
  _scheduleChange() {
    if (!this._onChange) return;
    if (this._changeTimer !== null) clearTimeout(this._changeTimer);
    this._changeTimer = setTimeout(() => {
      this._changeTimer = null;
      if (this.view) callSafely(this._onChange, this.getText());
    }, this._changeDelay);
  }

  /** Calls a pending `onChange` now (before the page is left, say); does nothing when none is pending. */
  flushChange() {
    if (this._changeTimer === null) return;
    clearTimeout(this._changeTimer);
    this._changeTimer = null;
    if (this.view) callSafely(this._onChange, this.getText());
  }

  /** The whole text. */
  getText() {
    return this.view.state.doc.toString();
  }

  /** Replaces the whole text (undoable), clears the error mark and the highlighted line; onChange follows. */
  setText(text) {
    const state = this.view.state;
    this.view.dispatch({
      changes: { from: 0, to: state.doc.length, insert: String(text ?? '') },
      effects: [setErrorEffect.of(null), setHighlightEffect.of(null)],
      selection: { anchor: 0 },
      scrollIntoView: true,
    });
  }

  /**
   * Underlines (wavy, red) the token at 1-based `line` and `column`, tints the line, colours its number, and
   * shows `message` as their tooltip. Replaces any previous error mark. Out-of-range positions are clamped.
   */
  markError(line, column, message) {
    this.view.dispatch({ effects: setErrorEffect.of({ line, column: column ?? 1, message: message ?? '' }) });
  }

  /** Removes the error mark. */
  clearError() {
    this.view.dispatch({ effects: setErrorEffect.of(null) });
  }

  /**
   * Gives 1-based `line` a distinct background and scrolls it into view (unless it has it already);
   * null (or undefined) clears it.
   */
  highlightLine(line) {
    // Stepping asks for a line at every step, mostly the one already shown: an update of the
    // view makes the browser lay out the page again (it reads the DOM selection), so skip it.
    let shown = null;
    this.view.state.field(highlightField).between(0, this.view.state.doc.length, (from) => {
      shown = from;
      return false;
    });
    if (line == null || Number.isNaN(Number(line))) {
      if (shown !== null) this.view.dispatch({ effects: setHighlightEffect.of(null) });
      return;
    }
    const pos = lineStart(this.view.state, line);
    if (shown === pos) return;
    this.view.dispatch({
      effects: [setHighlightEffect.of(line), EditorView.scrollIntoView(pos, { y: 'nearest', yMargin: 48 })],
    });
  }

  /** Read-only keeps selection, copying and Ctrl/Cmd+Enter, and refuses edits. */
  setReadOnly(readOnly) {
    this.view.dispatch({ effects: this._readOnly.reconfigure(EditorState.readOnly.of(Boolean(readOnly))) });
  }

  focus() {
    this.view.focus();
  }

  /** Removes the editor from the page and stops following the system's colour scheme. */
  destroy() {
    if (!this.view) return;
    if (this._changeTimer !== null) clearTimeout(this._changeTimer);
    this._unsubscribe.forEach((unsubscribe) => unsubscribe());
    this._unsubscribe = [];
    this.view.destroy();
    this.view = null;
  }
}

/** Creates an editor inside `parent`. See README.md for the options. */
export function create(parent, options) {
  return new TickscopeEditorInstance(parent, options);
}

/**
 * Replaces a `<textarea>` with an editor in its parent: the text area's text, selection, scroll position and focus
 * carry over (`doc`, `selection` and `scrollTop` of `options` are ignored); the text area is removed.
 */
export function fromTextArea(area, options = {}) {
  if (!area || typeof area.value !== 'string' || !area.parentNode) {
    throw new TypeError('TickscopeEditor.fromTextArea: the first argument must be a <textarea> in the page');
  }
  const backward = area.selectionDirection === 'backward';
  const focused = area.ownerDocument.activeElement === area;
  const editor = new TickscopeEditorInstance(area.parentNode, {
    ...(options ?? {}),
    doc: area.value,
    selection: {
      anchor: backward ? area.selectionEnd : area.selectionStart,
      head: backward ? area.selectionStart : area.selectionEnd,
    },
    scrollTop: area.scrollTop,
  });
  area.remove();
  if (focused) editor.focus();
  return editor;
}
