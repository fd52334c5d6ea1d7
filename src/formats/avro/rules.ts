import type { ChangeKind, MessageArgs, RuleDef } from '../../core/rule.js';
import type { EvolutionMode, Severity } from '../../core/model.js';

/**
 * The Avro rule catalogue. Each rule is one kind of change between a base (the published schema)
 * and a revision, judged by the Avro specification's schema resolution in both directions:
 *
 * - BACKWARD (Confluent): the revision, as reader, reads data written with the base.
 * - FORWARD (Confluent): the base, as reader, reads data written with the revision.
 *
 * A rule's `modes` say which of treaty's evolution modes it fails: `backward` when the change breaks
 * BACKWARD, `forward` when it breaks FORWARD, `full` when either, `expansion` for every change that
 * is not an addition. `equivalents.confluent` names the Avro `SchemaIncompatibilityType` that
 * Confluent Schema Registry reports for the same change. Detection lives in compare.ts.
 */

type A = MessageArgs;
const F = ['avro'] as const;

/** What a change breaks: B = BACKWARD, F = FORWARD, BF = both, X = neither but not an addition, N = nothing. */
type Profile = 'B' | 'F' | 'BF' | 'X' | 'N';

const MODES_OF: Record<Profile, readonly EvolutionMode[]> = {
  B: ['expansion', 'backward', 'full'],
  F: ['expansion', 'forward', 'full'],
  BF: ['expansion', 'backward', 'forward', 'full'],
  X: ['expansion'],
  N: [],
};

/** BACKWARD breaks are what Confluent checks by default: breaking; a FORWARD-only break warns. */
const SEVERITY_OF: Record<Profile, Severity> = {
  B: 'breaking',
  F: 'warning',
  BF: 'breaking',
  X: 'warning',
  N: 'info',
};

interface Spec {
  id: string;
  profile: Profile;
  kind: ChangeKind;
  description: string;
  message: (a: A) => string;
  confluent?: string;
  why: string;
  before: string;
  after: string;
  severity?: Severity;
}

function rule(s: Spec): RuleDef<A> {
  return {
    id: s.id,
    formats: F,
    severity: s.severity ?? SEVERITY_OF[s.profile],
    kind: s.kind,
    modes: MODES_OF[s.profile],
    description: s.description,
    equivalents: s.confluent ? { confluent: [s.confluent] } : {},
    message: s.message,
    explain: { why: s.why, example: { before: s.before, after: s.after, language: 'json' } },
  };
}

/** The profile a rule was declared with, from its modes (for the AsyncAPI direction mapping). */
export function breaksBackward(r: RuleDef): boolean {
  return r.modes.includes('backward');
}
export function breaksForward(r: RuleDef): boolean {
  return r.modes.includes('forward');
}

const fieldEx = (fields: string) => `{"type": "record", "name": "Order", "fields": [${fields}]}`;
const ID = '{"name": "id", "type": "string"}';

export const schemaRemoved = rule({
  id: 'avro-schema-removed',
  profile: 'BF',
  kind: 'removal',
  description: 'A schema of the contract (an .avsc root or a protocol type) is gone.',
  message: (a) => `Avro schema '${a.schema}' was removed`,
  why: 'Producers and consumers that serialise with that schema lose it: nothing in the contract reads or writes its data any more.',
  before: 'order.avsc\npayment.avsc',
  after: 'order.avsc',
});

export const schemaAdded = rule({
  id: 'avro-schema-added',
  profile: 'N',
  kind: 'addition',
  description: 'A schema was added to the contract.',
  message: (a) => `Avro schema '${a.schema}' was added`,
  why: 'A new schema breaks nobody: no data was written with it yet.',
  before: 'order.avsc',
  after: 'order.avsc\npayment.avsc',
});

export const fieldAddedWithoutDefault = rule({
  id: 'avro-field-added-without-default',
  profile: 'B',
  kind: 'modification',
  description: 'A record gained a field without a default: the new schema cannot read old data.',
  message: (a) => `field '${a.field}' was added to record '${a.record}' without a default`,
  confluent: 'READER_FIELD_MISSING_DEFAULT_VALUE',
  why: 'A reader with the new schema finds no value for the field in data written with the old one, and has no default to fill in: resolution fails (BACKWARD). Give the field a default.',
  before: fieldEx(ID),
  after: fieldEx(`${ID}, {"name": "note", "type": "string"}`),
});

