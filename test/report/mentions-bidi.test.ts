// Text quoted from a file under review reaches a pull-request comment (issue 10, item 16):
// an `@mention` must not notify anyone, and bidi controls must not reorder what reviewers read.
import { describe, expect, it } from 'vitest';
import { check } from '../../src/check.js';
import { render } from '../../src/report/index.js';
import { escapeHtml, escapeMarkdown } from '../../src/report/markdown.js';

describe('comments neutralise @mentions and bidi controls', () => {
  it.each([
    ['@mentions in a message', 'owner is @octocat and @org/team', 'owner is @\u200boctocat and @\u200borg/team'],
    ['an e-mail address is left alone', 'mail a@example.com', 'mail a@example.com'],
  ])('%s', (_name, text, expected) => {
    expect(escapeMarkdown(text)).toBe(expected);
    expect(escapeHtml(text)).toBe(expected);
  });

  it.each([
    ['bidi overrides', 'admin\u202e txt.exe', 'u202e'],
    ['bidi isolates', 'a\u2066b\u2069c', 'u2069'],
  ])('%s are shown as escapes, never as controls', (_name, text, code) => {
    for (const escaped of [escapeMarkdown(text), escapeHtml(text)]) {
      expect(escaped).not.toMatch(/[\u202a-\u202e\u2066-\u2069]/);
      expect(escaped).toContain(code);
    }
  });

  it('a value quoting @here and a bidi override reaches the comment neutralised', async () => {
    const result = await check(
      { before: { 'app.yaml': 'logLevel: info\n' }, after: { 'app.yaml': 'logLevel: debug\nowner: "@here \u202eevil"\n' } },
      { now: new Date('2026-12-01T00:00:00Z') },
    );
    const comment = render(result, 'markdown', {});
    expect(comment).not.toMatch(/@here/);
    expect(comment).not.toMatch(/[\u202a-\u202e\u2066-\u2069]/);
  });
});
