import { describe, expect, it } from 'vitest';
import { narrativeText } from './narrative-text.js';

describe('narrativeText (section <text> markup to plain text)', () => {
  it('keeps inline markup in document order', () => {
    expect(narrativeText('Refer to <content>cardiology</content> within 2 weeks')).toBe(
      'Refer to cardiology within 2 weeks',
    );
    expect(
      narrativeText(
        'See <content styleCode="Bold">Dr <sup>2</sup></content> then <linkHtml href="#x">notes</linkHtml>.',
      ),
    ).toBe('See Dr 2 then notes.');
  });

  it('puts paragraphs, list items and <br/> on lines of their own', () => {
    const xml = `<paragraph>First   finding.</paragraph><paragraph>Second
        finding.</paragraph>Before<br/>after<list listType="ordered"><item>One</item><item>Two
      <content>nested</content></item></list>Tail`;
    expect(narrativeText(xml)).toBe(
      'First finding.\nSecond finding.\nBefore\nafter\nOne\nTwo nested\nTail',
    );
  });

  it('renders a table as rows of cells joined by " | ", empty middle cells as "-"', () => {
    const xml = `<table border="1"><caption>Plan</caption><thead><tr><th>What</th><th>When</th><th>Who</th></tr></thead>
      <tbody><tr><td>Refer to <content>retina</content></td><td/><td>Dr. A</td></tr>
      <tr><td>Recheck IOP</td><td>2 weeks</td><td/></tr></tbody></table>`;
    expect(narrativeText(xml)).toBe(
      'Plan\nWhat | When | Who\nRefer to retina | - | Dr. A\nRecheck IOP | 2 weeks',
    );
  });

  it('decodes the XML entities and character references once, and drops comments', () => {
    expect(narrativeText('A &amp;lt; B &amp; C &#233;&#x41; <!-- hidden --> D')).toBe(
      'A &lt; B & C éA D',
    );
    expect(narrativeText('<![CDATA[x < y]]> ok')).toBe('x < y ok');
  });

  it('reads namespace-prefixed markup and empty narrative', () => {
    expect(narrativeText('<cda:paragraph>a</cda:paragraph><cda:paragraph>b</cda:paragraph>')).toBe(
      'a\nb',
    );
    expect(narrativeText('')).toBe('');
    expect(narrativeText('   \n  ')).toBe('');
  });
});
