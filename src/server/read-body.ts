/**
 * A request body as text, or null as soon as it is known to exceed `maxBytes`: from Content-Length
 * before reading anything, else while reading, stopping at the first chunk past the limit. Nothing
 * beyond the limit is ever held in memory (request.text() would buffer all of it first).
 */
export async function readBodyText(request: Request, maxBytes: number): Promise<string | null> {
  const declared = Number(request.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) return null;
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (let next = await reader.read(); !next.done; next = await reader.read()) {
    total += next.value.byteLength;
    // Not cancelled: under `next start` that destroys the socket, and the client, still sending,
    // may see the reset before the answer. Unread, the upload stalls (TCP flow control) until the
    // client, having read the 413, closes the connection, or the server's request timeout does.
    if (total > maxBytes) return null;
    chunks.push(next.value);
  }
  // TextDecoder, like request.text(): UTF-8, a leading byte order mark dropped, bad bytes replaced.
  return new TextDecoder().decode(Buffer.concat(chunks));
}
