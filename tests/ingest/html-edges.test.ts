/**
 * Pages served as text/html that are not quite pages, fetched over real HTTP from 127.0.0.1:
 * a fragment with no <html> element, plain words, an empty body and binary data each give text
 * or a one-line refusal (they used to throw inside Readability: "error on my side"), and a
 * charset declared only in <meta> — windows-1252, which Node 20 decodes as Latin-1 — keeps its
 * curly quotes and dashes.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IngestError } from '../../src/ingest/errors.js';
import { decodeText } from '../../src/ingest/extract-text.js';
import { DEFAULT_LIMITS, draftOf } from '../../src/ingest/index.js';

const SENTENCE = 'He said \x93hello\x94 \x96 and left \x85 for \x80 5. ';
const PROSE = 'The harbour board voted to replace its diesel cranes with electric ones over the next four years. ';
const PAGES: Record<string, Buffer> = {
  '/cp1252': Buffer.from(
    `<!doctype html><html><head><meta charset="windows-1252"><title>Quotes</title></head><body><article><h1>Quotes</h1><p>${SENTENCE.repeat(12)}</p><p>${SENTENCE.repeat(12)}</p></article></body></html>`,
    'latin1',
  ),
  '/fragment': Buffer.from(`<h1>Cranes</h1><p>${PROSE.repeat(4)}</p><p>${PROSE.repeat(3)}</p>`),
  '/words': Buffer.from(`${PROSE.repeat(3)}\n\n${PROSE.repeat(2)}`),
  '/empty': Buffer.alloc(0),
  '/blank': Buffer.from('  \n\t \n'),
  '/binary': Buffer.from(Array.from({ length: 4000 }, (_, i) => (i * 7919) % 256)),
};

let server: Server;
let base: string;
beforeAll(async () => {
  server = createServer((req, res) => {
    const body = PAGES[req.url ?? ''];
    if (!body) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'text/html' }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const OPEN = { ...DEFAULT_LIMITS, allowPrivate: true, timeoutMs: 5_000 };
const draft = (path: string) => draftOf({ kind: 'link', url: `${base}${path}` }, OPEN);
const refusal = (path: string) =>
  draft(path).then(
    () => {
      throw new Error('expected a refusal');
    },
    (e: unknown) => e,
  );
const text = (d: Awaited<ReturnType<typeof draft>>) => d.blocks.map((b) => b.text).join('\n');

describe('text/html that is not quite a page', () => {
  it('keeps the curly quotes, dashes and euro sign of a page declaring windows-1252 only in <meta>', async () => {
    const d = await draft('/cp1252');
    expect(text(d)).toContain('He said “hello” – and left … for € 5.');
  });

  it('reads a fragment with no <html> element as a page', async () => {
    const d = await draft('/fragment');
    expect(text(d)).toContain('electric ones over the next four years');
  });

  it('reads plain words served as text/html as plain text', async () => {
    const d = await draft('/words');
    expect(d.blocks.length).toBeGreaterThan(0);
    expect(text(d)).toContain('The harbour board voted');
  });

  it.each([
    ['/empty', /^That page is empty: there is no text to add\.$/],
    ['/blank', /^That page is empty: there is no text to add\.$/],
    ['/binary', /^That is not a web page: it is labelled as HTML but holds binary data\.$/],
  ])('refuses %s with one plain line', async (path, message) => {
    const error = await refusal(path);
    expect(error).toBeInstanceOf(IngestError);
    expect((error as IngestError).message).toMatch(message);
  });

  it('decodes every label WHATWG maps to windows-1252 the same way', () => {
    const bytes = Buffer.from('\x93a\x94 \x97', 'latin1');
    for (const label of ['windows-1252', 'latin1', 'iso-8859-1', 'us-ascii', undefined]) expect(decodeText(bytes, label)).toBe('“a” —');
    expect(decodeText(Buffer.from('“a”'), 'utf-8')).toBe('“a”');
  });
});
