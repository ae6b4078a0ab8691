import { basename } from 'node:path';

// A block whose first line names a file (`// flags.ts: …`, `// src/flags.ts`) is written under that
// file's base name, so that the other examples can import it (`./flags.js`); any other block is
// `example-<n>.ts` (as is a later block naming a file already taken: `example-<n>-flags.ts`).
// A block preceded by the line `<!-- not-compiled -->` is skipped.

const NOT_COMPILED = '<!-- not-compiled -->';
const FILE_COMMENT = /^\/\/\s*((?:[\w.-]+\/)*[\w.-]+\.ts)(?=[\s:]|$)/;

export interface Block {
  /** 1-based README line of the opening fence. */
  line: number;
  fileName: string;
  code: string;
}

/** extractBlocks finds the README's TypeScript blocks, named as above, and the lines of those it skipped. */
export function extractBlocks(markdown: string): { blocks: Block[]; skipped: number[] } {
  const lines = markdown.split(/\r?\n/);
  const blocks: Block[] = [];
  const skipped: number[] = [];
  const used = new Set<string>();
  for (let i = 0; i < lines.length; i++) {
    const fence = /^(`{3,})\s*(ts|typescript)\s*$/.exec(lines[i] ?? '');
    if (!fence) {
      // Step over other fenced blocks whole, so that their content is never taken for a fence.
      const other = /^(`{3,})/.exec(lines[i] ?? '');
      if (other) {
        const close = other[1] as string;
        for (i++; i < lines.length && (lines[i] ?? '').trim() !== close; i++);
      }
      continue;
    }
    const start = i;
    const close = fence[1] as string;
    const body: string[] = [];
    for (i++; i < lines.length && (lines[i] ?? '').trim() !== close; i++) body.push(lines[i] ?? '');
    if (i >= lines.length) throw new Error(`README.md:${start + 1}: unterminated code block`);
    // Prettier keeps a blank line between the marker and the fence: look past blank lines.
    let before = start - 1;
    while (before > 0 && (lines[before] ?? '').trim() === '') before--;
    if ((lines[before] ?? '').trim() === NOT_COMPILED) {
      skipped.push(start + 1);
      continue;
    }
    const named = FILE_COMMENT.exec(body[0] ?? '');
    let fileName = named ? basename(named[1] as string) : `example-${blocks.length + 1}.ts`;
    // Two blocks naming the same file (the Quick start's flags.ts and a later variant) must not
    // overwrite each other: the later one compiles on its own under an example name.
    if (used.has(fileName)) fileName = `example-${blocks.length + 1}-${fileName}`;
    used.add(fileName);
    blocks.push({ line: start + 1, fileName, code: body.join('\n') + '\n' });
  }
  return { blocks, skipped };
}
