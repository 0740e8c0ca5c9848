// The ways a process finds the OS keychain through its environment. A session that was not
// allowed the keychain gets an environment without them, so it holds only the secrets it was
// given. (On macOS the keychain needs no variable: it asks the person before another program
// reads Switchboard's entries.)

/** GNOME Keyring's and KWallet's own sockets and ids; the session bus is handled apart. */
const KEYRING_VARIABLES = ['GNOME_KEYRING_CONTROL', 'GNOME_KEYRING_PID', 'KDE_SESSION_UID'];

/**
 * Without DBUS_SESSION_BUS_ADDRESS, D-Bus libraries fall back to $XDG_RUNTIME_DIR/bus, the same
 * bus; an address that names no transport makes them fail instead.
 */
export const NO_SESSION_BUS = 'disabled:';

export function withoutKeychainRoutes(
  env: Readonly<Record<string, string | undefined>>,
): Record<string, string | undefined> {
  const kept = Object.entries(env).filter(([name]) => !KEYRING_VARIABLES.includes(name));
  return { ...Object.fromEntries(kept), DBUS_SESSION_BUS_ADDRESS: NO_SESSION_BUS };
}