export const fieldAdded = rule({
  id: 'avro-field-added',
  profile: 'N',
  kind: 'addition',
  description: 'A record gained a field with a default.',
  message: (a) => `field '${a.field}' was added to record '${a.record}' (default ${a.default})`,
  why: 'Readers with the new schema fill the default into old data; readers with the old schema skip the new field. Compatible both ways.',
  before: fieldEx(ID),
  after: fieldEx(`${ID}, {"name": "note", "type": "string", "default": ""}`),
});

export const fieldRemovedWithoutDefault = rule({
  id: 'avro-field-removed-without-default',
  profile: 'F',
  kind: 'removal',
  description:
    'A field without a default was removed: readers of the old schema cannot read new data.',
  message: (a) => `field '${a.field}' (no default) was removed from record '${a.record}'`,
  confluent: 'READER_FIELD_MISSING_DEFAULT_VALUE',
  why: 'A reader still on the old schema expects the field and has no default for it, so it cannot read data written with the new schema (FORWARD). Add a default to the field in a release first, then remove it.',
  before: fieldEx(`${ID}, {"name": "note", "type": "string"}`),
  after: fieldEx(ID),
});

export const fieldRemoved = rule({
  id: 'avro-field-removed',
  profile: 'X',
  kind: 'removal',
  description: 'A field with a default was removed (compatible both ways, but not an expansion).',
  message: (a) =>
    `field '${a.field}' was removed from record '${a.record}' (old readers use its default)`,
  why: 'Readers on the old schema fill in the default, new readers skip the old field: resolution works both ways, but consumers silently get the default instead of real values.',
  before: fieldEx(`${ID}, {"name": "note", "type": "string", "default": ""}`),
  after: fieldEx(ID),
});

export const fieldRenamedWithoutDefault = rule({
  id: 'avro-field-renamed-without-default',
  profile: 'F',
  kind: 'modification',
  description:
    'A field was renamed (the new name aliases the old one) and has no default in the old schema.',
  message: (a) => `field '${a.before}' of record '${a.record}' was renamed to '${a.after}'`,
  confluent: 'READER_FIELD_MISSING_DEFAULT_VALUE',
  why: 'The alias lets new readers find the old name in old data (BACKWARD holds), but readers on the old schema look for the old name in new data, find nothing and have no default (FORWARD fails).',
  before: fieldEx('{"name": "note", "type": "string"}'),
  after: fieldEx('{"name": "comment", "aliases": ["note"], "type": "string"}'),
});

export const fieldRenamed = rule({
  id: 'avro-field-renamed',
  profile: 'X',
  kind: 'modification',
  description:
    'A field was renamed with an alias of its old name, and the old schema gives it a default.',
  message: (a) => `field '${a.before}' of record '${a.record}' was renamed to '${a.after}'`,
  why: 'New readers find the old name through the alias; old readers use their default for the field they no longer find. Compatible both ways, but old readers lose the values.',
  before: fieldEx('{"name": "note", "type": "string", "default": ""}'),
  after: fieldEx('{"name": "comment", "aliases": ["note"], "type": "string", "default": ""}'),
});

export const renamedFieldTypeIncompatible = rule({
  id: 'avro-renamed-field-type-incompatible',
  profile: 'B',
  kind: 'modification',
  description:
    'A field renamed with an alias (and a default in the old schema) changed to a type that cannot read its old values.',
  message: (a) =>
    `field '${a.field}' of record '${a.record}' (renamed) changed type from ${a.before} to ${a.after}, which cannot read the old values`,
  confluent: 'TYPE_MISMATCH',
  why: 'New readers find the old field through the alias and must read its old values with the new type (BACKWARD fails). Old readers do not pair the renamed field at all: they use their default, so only this direction counts.',
  before: fieldEx('{"name": "note", "type": "string", "default": ""}'),
  after: fieldEx('{"name": "count", "aliases": ["note"], "type": "int", "default": 0}'),
});

