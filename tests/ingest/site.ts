/**
 * A local web site on 127.0.0.1 for the ingest tests: a news page with navigation, ads and
 * comments around the article, a PDF, Markdown and Latin-1 text, redirects (to itself, in a loop),
 * a body over the size limit, a slow page and an image.
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PDFDocument, StandardFonts } from 'pdf-lib';

/** The news page fixture: its article paragraphs, and text of its page chrome. */
export const NEWS_HTML = readFileSync(new URL('../fixtures/pages/harbour-news.html', import.meta.url), 'utf8');

/** The article's own paragraphs, as a reader sees them. */
export const NEWS_PARAGRAPHS = [...NEWS_HTML.matchAll(/<p>([^<]+)<\/p>/g)].map((m) => m[1]!).filter((p) => p.length > 100);

/** Text of the page around the article, none of which may end up in it. */
export const NEWS_CHROME = [
  'We use cookies',
  'Subscribe for 1 euro',
  'cheap flights to Lisbon',
  'MegaVPN',
  'Trending now',
  'croissant award',
  'harbourfan88',
  'diesel smell at the terminal',
  'Taxpayers as always',
  'Post comment',
  'cruise to Norway',
  'All rights reserved',
  'Share this article',
  'window.dataLayer',
];

/** The PDF's paragraphs (each wraps over two lines in the file). */
export const PDF_PARAGRAPHS = [
  'Coral reefs in the northern Red Sea tolerate higher water temperatures than reefs elsewhere, a survey of thirty sites has found.',
  'The researchers think the corals descend from populations that passed through the warm southern strait thousands of years ago.',
  'Protecting these reefs could help to restore others, since their larvae might survive heat waves that kill other corals.',
];

/** Builds the PDF: a title line set large, then paragraphs wrapped over lines with a gap between paragraphs. */
export async function makePdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setTitle('Heat-tolerant corals of the Red Sea');
  doc.setAuthor('Amira Haddad');
  doc.setCreationDate(new Date('2023-06-01T00:00:00Z'));
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const page = doc.addPage([612, 792]);
  let y = 720;
  page.drawText('Heat-tolerant corals of the Red Sea', { x: 50, y, size: 20, font });
  y -= 40;
  for (const p of PDF_PARAGRAPHS) {
    const words = p.split(' ');
    const half = Math.ceil(words.length / 2);
    for (const line of [words.slice(0, half).join(' '), words.slice(half).join(' ')]) {
      page.drawText(line, { x: 50, y, size: 11, font });
      y -= 14;
    }
    y -= 14;
  }
  return doc.save();
}

/**
 * A PDF exported from a word processor: no title in its details, the title set large and wrapped
 * over two lines, and a creation date (the day it was exported, not published).
 */
export async function makeWrappedTitlePdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setCreationDate(new Date('2026-12-04T00:00:00Z'));
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const page = doc.addPage([612, 792]);
  page.drawText('Deep-sea mining licences and the future of the', { x: 50, y: 720, size: 20, font });
  page.drawText('Pacific seabed', { x: 50, y: 696, size: 20, font });
  let y = 650;
  for (const p of PDF_PARAGRAPHS) {
    page.drawText(p, { x: 50, y, size: 8, font });
    y -= 28;
  }
  return doc.save();
}

/** A blog post in Windows-1252 (declared only in a <meta>), metadata in JSON-LD, with its own chrome. */
export const BLOG_BYTES = readFileSync(new URL('../fixtures/pages/tidal-blog.html', import.meta.url));
const BLOG_TEXT = new TextDecoder('windows-1252').decode(BLOG_BYTES);
export const BLOG_PARAGRAPHS = [...BLOG_TEXT.matchAll(/<p>([^<]+)<\/p>/g)].map((m) => m[1]!).filter((p) => p.length > 100 && !p.startsWith('Sign up'));
export const BLOG_CHROME = [
  'Log in',
  'About this blog',
  'Posted by',
  'Tweet',
  'Pin it',
  'Like what you read',
  'weekly newsletter',
  'Tags:',
  'You might also like',
  'Windmills of La Mancha',
  'My grandfather',
  'open on Mondays',
  'Archives',
  'garden windmills',
  'Powered by',
];

/** A running site: its base URL and a way to stop it. */
export interface Site {
  base: string;
  port: number;
  /** Requests received, by path (the redirect tests check nothing was fetched after a refusal). */
  hits: string[];
  close(): Promise<void>;
}

/** Starts the site on 127.0.0.1, port 0. */
export async function startSite(): Promise<Site> {
  const pdf = await makePdf();
  const wrapped = await makeWrappedTitlePdf();
  const hits: string[] = [];
  let port = 0;
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    hits.push(path);
    const send = (type: string, body: string | Uint8Array) => {
      res.writeHead(200, { 'content-type': type });
      res.end(body);
    };
    switch (path) {
      case '/news/harbour-cranes':
        return send('text/html; charset=utf-8', NEWS_HTML);
      case '/blog/tidal-mills':
        return send('text/html', BLOG_BYTES);
      case '/reports/corals.pdf':
        return send('application/pdf', pdf);
      case '/reports/seabed.pdf':
        return send('application/pdf', wrapped);
      case '/notes.md':
        return send(
          'text/plain',
          '# Field notes on tidal mills\n\nTidal mills used the rising sea to fill a pond, and the falling tide to turn the wheel.\n\nThe last working tidal mill in the region closed in 1956.\n',
        );
      case '/latin1.txt':
        return send('text/plain', Buffer.from('Café crème at the harbour\n\nThe café serves crème brûlée to dock workers every morning at dawn.\n', 'latin1'));
      case '/go':
        res.writeHead(302, { location: '/news/harbour-cranes' });
        return res.end();
      case '/to-loopback':
        res.writeHead(301, { location: `http://127.0.0.1:${port}/news/harbour-cranes` });
        return res.end();
      case '/to-metadata':
        res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' });
        return res.end();
      case '/to-ftp':
        res.writeHead(302, { location: 'ftp://example.org/file.txt' });
        return res.end();
      case '/big':
        res.writeHead(200, { 'content-type': 'text/html' });
        // No Content-Length: the cap must hold while reading.
        res.write(`<html><body><article>${'<p>word </p>'.repeat(2000)}`);
        return res.end('</article></body></html>');
      case '/slow':
        res.writeHead(200, { 'content-type': 'text/html' });
        res.write('<html><body>');
        return; // never ends: the time limit must
      case '/image.png':
        return send('image/png', new Uint8Array([0x89, 0x50, 0x4e, 0x47]));
      case '/links-only':
        return send('text/html', '<html><head><title>Index</title></head><body><nav><a href="/a">A</a> <a href="/b">B</a></nav></body></html>');
      case '/missing':
        res.writeHead(404, { 'content-type': 'text/html' });
        return res.end('<h1>Not found</h1>');
    }
    const loop = /^\/loop\/(\d+)$/.exec(path);
    if (loop) {
      res.writeHead(302, { location: `/loop/${Number(loop[1]) + 1}` });
      return res.end();
    }
    res.writeHead(404);
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  return {
    base: `http://127.0.0.1:${port}`,
    port,
    hits,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
