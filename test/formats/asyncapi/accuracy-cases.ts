/**
 * Fixture pairs for issue 14 (accuracy on real event contracts): bindings, servers, addresses,
 * sloppy and unresolvable references, `required` without `properties`, renames and replies. Each
 * row is run as a whole run reports it (the revision's load warnings included) by
 * accuracy.test.ts; rules.test.ts counts them when it checks that every rule fires and has a
 * near-miss.
 */
export type Row = [rule: string, severity: string, file: string, line: number];
export interface AccuracyCase {
  case: string;
  expect: Row[];
  nearMiss?: string[];
  options?: Record<string, unknown>;
}

const lenient = { lenient: true };
const client = { perspective: 'client' };

export const ACCURACY_CASES: AccuracyCase[] = [
  // ── sloppy references ──────────────────────────────────────────────────────────────────────
  {
    // `#/components/messages/v1/Results` for the key `v1/Results`: read as meant, with a warning;
    // the revision only adds an optional field.
    case: 'v3/ref-repaired',
    expect: [
      ['asyncapi-ref-repaired', 'warning', 'revision.yaml', 10],
      ['asyncapi-ref-repaired', 'warning', 'revision.yaml', 23],
      ['message-optional-property-added', 'info', 'revision.yaml', 31],
    ],
    nearMiss: ['message-removed', 'operation-message-removed'],
  },
  {
    case: 'v2/ref-repaired',
    expect: [
      ['asyncapi-ref-repaired', 'warning', 'revision.yaml', 10],
      ['asyncapi-ref-repaired', 'warning', 'revision.yaml', 16],
      ['message-optional-property-added', 'info', 'revision.yaml', 24],
    ],
    nearMiss: ['message-removed'],
  },
  {
    case: 'v2/ref-repaired',
    options: client,
    expect: [
      ['asyncapi-ref-repaired', 'warning', 'revision.yaml', 10],
      ['asyncapi-ref-repaired', 'warning', 'revision.yaml', 16],
      ['message-optional-property-added', 'info', 'revision.yaml', 24],
    ],
    nearMiss: ['message-removed'],
  },
  {
    // The same keys written with `~1`: nothing to repair.
    case: 'v3/ref-repaired.near-miss',
    expect: [['message-optional-property-added', 'info', 'revision.yaml', 31]],
    nearMiss: ['asyncapi-ref-repaired'],
  },
  {
    // Two references that resolve to nothing: neither "removed" nor "any value".
    case: 'lenient/ref-not-compared',
    options: lenient,
    expect: [
      ['asyncapi-document-invalid', 'warning', 'revision.yaml', 12],
      ['asyncapi-document-invalid', 'warning', 'revision.yaml', 23],
      ['ref-not-compared', 'warning', 'revision.yaml', 11],
      ['ref-not-compared', 'warning', 'revision.yaml', 22],
    ],
    nearMiss: ['message-removed', 'message-type-removed', 'message-required-property-removed'],
  },
  {
    // The same broken reference on both sides: nothing changed there.
    case: 'lenient/ref-not-compared.near-miss',
    options: lenient,
    expect: [['asyncapi-document-invalid', 'warning', 'revision.yaml', 23]],
    nearMiss: ['ref-not-compared'],
  },
];
