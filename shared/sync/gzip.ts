/**
 * Gzip through the platform's own CompressionStream (browsers, workers, Node ≥ 18, Electron's main):
 * native zlib, several times faster than a JavaScript deflate on a batch of a few megabytes.
 */
export async function gzip(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([bytes as BlobPart]).stream().pipeThrough(new CompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}
