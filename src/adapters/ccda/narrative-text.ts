import { decodeXmlText } from './cda-values.js';

/** Elements that start and end a line of their own. */
const BLOCKS = new Set(['paragraph', 'list', 'item', 'table', 'caption', 'tr']);
const CELLS = new Set(['td', 'th']);
const CELL_END = '\u001f';

const TOKEN =
  /<!--[\s\S]*?(?:-->|$)|<!\[CDATA\[([\s\S]*?)(?:\]\]>|$)|<\?[\s\S]*?(?:\?>|$)|<(\/?)([A-Za-z_][\w.:-]*)([^>]*)>|([^<]+)|</g;

/** Source line breaks are layout, not content: only markup makes a line. */
const spaced = (text: string) => text.replace(/\s+/g, ' ');

const localName = (name: string) => (name.split(':').pop() ?? name).toLowerCase();

function renderLine(line: string): string {
  const cells = line.split(CELL_END).map((cell) => cell.replace(/ +/g, ' ').trim());
  while (cells.length > 1 && cells.at(-1) === '') cells.pop();
  return cells
    .map((cell) => (cell === '' && cells.length > 1 ? '-' : cell))
    .join(' | ')
    .trim();
}

/**
 * The plain text of a CDA narrative block (the raw inner XML of a section's `<text>`): markup
 * dropped in document order, whitespace collapsed, a line per paragraph, list item, table row and
 * `<br/>`, table cells separated by " | ".
 */
export function narrativeText(xml: string): string {
  let out = '';
  for (const token of xml.matchAll(TOKEN)) {
    const [whole, cdata, closing, name, rest, text] = token;
    if (text !== undefined) out += spaced(decodeXmlText(text));
    else if (cdata !== undefined) out += spaced(cdata);
    else if (name !== undefined) {
      const tag = localName(name);
      if (tag === 'br') out += '\n';
      else if (BLOCKS.has(tag)) out += '\n';
      else if (CELLS.has(tag) && (closing === '/' || rest?.trimEnd().endsWith('/'))) {
        out += CELL_END;
      }
    } else if (whole === '<') out += '<';
  }
  return out
    .split('\n')
    .map(renderLine)
    .filter((line) => line !== '')
    .join('\n');
}
