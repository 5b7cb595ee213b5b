import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveInside } from './paths';

const root = path.resolve('/srv/renderer');

describe('resolveInside', () => {
  it('maps / to the index and a path to its file', () => {
    expect(resolveInside(root, '/')).toBe(path.join(root, 'index.html'));
    expect(resolveInside(root, '/assets/app.js')).toBe(path.join(root, 'assets', 'app.js'));
  });

  it('refuses plain, encoded and double-encoded traversal', () => {
    expect(resolveInside(root, '/../etc/passwd')).toBeNull();
    expect(resolveInside(root, '/%2e%2e/%2e%2e/etc/passwd')).toBeNull();
    expect(resolveInside(root, '/assets/..%2f..%2f..%2fetc/passwd')).toBeNull();
    expect(resolveInside(root, '/..\\..\\secret')).toBeNull();
  });

  it('keeps an absolute-looking path inside the root, and refuses NUL bytes and undecodable input', () => {
    expect(resolveInside(root, '//etc/passwd')).toBe(path.join(root, 'etc', 'passwd'));
    expect(resolveInside(root, '/index.html%00.png')).toBeNull();
    expect(resolveInside(root, '/%E0%A4%A')).toBeNull();
  });
});
