import type { MakeFinding } from '../../../core/catalogue.js';
import type {
  SchemaComparator,
  SchemaDirection,
  SchemaPlace,
  SchemaSide,
} from '../../../core/jsonschema/api.js';
import type { Deprecation, Finding, Severity, SourceLocation } from '../../../core/model.js';
import type { MessageArgs } from '../../../core/rule.js';
import type { StabilityLevel } from '../lifecycle.js';
import type { Element, OpenApiModel } from '../model.js';

/** Knobs of the lifecycle rules (adapter options), with oasdiff's defaults. */
export interface LifecyclePolicy {
  /** ISO date the sunset rules compare with (default: today, UTC). */
  today: string;
  /** Minimum days between deprecation and sunset for stable / beta operations (0: no policy). */
  minSunsetStableDays: number;
  minSunsetBetaDays: number;
  /** Operations below this stability level are not checked (their findings are info). */
  stabilityLevel: StabilityLevel;
}

/** An element and the path below it that a finding points at. */
export type At = Element | readonly [Element, ...string[]];

interface Emit {
  before?: unknown;
  after?: unknown;
  severity?: Severity;
  variant?: string;
  /** A removed element the base deprecated (read by the deprecation policy pass). */
  deprecation?: Deprecation;
}

/**
 * The state of one comparison: both models, the finding factory, the schema comparator and the
 * operation being compared (its label goes into `affects`, its declared stability into
 * `stability`).
 */
export class Diff {
  readonly out: Finding[] = [];
  /** The operation (or webhook) being compared: `affects` of its findings. */
  affects: string | undefined;
  /** The current operation is below the stability threshold: its schemas are not compared. */
  downgrade = false;
  /**
   * The x-stability-level the current operation declares: its findings carry it, and the policy
   * lets elements below the configured threshold change freely (reported, not failing).
   */
  level: StabilityLevel | undefined;

  constructor(
    readonly base: OpenApiModel,
    readonly rev: OpenApiModel,
    readonly make: MakeFinding,
    readonly comparator: SchemaComparator,
    readonly policy: LifecyclePolicy,
  ) {}

  /** An element that exists only in the revision. */
  added(rule: string, args: MessageArgs, rev: At, e: Emit = {}): void {
    this.push(rule, args, this.revAt(rev), undefined, e);
  }

  /** An element that exists only in the base: the finding points at the base. */
  removed(rule: string, args: MessageArgs, base: At, e: Emit = {}): void {
    this.push(rule, args, this.baseAt(base), undefined, e);
  }

  /** An element on both sides that changed: points at the revision, with the base location. */
  changed(rule: string, args: MessageArgs, base: At, rev: At, e: Emit = {}): void {
    this.push(rule, args, this.revAt(rev), this.baseAt(base), e);
  }

  /** `required` changed on an element both sides have: one of two rules, at the keyword. */
  requiredChanged(
    rules: { required: string; optional: string },
    args: MessageArgs,
    b: Element & { required: boolean },
    r: Element & { required: boolean },
  ): void {
    if (b.required === r.required) return;
    this.changed(
      r.required ? rules.required : rules.optional,
      args,
      [b, 'required'],
      [r, 'required'],
      {
        before: b.required,
        after: r.required,
      },
    );
  }

  revAt(at: At): SourceLocation {
    return locate(this.rev, at);
  }

  baseAt(at: At): SourceLocation {
    return locate(this.base, at);
  }

  /** Hands one schema pair to the JSON Schema comparator. */
  schemas(
    base: { schema: object; at: At },
    rev: { schema: object; at: At },
    direction: SchemaDirection,
    place: SchemaPlace,
  ): void {
    if (this.downgrade || !this.affects) return;
    // The fallback locations (a line and column each) are computed only when a finding needs one.
    const diff = this;
    let fallbackBase: SourceLocation | undefined;
    let fallbackRev: SourceLocation | undefined;
    this.comparator.compare({
      base: side(this.base, base.schema),
      rev: side(this.rev, rev.schema),
      direction,
      place,
      affects: this.affects,
      get fallbackBase() {
        return (fallbackBase ??= diff.baseAt(base.at));
      },
      get fallbackRev() {
        return (fallbackRev ??= diff.revAt(rev.at));
      },
      placeOrigin: placeOrigin(this.rev, rev.at),
    });
  }

  private push(
    rule: string,
    args: MessageArgs,
    location: SourceLocation,
    baseLocation: SourceLocation | undefined,
    e: Emit,
  ): void {
    const severity = e.severity;
    this.out.push(
      this.make(rule, {
        args,
        location,
        ...(baseLocation ? { baseLocation } : {}),
        ...(e.before !== undefined ? { before: e.before } : {}),
        ...(e.after !== undefined ? { after: e.after } : {}),
        ...(this.affects ? { affects: [this.affects] } : {}),
        ...(severity ? { severity } : {}),
        ...(e.variant ? { variant: e.variant } : {}),
        ...(this.level && this.affects !== undefined ? { stability: this.level } : {}),
        ...(e.deprecation ? { deprecation: e.deprecation } : {}),
      }),
    );
  }
}

function side(model: OpenApiModel, schema: object): SchemaSide {
  return {
    schema,
    locate: (node: object) => model.locator.locate(node),
    locateAt: (node: object, path: readonly string[]) => model.locator.locate(node, ...path),
    origin: (node: object) => model.locator.origin(node),
    dialect: model.dialect,
  };
}

/** The file the place was written in and its pointer in the resolved document (no line). */
function placeOrigin(model: OpenApiModel, at: At): { file: string; pointer: string[] } {
  const [el, ...extra] = Array.isArray(at) ? (at as [Element, ...string[]]) : [at as Element];
  return {
    file: model.locator.fileOf(el.node) ?? model.entry,
    pointer: [...el.ptr, ...extra],
  };
}

/** File, line and column from where the node was written; pointer in the resolved document. */
export function locate(model: OpenApiModel, at: At): SourceLocation {
  const [el, ...extra] = Array.isArray(at) ? (at as [Element, ...string[]]) : [at as Element];
  const loc =
    model.locator.locate(el.node, ...extra) ??
    model.locator.locate(el.node) ??
    model.locator.locateIn(model.entry, el.ptr);
  return { ...loc, pointer: [...el.ptr, ...extra] };
}
