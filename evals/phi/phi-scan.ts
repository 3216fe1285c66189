/** One canary value found where it must not be. */
export interface Leak {
  sink: string;
  /** Which text of the sink (request number, body number, log line number). */
  index: number;
  canary: string;
  /** Up to 60 characters either side, for the failure message. */
  context: string;
}

export interface ScanResult {
  sink: string;
  leaks: Leak[];
  texts: number;
  bytes: number;
}

const HEX = /[0-9a-f]/i;

/**
 * Finds every occurrence of every canary (case-insensitive) in `texts`. A digits-only canary
 * (ZIP, MRN, bare phone number) counts only when no hex digit touches it, so it is not "found"
 * inside a nanosecond timestamp, a trace id or an NPI; `MRN88000001` or `RI 02801` still count.
 */
export function scanForCanaries(
  sink: string,
  texts: readonly string[],
  canaries: readonly string[],
): ScanResult {
  const needles = [...new Set(canaries.map((c) => c.toLowerCase()))].map((needle) => ({
    needle,
    digitsOnly: /^\d+$/.test(needle),
  }));
  const leaks: Leak[] = [];
  let bytes = 0;
  texts.forEach((text, index) => {
    bytes += Buffer.byteLength(text);
    const hay = text.toLowerCase();
    for (const { needle, digitsOnly } of needles) {
      for (let at = hay.indexOf(needle); at !== -1; at = hay.indexOf(needle, at + 1)) {
        if (digitsOnly) {
          const before = hay[at - 1] ?? '';
          const after = hay[at + needle.length] ?? '';
          if (HEX.test(before) || HEX.test(after)) continue;
        }
        leaks.push({
          sink,
          index,
          canary: needle,
          context: text.slice(Math.max(0, at - 60), at + needle.length + 60),
        });
      }
    }
  });
  return { sink, leaks, texts: texts.length, bytes };
}
