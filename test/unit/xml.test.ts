// Positions survive BOM, CRLF, tabs, multi-byte text and split tags; malformed XML is a located problem, not a crash.
import { describe, expect, it } from 'vitest';
import { child, LineIndex, parseXml, type XmlElement } from '../../src/xml/index.js';

function parse(text: string) {
  const result = parseXml(text);
  if (!result.ok) throw new Error(result.problem.message);
  return result.doc;
}

function rangeOf(text: string, element: XmlElement) {
  const doc = parse(text);
  return doc.lines.range(element.start, element.end);
}

describe('parseXml positions', () => {
  const body = '<Profile xmlns="http://soap.sforce.com/2006/04/metadata">\n    <custom>true</custom>\n</Profile>\n';

  it('gives 1-based lines and columns with an exclusive end', () => {
    const doc = parse(body);
    const custom = child(doc.root, 'custom')!;
    expect(doc.lines.range(custom.start, custom.end)).toEqual({ startLine: 2, startColumn: 5, endLine: 2, endColumn: 26 });
    expect(body.slice(custom.start, custom.end)).toBe('<custom>true</custom>');
  });

  it('ignores a UTF-8 BOM for columns', () => {
    const text = `\uFEFF<?xml version="1.0" encoding="UTF-8"?>\n${body}`;
    const doc = parse(text);
    expect(rangeOf(text, child(doc.root, 'custom')!)).toMatchObject({ startLine: 3, startColumn: 5 });
    expect(doc.lines.range(doc.root.start, doc.root.end)).toMatchObject({ startLine: 2, startColumn: 1 });
  });

  it('counts CRLF and lone CR as one line break', () => {
    const text = body.replace(/\n/g, '\r\n');
    const doc = parse(text);
    expect(rangeOf(text, child(doc.root, 'custom')!)).toEqual({ startLine: 2, startColumn: 5, endLine: 2, endColumn: 26 });
    const cr = body.replace(/\n/g, '\r');
    const crDoc = parse(cr);
    expect(crDoc.lines.range(child(crDoc.root, 'custom')!.start, child(crDoc.root, 'custom')!.end).startLine).toBe(2);
  });

  it('counts a tab as one column and multi-byte characters in UTF-16 code units', () => {
    const text = '<Layout>\n\t<label>Café 😀</label><custom>x</custom>\n</Layout>';
    const doc = parse(text);
    const label = child(doc.root, 'label')!;
    const custom = child(doc.root, 'custom')!;
    expect(doc.lines.range(label.start, label.end)).toEqual({ startLine: 2, startColumn: 2, endLine: 2, endColumn: 24 });
    // "😀" is two UTF-16 code units, as SARIF's utf16CodeUnits column kind counts.
    expect(doc.lines.range(custom.start, custom.end).startColumn).toBe(24);
    expect(label.text).toBe('Café 😀');
  });

  it('locates a start tag split across lines', () => {
    const text = '<Network>\n  <status\n    >Live</status\n  >\n</Network>';
    const doc = parse(text);
    const status = child(doc.root, 'status')!;
    expect(doc.lines.range(status.start, status.end)).toEqual({ startLine: 2, startColumn: 3, endLine: 4, endColumn: 4 });
    expect(status.text).toBe('Live');
  });
});

describe('parseXml values', () => {
  it('keeps text as strings, never coerced', () => {
    const doc = parse('<A><n>007</n><b>true</b><e>1e3</e></A>');
    expect(child(doc.root, 'n')!.text).toBe('007');
    expect(child(doc.root, 'e')!.text).toBe('1e3');
  });

  it('treats xsi:nil="true" as unset', () => {
    const doc = parse('<A xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><x xsi:nil="true"/></A>');
    expect(child(doc.root, 'x')).toMatchObject({ nil: true, text: '' });
  });

  it('expands the predefined entities and character references once', () => {
    const doc = parse('<A><n>Sales &amp; Service &#38; &#x26; &lt;x&gt; &amp;#38;</n></A>');
    expect(child(doc.root, 'n')!.text).toBe('Sales & Service & & <x> &#38;');
  });
});

describe('parseXml problems', () => {
  it('reports a mismatched closing tag at its line and column', () => {
    const result = parseXml('<CustomField>\n    <trackHistory>false</trueHistory>\n</CustomField>');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problem.message).toMatch(/trackHistory/);
    expect(result.problem.range).toMatchObject({ startLine: 2, startColumn: 24 });
  });

  it('refuses a DOCTYPE where it starts', () => {
    const result = parseXml('<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY a "b">]>\n<A>&a;</A>');
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.problem).toMatchObject({ range: { startLine: 2, startColumn: 1 }, message: expect.stringMatching(/DOCTYPE/) });
  });

  it('reports empty files and text before the prolog', () => {
    expect(parseXml('   \n').ok).toBe(false);
    const before = parseXml('git add<?xml version="1.0"?>\n<A/>');
    expect(before.ok).toBe(false);
  });
});

describe('LineIndex', () => {
  it('maps offsets and back', () => {
    const text = 'ab\ncd\r\nef';
    const lines = new LineIndex(text);
    expect(lines.position(text.indexOf('e'))).toEqual({ line: 3, column: 1 });
    expect(lines.offset(2, 2)).toBe(text.indexOf('d'));
  });
});
