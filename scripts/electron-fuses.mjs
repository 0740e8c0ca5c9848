// electron-builder afterPack hook: flips the packaged Electron binary's fuses before it is signed.
// Off: running the binary as plain Node (except on Windows, see below), NODE_OPTIONS and
// NODE_EXTRA_CA_CERTS, the --inspect flags (and SIGUSR1), file:// extra privileges. On: cookie
// encryption, ASAR integrity validation, loading the app only from app.asar. docs/security.md
// says why each is set as it is.
import { FuseV1Options, FuseVersion } from '@electron/fuses';

/** The fuses for one platform (electron-builder's platform names: darwin, linux, win32). */
export function fusesFor(platform) {
  return {
    version: FuseVersion.V1,
    // An arm64 Mac refuses a binary whose ad-hoc signature no longer matches; re-sign it.
    resetAdHocDarwinSignature: platform === 'darwin',
    // The orphan watchdog (lifecycle/orphan-watchdog.ts) is /bin/sh on macOS and Linux, but on
    // Windows it is this binary run as Node (ELECTRON_RUN_AS_NODE): that one fuse stays on there.
    [FuseV1Options.RunAsNode]: platform === 'win32',
    [FuseV1Options.EnableCookieEncryption]: true,
    [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
    [FuseV1Options.EnableNodeCliInspectArguments]: false,
    [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
    [FuseV1Options.OnlyLoadAppFromAsar]: true,
    // The panel is served from the app's own protocol, never from file://.
    [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
  };
}

export default async function afterPack(context) {
  await context.packager.addElectronFuses(context, fusesFor(context.electronPlatformName));
}
