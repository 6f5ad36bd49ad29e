// Bundles the page into dist/ (git-ignored), which the .NET build copies beside the server as webroot/.
import { build } from 'esbuild';
import { copyFile, mkdir } from 'node:fs/promises';

await mkdir('dist', { recursive: true });
await build({
  entryPoints: ['src/main.js'],
  bundle: true,
  minify: true,
  sourcemap: false,
  format: 'esm',
  target: ['es2022'],
  outfile: 'dist/app.js',
  logLevel: 'warning',
});
await copyFile('src/index.html', 'dist/index.html');
