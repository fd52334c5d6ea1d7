import type { SourceLocation } from '../../core/model.js';
import type { Locate } from './parse.js';

/**
 * Locations in an Avro IDL file. The `avsc` IDL reader returns the protocol as JSON without
 * positions, so a pointer into it is found again in the text: a type by its declaration
 * (`record Order`), a field or an enum symbol by its name after that declaration.
 */
export function idlLocator(file: string, text: string, protocol: unknown): Locate {
  const types = (protocol as { types?: unknown[] }).types ?? [];
  const lineStarts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  const at = (offset: number, pointer: string[]): SourceLocation => {
    let line = 0;
    while (line + 1 < lineStarts.length && lineStarts[line + 1]! <= offset) line++;
    return { file, line: line + 1, column: offset - lineStarts[line]! + 1, pointer };
  };
  const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const find = (re: RegExp, from: number): number => {
    re.lastIndex = from;
    const m = re.exec(text);
    return m ? m.index + (m[1] ? m[0].indexOf(m[1]) : 0) : -1;
  };
  return (pointer) => {
    if (pointer[0] !== 'types' || pointer[1] === undefined) return at(0, pointer);
    const t = types[Number(pointer[1])] as
      { name?: string; fields?: Array<{ name?: string }>; symbols?: string[] } | undefined;
    const name = t?.name?.split('.').pop();
    if (!name) return at(0, pointer);
    const decl = find(new RegExp(`\\b(?:record|error|enum|fixed)\\s+(${esc(name)})\\b`, 'g'), 0);
    if (decl < 0) return at(0, pointer);
    let member: string | undefined;
    if (pointer[2] === 'fields' && pointer[3] !== undefined)
      member = t?.fields?.[Number(pointer[3])]?.name;
    if (pointer[2] === 'symbols' && pointer[3] !== undefined)
      member = t?.symbols?.[Number(pointer[3])];
    if (!member) return at(decl, pointer);
    const pos = find(new RegExp(`\\b(${esc(member)})\\b`, 'g'), decl + name.length);
    return at(pos < 0 ? decl : pos, pointer);
  };
}
