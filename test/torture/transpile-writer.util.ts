import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const LIB = resolve(dirname(fileURLToPath(import.meta.url)), '../../lib');
const RELATIVE_IMPORT = /\bfrom\s+'(\.{1,2}\/[^']+)\.js'/g;

/**
 * transpileWriter turns the project's volume writer (`lib/kubelet/volume-writer.ts`)
 * and every module it imports, followed recursively, into plain ES modules
 * under `outDir`, so that a separate Node process can run exactly that
 * code — as kubelet is a separate process from the application. Returns the
 * path of the writer's module.
 */
export async function transpileWriter(outDir: string): Promise<string> {
  const seen = new Set<string>();
  const visit = async (file: string): Promise<void> => {
    if (seen.has(file)) return;
    seen.add(file);
    const source = await readFile(file, 'utf8');
    const { outputText } = ts.transpileModule(source, {
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
      fileName: file,
    });
    const out = join(outDir, relative(LIB, file)).replace(/\.ts$/, '.js');
    await mkdir(dirname(out), { recursive: true });
    await writeFile(out, outputText);
    for (const [, specifier] of source.matchAll(RELATIVE_IMPORT)) {
      await visit(resolve(dirname(file), `${specifier}.ts`));
    }
  };
  await writeFile(join(outDir, 'package.json'), '{ "type": "module" }\n');
  await visit(join(LIB, 'kubelet/volume-writer.ts'));
  return join(outDir, 'kubelet/volume-writer.js');
}
