/** A paragraph that starts with something tag-like stays a paragraph: numbers never shift. */
import { describe, expect, it } from 'vitest';
import { parseArticle } from '../../src/core/articles/content.js';

const article = (body: string) => parseArticle(`---\ntitle: "T"\n---\n\n${body}\n`, 'content/t.md');

describe('paragraphs starting with HTML-like tags', () => {
  it('keeps `<div>…` and `<!channel> …` paragraphs, numbered in order', () => {
    const a = article(
      [
        'First paragraph about batteries.',
        '<div>Second paragraph, wrapped in a div.</div>',
        '<!channel> Third paragraph starts like a Slack broadcast.',
        '<span class="x">Fourth</span> paragraph starts with a span.',
        'Fifth paragraph.',
      ].join('\n\n'),
    );
    expect(a.paragraphs.map((p) => [p.number, p.text])).toEqual([
      [1, 'First paragraph about batteries.'],
      [2, 'Second paragraph, wrapped in a div.'],
      [3, '<!channel> Third paragraph starts like a Slack broadcast.'],
      // Inline HTML inside an ordinary paragraph was always kept as written.
      [4, '<span class="x">Fourth</span> paragraph starts with a span.'],
      [5, 'Fifth paragraph.'],
    ]);
    expect(a.info.paragraphCount).toBe(5);
  });

  it('still skips blocks that are only markup (a comment, a line break)', () => {
    const a = article(['One.', '<!-- an editor note -->', '<br>', 'Two.'].join('\n\n'));
    expect(a.paragraphs.map((p) => p.text)).toEqual(['One.', 'Two.']);
  });
});
