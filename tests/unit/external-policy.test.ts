// What the desktop app lets the OS open: allow-listed schemes, and files only inside attachments.
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { classifyExternal } from '../../src/main/external-policy';

const ATTACHMENTS = '/home/ana/.config/Bandeja/attachments';

describe('classifyExternal', () => {
  it('allows https, mailto and tel links', () => {
    expect(classifyExternal('https://example.com/a?b=1', ATTACHMENTS)).toEqual({
      kind: 'url',
      url: 'https://example.com/a?b=1',
    });
    expect(classifyExternal('mailto:ana@example.com', ATTACHMENTS)?.kind).toBe('url');
    expect(classifyExternal('tel:+56912345678', ATTACHMENTS)?.kind).toBe('url');
  });

  it('refuses other schemes and credentials in URLs', () => {
    for (const url of [
      'http://example.com',
      'javascript:alert(1)',
      'file:///etc/passwd',
      'smb://server/share',
      'ms-msdt:/id',
      'data:text/html,<script>1</script>',
      'https://user:pass@example.com',
      'not a url',
      '',
    ]) {
      expect(classifyExternal(url, ATTACHMENTS)).toBeNull();
    }
  });

  it('allows attachment files only inside the attachments folder', () => {
    const inside = pathToFileURL(`${ATTACHMENTS}/c1/factura.pdf`).href;
    expect(classifyExternal(inside, ATTACHMENTS)).toEqual({ kind: 'file', path: `${ATTACHMENTS}/c1/factura.pdf` });
    expect(classifyExternal(`file://${ATTACHMENTS}/../bandeja.db`, ATTACHMENTS)).toBeNull();
    expect(classifyExternal(`file://${ATTACHMENTS}`, ATTACHMENTS)).toBeNull();
    expect(classifyExternal(`file://${ATTACHMENTS}-evil/x.pdf`, ATTACHMENTS)).toBeNull();
  });
});
