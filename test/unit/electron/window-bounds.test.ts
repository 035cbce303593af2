import { describe, expect, it } from 'vitest';
import { isTrustedSenderUrl } from '../../../main/electron/ipc-guard';
import { DEFAULT_SIZE, parseWindowState, restoreBounds } from '../../../main/electron/window-bounds';

const primary = { x: 0, y: 0, width: 1920, height: 1080 };

describe('window state', () => {
  it('restores saved bounds that are on a display', () => {
    const saved = { bounds: { x: 100, y: 50, width: 1000, height: 700 }, maximized: false };
    expect(restoreBounds(saved, [primary], primary)).toEqual(saved.bounds);
  });
  it('centres on the primary display when the saved window is off every display', () => {
    const saved = { bounds: { x: 5000, y: 50, width: 1000, height: 700 }, maximized: false };
    const b = restoreBounds(saved, [primary], primary);
    expect(b).toEqual({ x: (1920 - DEFAULT_SIZE.width) / 2, y: (1080 - DEFAULT_SIZE.height) / 2, ...DEFAULT_SIZE });
  });
  it('clamps the default size to a small display', () => {
    const small = { x: 0, y: 0, width: 1024, height: 600 };
    expect(restoreBounds(null, [small], small)).toMatchObject({ width: 1024, height: 600, x: 0, y: 0 });
  });
  it('ignores malformed saved state', () => {
    expect(parseWindowState('not json')).toBeNull();
    expect(parseWindowState('{"bounds":{"x":1}}')).toBeNull();
    expect(parseWindowState('{"bounds":{"x":1,"y":2,"width":900,"height":600},"maximized":true}')).toEqual({ bounds: { x: 1, y: 2, width: 900, height: 600 }, maximized: true });
  });
});

describe('IPC sender check', () => {
  const root = 'file:///opt/coordlab/resources/app.asar/out/';
  it('accepts the app’s own files and the dev server only', () => {
    expect(isTrustedSenderUrl(root + 'renderer/index.html', root, undefined)).toBe(true);
    expect(isTrustedSenderUrl('http://localhost:5173/', root, 'http://localhost:5173')).toBe(true);
    expect(isTrustedSenderUrl('http://localhost:5173/', root, undefined)).toBe(false);
    expect(isTrustedSenderUrl('https://evil.example/', root, undefined)).toBe(false);
    expect(isTrustedSenderUrl('file:///etc/passwd', root, undefined)).toBe(false);
    expect(isTrustedSenderUrl('', root, undefined)).toBe(false);
  });
});
