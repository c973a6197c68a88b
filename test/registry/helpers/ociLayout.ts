/**
 * The smallest real image, as an OCI image layout on disk (no network, no docker): one empty layer
 * (a gzipped empty tar), a config naming it, a manifest, and the layout's index. `skopeo copy
 * oci:<dir>:seed docker://...` pushes it like any image.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

export const SEED_REF = 'seed';

function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export function writeMinimalOciLayout(folder: string): void {
  const blobs = path.join(folder, 'blobs', 'sha256');
  mkdirSync(blobs, { recursive: true });
  const blob = (bytes: Buffer): { digest: string; size: number } => {
    const hex = sha256(bytes);
    writeFileSync(path.join(blobs, hex), bytes);
    return { digest: `sha256:${hex}`, size: bytes.length };
  };
  // An empty tar is two 512-byte zero blocks.
  const tar = Buffer.alloc(1024);
  const layer = blob(gzipSync(tar));
  const config = blob(
    Buffer.from(JSON.stringify({ architecture: 'amd64', os: 'linux', rootfs: { type: 'layers', diff_ids: [`sha256:${sha256(tar)}`] }, config: {} })),
  );
  const manifest = blob(
    Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: 'application/vnd.oci.image.manifest.v1+json',
        config: { mediaType: 'application/vnd.oci.image.config.v1+json', ...config },
        layers: [{ mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', ...layer }],
      }),
    ),
  );
  writeFileSync(path.join(folder, 'oci-layout'), JSON.stringify({ imageLayoutVersion: '1.0.0' }));
  writeFileSync(
    path.join(folder, 'index.json'),
    JSON.stringify({
      schemaVersion: 2,
      manifests: [{ mediaType: 'application/vnd.oci.image.manifest.v1+json', ...manifest, annotations: { 'org.opencontainers.image.ref.name': SEED_REF } }],
    }),
  );
}
