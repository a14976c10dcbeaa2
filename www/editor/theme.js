// The editor's look: a light and a dark theme (chrome colours plus syntax colours), and a base theme with the
// layout and the colours of tickscope's own decorations (error underline, highlighted line) for both schemes.
import { EditorView } from '@codemirror/view';
import { HighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { tags as t } from '@lezer/highlight';

// The page's monospace stack (www/style.css --mono): short, because each family a system lacks costs a font
// lookup when a new tab first lays out text.
const MONO = 'ui-monospace, Menlo, Consolas, monospace';

// Layout shared by both schemes. The parent element decides the editor's size: the editor fills it.
const base = EditorView.baseTheme({
  '&': { height: '100%', fontSize: '13.5px' },
  '.cm-scroller': { fontFamily: MONO, lineHeight: '1.55', overflow: 'auto' },
  '.cm-content': { padding: '6px 0' },
  '.cm-gutters': { borderRight: 'none' },
  '.cm-lineNumbers .cm-gutterElement': { padding: '0 8px 0 10px', minWidth: '2ch' },
  // Touch screens: 16px text, so that mobile browsers do not zoom in when the editor takes focus.
  '@media (pointer: coarse)': { '.cm-scroller': { fontSize: '16px' } },
  // Narrow screens: tighter gutter.
  '@media (max-width: 640px)': { '.cm-lineNumbers .cm-gutterElement': { padding: '0 4px 0 6px' } },

  '.cm-ts-error': {
    textDecorationLine: 'underline',
    textDecorationStyle: 'wavy',
    textDecorationSkipInk: 'none',
    textUnderlineOffset: '3px',
  },
  '&light .cm-ts-error': { textDecorationColor: '#d92d2d' },
  '&dark .cm-ts-error': { textDecorationColor: '#ff6b6b' },
  '&light .cm-line.cm-ts-errorLine': { backgroundColor: 'rgba(217, 45, 45, 0.07)' },
  '&dark .cm-line.cm-ts-errorLine': { backgroundColor: 'rgba(255, 107, 107, 0.11)' },
  '&light .cm-gutterElement.cm-ts-errorLine': { color: '#d92d2d', fontWeight: '600' },
  '&dark .cm-gutterElement.cm-ts-errorLine': { color: '#ff6b6b', fontWeight: '600' },

  '&light .cm-line.cm-ts-highlight': { backgroundColor: '#fff1b8' },
  '&dark .cm-line.cm-ts-highlight': { backgroundColor: '#4a3e12' },
  '&light .cm-gutterElement.cm-ts-highlight': { backgroundColor: '#ffe58a', color: '#3d3200' },
  '&dark .cm-gutterElement.cm-ts-highlight': { backgroundColor: '#6b5a18', color: '#fff3c4' },
});

function chrome(colors, dark) {
  return EditorView.theme({
    '&': { color: colors.text, backgroundColor: colors.background },
    '.cm-content': { caretColor: colors.cursor },
    '.cm-cursor, .cm-dropCursor': { borderLeftColor: colors.cursor, borderLeftWidth: '2px' },
    '&.cm-focused > .cm-scroller > .cm-selectionLayer .cm-selectionBackground, .cm-selectionBackground, .cm-content ::selection':
      { backgroundColor: colors.selection },
    '.cm-activeLine': { backgroundColor: colors.activeLine },
    '.cm-gutters': { backgroundColor: colors.gutterBackground, color: colors.gutterText },
    '.cm-activeLineGutter': { backgroundColor: colors.activeLine, color: colors.text },
    '&.cm-focused .cm-matchingBracket': { backgroundColor: colors.bracket, outline: `1px solid ${colors.bracketOutline}` },
    '&.cm-focused .cm-nonmatchingBracket': { backgroundColor: colors.badBracket },
  }, { dark });
}

function syntax(c) {
  return syntaxHighlighting(HighlightStyle.define([
    { tag: [t.keyword, t.controlKeyword, t.moduleKeyword, t.operatorKeyword, t.definitionKeyword], color: c.keyword },
    { tag: [t.string, t.special(t.string)], color: c.string },
    { tag: t.regexp, color: c.regexp },
    { tag: [t.number, t.bool, t.null, t.atom], color: c.literal },
    { tag: [t.lineComment, t.blockComment, t.docComment, t.comment], color: c.comment, fontStyle: 'italic' },
    { tag: [t.function(t.variableName), t.function(t.propertyName)], color: c.fn },
    { tag: [t.definition(t.variableName), t.definition(t.propertyName)], color: c.definition },
    { tag: t.propertyName, color: c.property },
    { tag: [t.className, t.typeName, t.namespace], color: c.type },
    { tag: [t.self, t.special(t.variableName)], color: c.keyword, fontStyle: 'italic' },
    { tag: [t.operator, t.punctuation, t.separator, t.derefOperator], color: c.punctuation },
    { tag: t.labelName, color: c.type },
    { tag: t.invalid, color: c.invalid },
  ]));
}

const LIGHT = {
  background: '#ffffff', text: '#1d232b', cursor: '#1d232b', selection: '#cddff9',
  activeLine: '#f3f6fb', gutterBackground: '#f6f7f9', gutterText: '#8a93a0',
  bracket: '#dcefdc', bracketOutline: '#8fc39a', badBracket: '#f9d6d6',
  keyword: '#8b1fa9', string: '#2b7a3b', regexp: '#b42318', literal: '#b4530d', comment: '#6b7480',
  fn: '#1d5fc2', definition: '#0f5e8c', property: '#0d6f80', type: '#7a5b00', punctuation: '#5b6470',
  invalid: '#d92d2d',
};

const DARK = {
  background: '#17191e', text: '#d7dbe2', cursor: '#e8ebf0', selection: '#2d4266',
  activeLine: '#1f232b', gutterBackground: '#17191e', gutterText: '#5f6775',
  bracket: '#24402b', bracketOutline: '#4f8a5c', badBracket: '#5a2626',
  keyword: '#d49bf5', string: '#9ed48a', regexp: '#ff8f87', literal: '#f2b36b', comment: '#7d8593',
  fn: '#7fb4ff', definition: '#8fcfff', property: '#6fd0d9', type: '#e6c86e', punctuation: '#a3abb8',
  invalid: '#ff6b6b',
};

export const baseTheme = base;
export const lightTheme = [chrome(LIGHT, false), syntax(LIGHT)];
export const darkTheme = [chrome(DARK, true), syntax(DARK)];
