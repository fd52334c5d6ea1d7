/** A protobuf source file. */
export function detectProtobuf(rel: string): boolean {
  return rel.endsWith('.proto');
}
