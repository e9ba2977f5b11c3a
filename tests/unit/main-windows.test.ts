/** The UI window's remembered bounds (electron/main/windows.ts restoreBounds). */
import { describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => ({}));
const { DEFAULT_SIZE, restoreBounds } = await import('../../electron/main/windows');

const screen = [{ x: 0, y: 0, width: 1920, height: 1040 }];
const twoScreens = [...screen, { x: 1920, y: 0, width: 1280, height: 1024 }];

describe('restoreBounds', () => {
  it('no saved bounds: the default size, placed by the system', () => {
    expect(restoreBounds(null, screen)).toEqual(DEFAULT_SIZE);
  });

  it('saved bounds on a display are restored as they were', () => {
    const saved = { x: 100, y: 50, width: 1200, height: 800, maximized: false };
    expect(restoreBounds(saved, screen)).toEqual({ x: 100, y: 50, width: 1200, height: 800 });
    expect(restoreBounds({ ...saved, x: 2000 }, twoScreens)).toEqual({ x: 2000, y: 50, width: 1200, height: 800 });
  });

  it('bounds on a display that is gone keep the size (capped) but not the place', () => {
    expect(restoreBounds({ x: 2500, y: 50, width: 2400, height: 800, maximized: false }, screen)).toEqual({ width: 1920, height: 800 });
    expect(restoreBounds({ x: 100, y: -900, width: 1200, height: 800, maximized: false }, screen)).toEqual({ width: 1200, height: 800 });
  });
});