export const typeChanged = rule({
  id: 'avro-type-changed',
  profile: 'BF',
  kind: 'modification',
  description: 'A type changed to one that cannot read, or be read as, the old one.',
  message: (a) => `the type of ${a.element} changed from ${a.before} to ${a.after}`,
  confluent: 'TYPE_MISMATCH',
  why: 'Avro resolves a writer type into a reader type only when they are the same, a named type with the same name, or a promotion the specification allows (int → long, float, double; long → float, double; float → double; string ↔ bytes). Neither side can read the other.',
  before: fieldEx('{"name": "amount", "type": "int"}'),
  after: fieldEx('{"name": "amount", "type": "string"}'),
});

export const typePromoted = rule({
  id: 'avro-type-promoted',
  profile: 'F',
  kind: 'modification',
  description:
    'A type was widened by an allowed promotion (int → long, float, double; long → float, double; float → double).',
  message: (a) => `the type of ${a.element} was promoted from ${a.before} to ${a.after}`,
  confluent: 'TYPE_MISMATCH',
  why: 'The new schema reads old data by promotion (BACKWARD holds), but readers on the old schema cannot read the wider type (FORWARD fails).',
  before: fieldEx('{"name": "amount", "type": "int"}'),
  after: fieldEx('{"name": "amount", "type": "long"}'),
});

export const typeDemoted = rule({
  id: 'avro-type-demoted',
  profile: 'B',
  kind: 'modification',
  description: 'A type was narrowed (the reverse of an allowed promotion, e.g. long → int).',
  message: (a) => `the type of ${a.element} was narrowed from ${a.before} to ${a.after}`,
  confluent: 'TYPE_MISMATCH',
  why: 'Old readers read the narrower type by promotion (FORWARD holds), but the new schema cannot read the wider values already written (BACKWARD fails).',
  before: fieldEx('{"name": "amount", "type": "long"}'),
  after: fieldEx('{"name": "amount", "type": "int"}'),
});

export const stringBytesSwapped = rule({
  id: 'avro-string-bytes-swapped',
  profile: 'X',
  kind: 'modification',
  description: 'A string became bytes or bytes became a string (resolvable both ways).',
  message: (a) => `the type of ${a.element} changed from ${a.before} to ${a.after}`,
  why: 'Avro resolves string and bytes into each other, so data stays readable, but generated code changes type (String vs ByteBuffer) and non-UTF-8 bytes do not make valid strings.',
  before: fieldEx('{"name": "token", "type": "bytes"}'),
  after: fieldEx('{"name": "token", "type": "string"}'),
});

export const enumSymbolRemoved = rule({
  id: 'avro-enum-symbol-removed',
  profile: 'B',
  kind: 'removal',
  description: 'An enum symbol was removed and the enum has no default.',
  message: (a) => `symbol '${a.name}' was removed from enum '${a.enum}', which has no default`,
  confluent: 'MISSING_ENUM_SYMBOLS',
  why: 'Old data may hold the symbol; the new schema has neither the symbol nor an enum default to read it as (BACKWARD fails). Declare a default symbol first.',
  before: '{"type": "enum", "name": "Status", "symbols": ["NEW", "PAID", "VOID"]}',
  after: '{"type": "enum", "name": "Status", "symbols": ["NEW", "PAID"]}',
});

export const enumSymbolRemovedToDefault = rule({
  id: 'avro-enum-symbol-removed-to-default',
  profile: 'X',
  kind: 'removal',
  description: 'An enum symbol was removed; the enum default reads it.',
  message: (a) => `symbol '${a.name}' was removed from enum '${a.enum}' (read as '${a.default}')`,
  why: 'The new schema reads the removed symbol in old data as the enum default: compatible, but those values now mean the default.',
  before:
    '{"type": "enum", "name": "Status", "symbols": ["NEW", "PAID", "VOID"], "default": "NEW"}',
  after: '{"type": "enum", "name": "Status", "symbols": ["NEW", "PAID"], "default": "NEW"}',
});

