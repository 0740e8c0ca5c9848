// The packaged app's Electron fuses: what the afterPack hook asks electron-builder to flip.
import { FuseV1Options } from '@electron/fuses';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs build script without type declarations.
import afterPack, { fusesFor } from '../../../scripts/electron-fuses.mjs';

type Fuses = Record<number, boolean>;
const typedFusesFor = fusesFor as (platform: string) => Fuses;
const typedAfterPack = afterPack as (context: unknown) => Promise<void>;

describe('electron fuses', () => {
  it.each(['darwin', 'linux'])('turns Node, NODE_OPTIONS and --inspect off on %s', (platform) => {
    expect(typedFusesFor(platform)).toMatchObject({
      [FuseV1Options.RunAsNode]: false,
      [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
      [FuseV1Options.EnableNodeCliInspectArguments]: false,
      [FuseV1Options.EnableCookieEncryption]: true,
      [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
      [FuseV1Options.OnlyLoadAppFromAsar]: true,
      [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
    });
  });

  it('keeps RunAsNode on Windows only, where the orphan watchdog is Electron run as Node', () => {
    const windows = typedFusesFor('win32');
    expect(windows[FuseV1Options.RunAsNode]).toBe(true);
    expect(windows[FuseV1Options.EnableNodeCliInspectArguments]).toBe(false);
    expect(windows[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(false);
  });

  it('hands them to electron-builder for the platform being packed', async () => {
    const flipped: unknown[] = [];
    const context = {
      electronPlatformName: 'linux',
      packager: {
        addElectronFuses: (_context: unknown, fuses: unknown) => {
          flipped.push(fuses);
          return Promise.resolve();
        },
      },
    };
    await typedAfterPack(context);
    expect(flipped).toEqual([typedFusesFor('linux')]);
  });
});
