import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cellText, csvRow, defuse, isFormulaLike, quoteField, toCsv } from '../../src/core/export/csv.ts';
import { recordsToCsv } from '../../src/core/export/table.ts';
import { frameCsv, splitCsv } from '../../src/core/ingest/records/csv-framer.ts';
import { chunksOf, collect, text } from '../helpers/chunks.ts';
import { FORMULA_PAYLOADS, HOSTILE_STRINGS } from '../helpers/hostile.ts';

async function parse(csv: string, chunk = 7): Promise<string[][]> {
  return (await collect(frameCsv(chunksOf(csv, chunk)))).map((r) => splitCsv(text(r.bytes)));
}

describe('CSV export: formula injection', () => {
  it('prefixes every formula payload with an apostrophe, and the cell reads back as that text', async () => {
    const csv = toCsv(['value'], FORMULA_PAYLOADS.map((p) => [p]));
    const cells = (await parse(csv)).slice(1).map((r) => r[0]);
    expect(cells).toEqual(FORMULA_PAYLOADS.map((p) => `'${p}`));
    for (const c of cells) expect(isFormulaLike(c)).toBe(false);
  });

  it('prefixes text starting with = + - @ tab CR, also after spaces, double quotes and zero-width characters', () => {
    for (const s of ['=A1', '+A1', '-A1', '@A1', '\tx', '\rx', ' =A1', '\u00a0\u00a0+A1', '"@A1', '\u200b-A1', '\n=A1', '\uff20A1', '-', '@octocat'])
      expect(defuse(s), JSON.stringify(s)).toBe(`'${s}`);
  });

  it('leaves ordinary text and genuine numbers alone', () => {
    for (const s of ['hello', 'a=b', 'x-y', '2026-01-01T00:00:00Z', 'user@contoso.com', "'=already text", '-5', '+3', '1.5e3', '-.5', ''])
      expect(defuse(s), JSON.stringify(s)).toBe(s);
    expect(csvRow([-5, 3.25, 0, -0, 1e21, 12n])).toBe('-5,3.25,0,0,1e+21,12');
    expect(csvRow([Number.NaN, Number.POSITIVE_INFINITY, null, undefined, true])).toBe(',,,,true');
  });

  it('defuses header cells and JSON-encoded values too', () => {
    expect(toCsv(['=cmd', 'ok'], [[{ a: '=1' }, ['-1', 2]]])).toBe(`'=cmd,ok\r\n"{""a"":""=1""}","[""-1"",2]"\r\n`);
    expect(cellText(new Date(Date.UTC(2026, 0, 2, 3, 4, 5)))).toBe('2026-01-02T03:04:05.000Z');
  });

  it('never writes a cell a spreadsheet could evaluate (property)', () => {
    const pad = fc.constantFrom(' ', '\t', '\r', '\n', '"', '\u00a0', '\u200b', '');
    const trigger = fc.constantFrom('=', '+', '-', '@', '\uff1d', 'a', '1', "'");
    const risky = fc.tuple(fc.array(pad, { maxLength: 3 }), trigger, fc.string({ maxLength: 8 })).map(([p, t, rest]) => p.join('') + t + rest);
    fc.assert(fc.property(fc.oneof(risky, fc.string({ unit: 'grapheme', maxLength: 20 })), (s) => {
      const out = cellText(s);
      expect(isFormulaLike(out)).toBe(false);
      expect(out === s || out === `'${s}`).toBe(true);
    }), { numRuns: 500, seed: 7 });
  });
});

describe('CSV export: RFC 4180', () => {
  it('quotes fields with quotes, commas, CR or LF, doubles quotes and ends lines with CRLF', () => {
    expect(quoteField('plain')).toBe('plain');
    expect(quoteField('a,b')).toBe('"a,b"');
    expect(quoteField('say "hi"')).toBe('"say ""hi"""');
    expect(quoteField('two\nlines')).toBe('"two\nlines"');
    expect(quoteField('cr\r')).toBe('"cr\r"');
    expect(toCsv(['a', 'b'], [['1', 'x,y'], ['', '']])).toBe('a,b\r\n1,"x,y"\r\n,\r\n');
    expect(toCsv(['only'], [[''], [null]])).toBe('only\r\n""\r\n""\r\n');
    expect(toCsv(['a'], [], { bom: true })).toBe('\uFEFFa\r\n');
  });

  it('turns query rows into CSV in the given column order', () => {
    const rows = [{ actor: 'a@x', n: 3, note: '=2*3' }, { actor: 'b@x', n: -1, note: null }];
    expect(recordsToCsv(rows)).toBe("actor,n,note\r\na@x,3,'=2*3\r\nb@x,-1,\r\n");
    expect(recordsToCsv(rows, ['n', 'actor'])).toBe('n,actor\r\n3,a@x\r\n-1,b@x\r\n');
    expect(recordsToCsv([])).toBe('\r\n');
  });

  it('hostile strings survive a round trip through our own CSV reader, defused where needed', async () => {
    const rows = HOSTILE_STRINGS.filter((s) => s.length < 10_000).map((s, i) => [i, s]);
    const back = (await parse(toCsv(['i', 's'], rows), 13)).slice(1);
    expect(back).toEqual(rows.map(([i, s]) => [String(i), cellText(s)]));
  });

  it('round-trips any table through frameCsv and splitCsv in any chunking (property)', async () => {
    const field = fc.string({ unit: 'binary', maxLength: 12 });
    const table = fc.array(fc.array(field, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 8 });
    await fc.assert(fc.asyncProperty(table, fc.integer({ min: 1, max: 64 }), async (rows, chunk) => {
      const [header, ...body] = rows;
      const back = await parse(toCsv(header, body), chunk);
      expect(back).toEqual(rows.map((r) => r.map((c) => cellText(c))));
    }), { numRuns: 300, seed: 11 });
  });
});