export const enumSymbolAdded = rule({
  id: 'avro-enum-symbol-added',
  profile: 'F',
  kind: 'addition',
  description: 'An enum symbol was added and the old enum has no default.',
  message: (a) => `symbol '${a.name}' was added to enum '${a.enum}', which had no default`,
  confluent: 'MISSING_ENUM_SYMBOLS',
  why: 'Readers on the old schema meet a symbol they do not know and have no default to read it as (FORWARD fails). Give the enum a default in a release before adding symbols.',
  before: '{"type": "enum", "name": "Status", "symbols": ["NEW", "PAID"]}',
  after: '{"type": "enum", "name": "Status", "symbols": ["NEW", "PAID", "VOID"]}',
});

export const enumSymbolAddedWithDefault = rule({
  id: 'avro-enum-symbol-added-with-default',
  profile: 'N',
  kind: 'addition',
  description: 'An enum symbol was added; old readers read it as their enum default.',
  message: (a) =>
    `symbol '${a.name}' was added to enum '${a.enum}' (old readers see '${a.default}')`,
  why: 'Readers on the old schema read the new symbol as their enum default, so both directions resolve.',
  before: '{"type": "enum", "name": "Status", "symbols": ["UNKNOWN", "NEW"], "default": "UNKNOWN"}',
  after:
    '{"type": "enum", "name": "Status", "symbols": ["UNKNOWN", "NEW", "PAID"], "default": "UNKNOWN"}',
});

export const enumDefaultChanged = rule({
  id: 'avro-enum-default-changed',
  profile: 'X',
  kind: 'modification',
  description: 'The default symbol of an enum was added, removed or changed.',
  message: (a) => `the default of enum '${a.enum}' changed from ${a.before} to ${a.after}`,
  why: 'The enum default decides how unknown symbols are read; changing it changes what readers see for them (symbol additions and removals are judged with the defaults of each side).',
  before: '{"type": "enum", "name": "Status", "symbols": ["NEW", "PAID"]}',
  after: '{"type": "enum", "name": "Status", "symbols": ["NEW", "PAID"], "default": "NEW"}',
});

export const unionBranchRemoved = rule({
  id: 'avro-union-branch-removed',
  profile: 'B',
  kind: 'removal',
  description: 'A union lost a branch no remaining branch can read.',
  message: (a) => `branch '${a.name}' was removed from the union of ${a.element}`,
  confluent: 'MISSING_UNION_BRANCH',
  why: 'Old data may hold a value of the removed branch; the new schema has no branch to read it (BACKWARD fails). A field that stops being nullable (["null", "string"] → "string") is this case.',
  before: fieldEx('{"name": "note", "type": ["null", "string"], "default": null}'),
  after: fieldEx('{"name": "note", "type": "string", "default": ""}'),
});

export const unionBranchMerged = rule({
  id: 'avro-union-branch-merged',
  profile: 'X',
  kind: 'removal',
  description: 'A union lost a branch whose values another branch reads by promotion.',
  message: (a) =>
    `branch '${a.name}' was removed from the union of ${a.element} (read as '${a.into}')`,
  why: 'Old values of the removed branch are read through another branch (e.g. int as long), so data stays readable, but readers see a different branch.',
  before: fieldEx('{"name": "n", "type": ["null", "int", "long"]}'),
  after: fieldEx('{"name": "n", "type": ["null", "long"]}'),
});

export const unionBranchAdded = rule({
  id: 'avro-union-branch-added',
  profile: 'F',
  kind: 'addition',
  description: 'A type gained a union branch the old schema cannot read.',
  message: (a) => `branch '${a.name}' was added to the union of ${a.element}`,
  confluent: 'MISSING_UNION_BRANCH',
  why: 'Readers on the old schema meet values of a branch they do not have (FORWARD fails). Making a field nullable ("string" → ["null", "string"]) is this case.',
  before: fieldEx('{"name": "note", "type": "string"}'),
  after: fieldEx('{"name": "note", "type": ["null", "string"], "default": null}'),
});

