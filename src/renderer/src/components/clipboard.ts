// Puts text on the clipboard: the Clipboard API where the page may use it, else the older copy
// command through a hidden text area (no API, or no permission for it). True when it worked.

export async function copyText(text: string): Promise<boolean> {
  try {
    if (!('clipboard' in navigator) || typeof navigator.clipboard.writeText !== 'function')
      return copyWithCommand(text);
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return copyWithCommand(text);
  }
}

function copyWithCommand(text: string): boolean {
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  const focused = document.activeElement;
  document.body.append(area);
  area.select();
  try {
    // eslint-disable-next-line @typescript-eslint/no-deprecated -- the only way left when the Clipboard API is refused (plain http, no permission)
    return document.execCommand('copy');
  } catch {
    return false;
  } finally {
    area.remove();
    // Selecting the text area took the focus: give it back to the button.
    if (focused instanceof HTMLElement) focused.focus({ preventScroll: true });
  }
}
