// The part of js-yaml 4's API treaty uses (the package ships no types; @types/js-yaml would be a
// dependency for five declarations).
declare module 'js-yaml' {
  export interface TypeOptions {
    kind: 'scalar' | 'sequence' | 'mapping';
    resolve?: (data: string) => boolean;
    construct?: (data: string) => unknown;
  }
  export class Type {
    constructor(tag: string, options: TypeOptions);
  }
  export class Schema {
    extend(types: { implicit?: Type[]; explicit?: Type[] }): Schema;
  }
  export const FAILSAFE_SCHEMA: Schema;
  export interface LoadOptions {
    filename?: string;
    schema?: Schema;
    json?: boolean;
    maxDepth?: number;
  }
  export function load(text: string, options?: LoadOptions): unknown;
}