export const unionBranchAddedReadable = rule({
  id: 'avro-union-branch-added-readable',
  profile: 'N',
  kind: 'addition',
  description: 'A union gained a branch whose values the old schema reads by promotion.',
  message: (a) =>
    `branch '${a.name}' was added to the union of ${a.element} (old readers read it as '${a.into}')`,
  why: 'Readers on the old schema read the new branch through one of theirs (e.g. int as long), so both directions resolve.',
  before: fieldEx('{"name": "n", "type": ["null", "long"]}'),
  after: fieldEx('{"name": "n", "type": ["null", "int", "long"]}'),
});

export const fixedSizeChanged = rule({
  id: 'avro-fixed-size-changed',
  profile: 'BF',
  kind: 'modification',
  description: 'The size of a fixed type changed.',
  message: (a) => `the size of fixed '${a.name}' changed from ${a.before} to ${a.after}`,
  confluent: 'FIXED_SIZE_MISMATCH',
  why: 'Fixed values are written without a length: a reader of another size reads the wrong bytes, so Avro refuses to resolve them in either direction.',
  before: '{"type": "fixed", "name": "Hash", "size": 16}',
  after: '{"type": "fixed", "name": "Hash", "size": 32}',
});

export const typeRenamed = rule({
  id: 'avro-type-renamed',
  profile: 'BF',
  kind: 'modification',
  description: 'A named type (record, enum, fixed) was renamed without an alias of its old name.',
  message: (a) => `${a.type} '${a.before}' was renamed to '${a.after}' without an alias`,
  confluent: 'NAME_MISMATCH',
  why: 'Named types resolve by name (or the reader\'s aliases): neither schema recognises the other\'s name. Keep the old name in "aliases".',
  before: '{"type": "record", "name": "Order", "fields": []}',
  after: '{"type": "record", "name": "Purchase", "fields": []}',
});

export const typeRenamedWithAlias = rule({
  id: 'avro-type-renamed-with-alias',
  profile: 'F',
  kind: 'modification',
  description:
    'A named type was renamed and aliases its old name: new readers read old data, old readers do not know the new name.',
  message: (a) => `${a.type} '${a.before}' was renamed to '${a.after}' (aliased)`,
  confluent: 'NAME_MISMATCH',
  why: 'The alias lets the new schema read data written under the old name (BACKWARD holds), but readers on the old schema do not know the new name (FORWARD fails).',
  before: '{"type": "record", "name": "Order", "fields": []}',
  after: '{"type": "record", "name": "Purchase", "aliases": ["Order"], "fields": []}',
});

export const typeRenamedToAlias = rule({
  id: 'avro-type-renamed-to-alias',
  profile: 'B',
  kind: 'modification',
  description: 'A named type was renamed to one of its old aliases without aliasing its old name.',
  message: (a) =>
    `${a.type} '${a.before}' was renamed to its alias '${a.after}' without aliasing '${a.before}'`,
  confluent: 'NAME_MISMATCH',
  why: 'Old readers know the new name as an alias (FORWARD holds), but the new schema does not recognise the old name in old data (BACKWARD fails).',
  before: '{"type": "record", "name": "Order", "aliases": ["Purchase"], "fields": []}',
  after: '{"type": "record", "name": "Purchase", "fields": []}',
});

export const typeRenamedCompatible = rule({
  id: 'avro-type-renamed-compatible',
  profile: 'X',
  kind: 'modification',
  description: "A named type was renamed and each side aliases the other's name.",
  message: (a) => `${a.type} '${a.before}' was renamed to '${a.after}' (aliased both ways)`,
  why: "Both sides recognise the other's name through aliases, so data resolves both ways; generated code and subject names (RecordNameStrategy) change.",
  before: '{"type": "record", "name": "Order", "aliases": ["Purchase"], "fields": []}',
  after: '{"type": "record", "name": "Purchase", "aliases": ["Order"], "fields": []}',
});

