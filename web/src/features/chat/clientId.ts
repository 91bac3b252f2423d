/**
 * A message's client id: the sender's own name for it, made before it is sent, so that a resend
 * after a lost answer is recognised by the server instead of stored twice. 32 hex digits of a
 * random UUID fit the contract's /^[A-Za-z0-9_-]{8,64}$/.
 */
export function newClientId(): string {
  return crypto.randomUUID().replaceAll('-', '');
}
