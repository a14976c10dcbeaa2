// tickscope's two kinds of marks in the editor, each held in its own state field so that they follow edits:
//   - the error mark: a wavy underline from a line and column to the end of the token there, a tinted line and
//     a red line number, with the message as the tooltip (title) of all three;
//   - the highlighted line (the timeline's selection): a distinct background and line number.
import { StateEffect, StateField, RangeSet } from '@codemirror/state';
import { Decoration, EditorView, GutterMarker, gutterLineClass } from '@codemirror/view';
import { ensureSyntaxTree, syntaxTree } from '@codemirror/language';

/** Effect payload `{ line, column, message }` (1-based), or null to clear. */
export const setErrorEffect = StateEffect.define();
/** Effect payload: a 1-based line number, or null to clear. */
export const setHighlightEffect = StateEffect.define();

class LineClassMarker extends GutterMarker {
  constructor(className) {
    super();
    this.elementClass = className;
  }
  eq(other) {
    return other.elementClass === this.elementClass;
  }
}
const errorGutterMarker = new LineClassMarker('cm-ts-errorLine');
const highlightGutterMarker = new LineClassMarker('cm-ts-highlight');

const clampNumber = (value, low, high) => Math.min(Math.max(Math.trunc(Number(value)) || low, low), high);

/** The `Line` object for a 1-based line number, clamped to the document. */
function lineAt(doc, line) {
  return doc.line(clampNumber(line, 1, doc.lines));
}

/**
 * The range to underline for an error at document offset `from` on `line`: the syntax token that starts
 * there (or covers it), else the word there, else one character; never past the line's end. An error at or
 * past the end of a non-empty line marks its last character; one on blank space, the next token on the line.
 * Returns null on an empty line.
 */
function errorRange(state, line, from) {
  if (line.length === 0) return null;
  if (from >= line.to) from = line.to - 1;
  // On blank space, move on to the next thing on the line, if there is one.
  const rest = state.doc.sliceString(from, line.to);
  const skip = rest.search(/\S/);
  if (skip > 0) from += skip;
  const tree = ensureSyntaxTree(state, line.to, 50) ?? syntaxTree(state);
  const node = tree.resolveInner(from, 1);
  if (!node.firstChild && node.from <= from && node.to > from) {
    return { from, to: Math.min(node.to, line.to) };
  }
  const word = state.wordAt(from);
  if (word && word.from <= from && word.to > from) {
    return { from, to: Math.min(word.to, line.to) };
  }
  return { from, to: from + 1 };
}

function buildError(state, { line, column, message }) {
  const lineObj = lineAt(state.doc, line);
  const offset = clampNumber(column, 1, lineObj.length + 1) - 1;
  const title = message == null ? '' : String(message);
  const attributes = title ? { title } : undefined;
  const ranges = [Decoration.line({ class: 'cm-ts-errorLine', attributes }).range(lineObj.from)];
  const range = errorRange(state, lineObj, lineObj.from + offset);
  if (range) {
    ranges.push(Decoration.mark({ class: 'cm-ts-error', attributes }).range(range.from, range.to));
  }
  return Decoration.set(ranges, true);
}

function buildHighlight(state, line) {
  const lineObj = lineAt(state.doc, line);
  return Decoration.set([Decoration.line({ class: 'cm-ts-highlight' }).range(lineObj.from)]);
}

// Both fields: map through edits; an effect replaces the whole set (null clears it).
function markField(effectType, build, gutterMarker) {
  return StateField.define({
    create: () => Decoration.none,
    update(decorations, tr) {
      decorations = decorations.map(tr.changes);
      for (const effect of tr.effects) {
        if (effect.is(effectType)) {
          decorations = effect.value == null ? Decoration.none : build(tr.state, effect.value);
        }
      }
      return decorations;
    },
    provide: (field) => [
      EditorView.decorations.from(field),
      // The line number of every marked line gets the same class as the line.
      gutterLineClass.compute([field], (state) => {
        const starts = new Set();
        state.field(field).between(0, state.doc.length, (from) => {
          starts.add(state.doc.lineAt(from).from);
        });
        return RangeSet.of([...starts].sort((a, b) => a - b).map((pos) => gutterMarker.range(pos)));
      }),
    ],
  });
}

export const errorField = markField(setErrorEffect, buildError, errorGutterMarker);
export const highlightField = markField(setHighlightEffect, buildHighlight, highlightGutterMarker);

/** The document offset where a 1-based line starts (clamped), for scrolling. */
export function lineStart(state, line) {
  return lineAt(state.doc, line).from;
}
