// The far side's half of a run over SSH: a small POSIX sh wrapper that reads the environment from
// the first line of input (so secrets never appear in a command line or `ps`), starts Claude Code
// in the run's folder, relays the rest of the input to it, and, when the input closes (the
// session ended, the run was cancelled, the engine or its connection died), ends Claude Code and
// every process it started: Claude Code alone would finish its turn and leave tools running.

/**
 * Arguments: the folder, Claude Code (a path, `~/…`, or a name on the login PATH), then Claude
 * Code's own arguments. Exit 127 with a `switchboard:` line on stderr when it cannot start.
 * `$$`-free and `${`-escaped for the template literal; runs under dash, bash, zsh and busybox sh.
 */
export const FAR_WRAPPER = `sb_die() { printf 'switchboard: %s\\n' "$1" >&2; exit 127; }
sb_home() { case "$1" in "~/"*) printf '%s/%s' "$HOME" "\${1#\\~/}" ;; "~") printf '%s' "$HOME" ;; *) printf '%s' "$1" ;; esac; }
IFS= read -r sb_env || sb_die 'no environment line came first'
eval "$(printf '%s' "$sb_env" | base64 -d)" || sb_die 'the environment line did not decode (is base64 there?)'
unset sb_env
sb_folder=$(sb_home "$1"); shift
sb_claude_path=$(sb_home "$1"); shift
cd "$sb_folder" 2>/dev/null || sb_die "the folder $sb_folder does not exist here"
command -v "$sb_claude_path" >/dev/null 2>&1 || sb_die "Claude Code was not found at $sb_claude_path"
sb_ps() {
  if [ -r /proc/self/stat ]; then
    for sb_f in /proc/[0-9]*/stat; do
      { IFS= read -r sb_l <"$sb_f"; } 2>/dev/null || continue
      sb_p=\${sb_f#/proc/}
      set -- \${sb_l##*) }
      printf '%s %s %s\\n' "\${sb_p%/stat}" "$2" "$4"
    done
  else
    ps -A -o pid= -o ppid= -o sess=
  fi
}
sb_tree() {
  sb_table=$(sb_ps); sb_found=" $1 "; sb_grew=1
  while [ "$sb_grew" = 1 ]; do
    sb_grew=0
    while read -r sb_p sb_pp sb_sid; do
      case "$sb_found" in *" $sb_p "*) continue ;; esac
      case "$sb_found" in *" $sb_pp "*) ;; *) [ "$sb_sid" = "$1" ] || continue ;; esac
      sb_found="$sb_found$sb_p "; sb_grew=1
    done <<SB_TABLE
$sb_table
SB_TABLE
  done
  printf '%s' "$sb_found"
}
sb_signal() {
  sb_sig=$1; shift
  for sb_p in "$@"; do kill "-$sb_sig" "-$sb_p" 2>/dev/null; kill "-$sb_sig" "$sb_p" 2>/dev/null; done
}
sb_alive() {
  for sb_p in "$@"; do kill -0 "$sb_p" 2>/dev/null && return 0; done
  return 1
}
sb_end() {
  sb_all=$(sb_tree "$sb_claude")
  sb_i=0
  while [ $sb_i -lt 10 ] && kill -0 "$sb_claude" 2>/dev/null; do sleep 0.1; sb_i=$((sb_i + 1)); done
  sb_all="$sb_all $(sb_tree "$sb_claude")"
  sb_signal TERM $sb_all
  sb_i=0
  while [ $sb_i -lt 20 ] && sb_alive $sb_all; do sleep 0.1; sb_i=$((sb_i + 1)); done
  sb_signal KILL $sb_all
}
sb_tmp=$(mktemp -d) || sb_die 'mktemp failed'
mkfifo "$sb_tmp/input" || sb_die 'mkfifo failed'
exec 3<&0
if command -v setsid >/dev/null 2>&1; then sb_setsid=setsid; else sb_setsid=; fi
$sb_setsid "$sb_claude_path" "$@" <"$sb_tmp/input" 3<&- &
sb_claude=$!
( cat <&3 >"$sb_tmp/input"; : >"$sb_tmp/closed"; sb_end ) &
sb_relay=$!
wait "$sb_claude"; sb_status=$?
if [ -e "$sb_tmp/closed" ]; then wait "$sb_relay"; else sb_signal TERM $(sb_tree "$sb_relay"); fi
sb_signal TERM "$sb_claude"
rm -rf "$sb_tmp"
exit "$sb_status"
`;

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** The first line of input: `export NAME='value'` lines, base64 so one line carries them all. */
export function environmentLine(env: Record<string, string>): string {
  const script = Object.entries(env)
    .filter(([name]) => ENV_NAME.test(name))
    .map(([name, value]) => `export ${name}=${shellQuote(value)}\n`)
    .join('');
  return `${Buffer.from(script, 'utf8').toString('base64')}\n`;
}

/** One word for a POSIX shell, whatever it holds. */
export function shellQuote(word: string): string {
  return `'${word.replaceAll("'", `'\\''`)}'`;
}