export const namespaceChanged = rule({
  id: 'avro-namespace-changed',
  profile: 'X',
  kind: 'modification',
  description: 'A named type moved to another namespace (same unqualified name).',
  message: (a) => `${a.type} '${a.name}' moved from namespace '${a.before}' to '${a.after}'`,
  why: 'Schema resolution (Avro Java, Confluent) matches named types by their unqualified name, so data resolves; but generated classes change package, and a registry subject named after the full record name (RecordNameStrategy) changes.',
  before: '{"type": "record", "name": "Order", "namespace": "shop.v1", "fields": []}',
  after: '{"type": "record", "name": "Order", "namespace": "shop.orders", "fields": []}',
});

export const aliasRemoved = rule({
  id: 'avro-alias-removed',
  profile: 'X',
  kind: 'removal',
  description: 'An alias of a named type or field was removed.',
  message: (a) => `alias '${a.name}' was removed from ${a.element}`,
  why: 'An alias lets readers resolve data written under that name. The published schema does not use it, but data written with older versions may: with `transitive: true` such a removal is judged against them.',
  before: '{"type": "record", "name": "Purchase", "aliases": ["Order"], "fields": []}',
  after: '{"type": "record", "name": "Purchase", "fields": []}',
});

export const aliasAdded = rule({
  id: 'avro-alias-added',
  profile: 'N',
  kind: 'addition',
  description: 'An alias was added to a named type or field.',
  message: (a) => `alias '${a.name}' was added to ${a.element}`,
  why: 'An alias only lets the schema read more data (written under that name); it breaks nobody.',
  before: '{"type": "record", "name": "Purchase", "fields": []}',
  after: '{"type": "record", "name": "Purchase", "aliases": ["Order"], "fields": []}',
});

export const fieldDefaultAdded = rule({
  id: 'avro-field-default-added',
  profile: 'N',
  kind: 'addition',
  description: 'A field gained a default.',
  message: (a) => `field '${a.field}' of record '${a.record}' has a default now (${a.after})`,
  why: 'A default only helps readers (of data that lacks the field); it is what makes the field removable later.',
  before: fieldEx('{"name": "note", "type": "string"}'),
  after: fieldEx('{"name": "note", "type": "string", "default": ""}'),
});

export const fieldDefaultRemoved = rule({
  id: 'avro-field-default-removed',
  profile: 'X',
  kind: 'removal',
  description: 'A field lost its default.',
  message: (a) =>
    `field '${a.field}' of record '${a.record}' no longer has a default (was ${a.before})`,
  why: 'Both schemas have the field, so they read each other; but data written by versions before the field existed (transitive) can no longer be read, and the field cannot be removed compatibly any more.',
  before: fieldEx('{"name": "note", "type": "string", "default": ""}'),
  after: fieldEx('{"name": "note", "type": "string"}'),
});

export const fieldDefaultChanged = rule({
  id: 'avro-field-default-changed',
  profile: 'X',
  kind: 'modification',
  description: 'The default of a field changed.',
  message: (a) =>
    `the default of field '${a.field}' of record '${a.record}' changed from ${a.before} to ${a.after}`,
  why: "Readers fill the default into data that lacks the field: the same old record now reads differently depending on the reader's version.",
  before: fieldEx('{"name": "currency", "type": "string", "default": "EUR"}'),
  after: fieldEx('{"name": "currency", "type": "string", "default": "USD"}'),
});

export const decimalChanged = rule({
  id: 'avro-decimal-changed',
  profile: 'BF',
  kind: 'modification',
  description: 'The precision or scale of a decimal changed.',
  message: (a) => `the decimal ${a.element} changed from ${a.before} to ${a.after}`,
  why: 'A decimal is written as an unscaled integer: read with another scale, 12.34 becomes 1.234 or 123.4. The specification matches decimals only when scale and precision are equal (the resolver of the underlying bytes does not check it).',
  before: fieldEx(
    '{"name": "amount", "type": {"type": "bytes", "logicalType": "decimal", "precision": 9, "scale": 2}}',
  ),
  after: fieldEx(
    '{"name": "amount", "type": {"type": "bytes", "logicalType": "decimal", "precision": 9, "scale": 3}}',
  ),
});

