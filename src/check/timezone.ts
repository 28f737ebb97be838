/** Time zone names, checked through the Intl data Node carries: no table of our own. */

/** True for a time zone name Intl knows, written as an IANA name (Area/City or UTC), not an offset. */
export function isTimeZone(name: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/.test(name)) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}
