// VS Code loads a TypeScript server plugin from <extension>/node_modules/<plugin name>, and vsce
// packs no top-level node_modules/ without --dependencies (which would pack every dependency): so
// the VSIX gets extension/node_modules/rankscope-ts-plugin/package.json added after vsce made it.
// That package.json points at dist/ts-plugin.cjs, which the VSIX already holds.
import { createWriteStream, readFileSync, renameSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const yauzl = require('yauzl');
const yazl = require('yazl');

const PLUGIN_PACKAGE = 'extension/ts-plugin/package.json';
const PLUGIN_ENTRY = 'extension/node_modules/rankscope-ts-plugin/package.json';

/** Rewrites the VSIX at `vsix` with the plugin's package.json added. */
export async function addPluginPackage(vsix) {
  const out = new yazl.ZipFile();
  // yazl reads each added stream only as its output is consumed: write it out from the start.
  const tmp = `${vsix}.tmp`;
  const written = new Promise((resolve, reject) => out.outputStream.pipe(createWriteStream(tmp)).on('close', resolve).on('error', reject));
  const zip = await new Promise((resolve, reject) => yauzl.open(vsix, { lazyEntries: true }, (e, z) => (e ? reject(e) : resolve(z))));
  await new Promise((resolve, reject) => {
    zip.on('error', reject);
    zip.on('end', resolve);
    zip.on('entry', (entry) => {
      zip.openReadStream(entry, (e, stream) => {
        if (e) return reject(e);
        // Keep each file's mode (esbuild's binary must stay executable) and time.
        const mode = entry.externalFileAttributes >>> 16;
        out.addReadStream(stream, entry.fileName, { mtime: entry.getLastModDate(), ...(mode ? { mode } : {}) });
        stream.on('end', () => zip.readEntry());
      });
    });
    zip.readEntry();
  });
  out.addBuffer(readFileSync(PLUGIN_PACKAGE), PLUGIN_ENTRY);
  out.end();
  await written;
  renameSync(tmp, vsix);
}
