/** The first 8 hex digits of the request hash, grouped for reading aloud: both screens show the same code. */
export function checkCode(requestHash: string): string {
  const h = requestHash.slice(0, 8).toUpperCase();
  return `${h.slice(0, 4)} ${h.slice(4)}`;
}