export const logicalTypeChanged = rule({
  id: 'avro-logical-type-changed',
  profile: 'BF',
  kind: 'modification',
  description:
    'A logical type changed to another on the same underlying type (e.g. timestamp-millis → timestamp-micros).',
  message: (a) => `the logical type of ${a.element} changed from ${a.before} to ${a.after}`,
  why: 'The bytes still resolve, but every value is read in another unit or meaning (a timestamp in micros read as millis is 1000 times too far in the future). The resolver of the underlying type does not see it.',
  before: fieldEx('{"name": "at", "type": {"type": "long", "logicalType": "timestamp-millis"}}'),
  after: fieldEx('{"name": "at", "type": {"type": "long", "logicalType": "timestamp-micros"}}'),
});

export const logicalTypeAdded = rule({
  id: 'avro-logical-type-added',
  profile: 'X',
  kind: 'modification',
  description: 'A logical type annotation was added to a plain type.',
  message: (a) => `${a.element} is now a ${a.after} (was plain ${a.before})`,
  why: 'The data is unchanged, but generated code and deserialisers now give a date, timestamp, decimal or UUID instead of the raw value.',
  before: fieldEx('{"name": "at", "type": "long"}'),
  after: fieldEx('{"name": "at", "type": {"type": "long", "logicalType": "timestamp-millis"}}'),
});

export const logicalTypeRemoved = rule({
  id: 'avro-logical-type-removed',
  profile: 'X',
  kind: 'modification',
  description: 'A logical type annotation was removed.',
  message: (a) => `${a.element} is no longer a ${a.before} (plain ${a.after})`,
  why: 'The data is unchanged, but generated code and deserialisers now give the raw value instead of a date, timestamp, decimal or UUID.',
  before: fieldEx('{"name": "at", "type": {"type": "long", "logicalType": "timestamp-millis"}}'),
  after: fieldEx('{"name": "at", "type": "long"}'),
});

export const docChanged = rule({
  id: 'avro-doc-changed',
  profile: 'N',
  kind: 'modification',
  description: 'Only the documentation (`doc`) of a type or field changed.',
  message: (a) => `the doc of ${a.element} changed`,
  why: 'Documentation is not part of schema resolution: no reader or writer is affected.',
  before: fieldEx('{"name": "id", "type": "string", "doc": "Order id"}'),
  after: fieldEx('{"name": "id", "type": "string", "doc": "Order id (UUID)"}'),
});

export const fieldOrderChanged = rule({
  id: 'avro-field-sort-order-changed',
  profile: 'X',
  kind: 'modification',
  description: 'The sort `order` of a field changed (ascending, descending, ignore).',
  message: (a) =>
    `the sort order of field '${a.field}' of record '${a.record}' changed from ${a.before} to ${a.after}`,
  why: 'Data resolves unchanged, but records sort differently (and sorted files, keys and partitions built on the order change).',
  before: fieldEx('{"name": "id", "type": "string"}'),
  after: fieldEx('{"name": "id", "type": "string", "order": "descending"}'),
});

export const AVRO_RULES: readonly RuleDef<A>[] = [
  schemaRemoved,
  schemaAdded,
  fieldAddedWithoutDefault,
  fieldAdded,
  fieldRemovedWithoutDefault,
  fieldRemoved,
  fieldRenamedWithoutDefault,
  fieldRenamed,
  renamedFieldTypeIncompatible,
  typeChanged,
  typePromoted,
  typeDemoted,
  stringBytesSwapped,
  enumSymbolRemoved,
  enumSymbolRemovedToDefault,
  enumSymbolAdded,
  enumSymbolAddedWithDefault,
  enumDefaultChanged,
  unionBranchRemoved,
  unionBranchMerged,
  unionBranchAdded,
  unionBranchAddedReadable,
  fixedSizeChanged,
  typeRenamed,
  typeRenamedWithAlias,
  typeRenamedToAlias,
  typeRenamedCompatible,
  namespaceChanged,
  aliasRemoved,
  aliasAdded,
  fieldDefaultAdded,
  fieldDefaultRemoved,
  fieldDefaultChanged,
  decimalChanged,
  logicalTypeChanged,
  logicalTypeAdded,
  logicalTypeRemoved,
  docChanged,
  fieldOrderChanged,
];
