import { matchBy, matchEntries } from '../../../core/match.js';
import type { MessageArgs } from '../../../core/rule.js';
import type {
  Element,
  OAuthFlow,
  Operation,
  SecurityRequirement,
  SecurityRequirements,
} from '../model.js';
import type { Diff } from './context.js';

interface Ids {
  added: string;
  removed: string;
  scopeAdded: string;
  scopeRemoved: string;
  anonymousAdded: string;
  anonymousRemoved: string;
}

const OPERATION: Ids = {
  added: 'api-security-added',
  removed: 'api-security-removed',
  scopeAdded: 'api-security-scope-added',
  scopeRemoved: 'api-security-scope-removed',
  anonymousAdded: 'api-security-anonymous-access-added',
  anonymousRemoved: 'api-security-anonymous-access-removed',
};

const GLOBAL: Ids = {
  added: 'api-global-security-added',
  removed: 'api-global-security-removed',
  scopeAdded: 'api-global-security-scope-added',
  scopeRemoved: 'api-global-security-scope-removed',
  anonymousAdded: 'api-global-security-anonymous-access-added',
  anonymousRemoved: 'api-global-security-anonymous-access-removed',
};

/** One side of a comparison: its requirements and the element a finding points at. */
interface Side {
  security: SecurityRequirements | undefined;
  at: Element;
}

/**
 * The effective security of a matched operation (its own `security`, else the top-level one).
 * When both sides inherit, the top-level comparison reports the change once.
 */
export function compareOperationSecurity(d: Diff, b: Operation, r: Operation): void {
  if (!b.security && !r.security) return;
  const bs = b.security ?? d.base.security;
  const rs = r.security ?? d.rev.security;
  compareRequirements(
    d,
    OPERATION,
    { operation: r.label },
    { security: bs, at: bs ?? b },
    {
      security: rs,
      at: rs ?? r,
    },
  );
}

/**
 * The top-level requirements. They only reach operations without their own `security`: when no
 * operation inherits them on both sides, their changes are reported but judge no client.
 */
export function compareGlobalSecurity(d: Diff): void {
  const ops = matchBy(d.base.operations, d.rev.operations, (o) => o.key);
  const inherited = ops.both.some(({ base, rev }) => !base.security && !rev.security);
  compareRequirements(
    d,
    GLOBAL,
    {},
    { security: d.base.security, at: d.base.security ?? { node: d.base.doc, ptr: [] } },
    { security: d.rev.security, at: d.rev.security ?? { node: d.rev.doc, ptr: [] } },
    inherited,
  );
}

/** No requirement at all, an empty list, or the empty alternative `{}`: anonymous calls pass. */
function anonymous(s: SecurityRequirements | undefined): boolean {
  return !s || s.requirements.length === 0 || s.requirements.some((r) => r.key === '');
}

/** A client that meets `held` also meets `asked`: no scheme or scope beyond what it had. */
function meets(held: SecurityRequirement, asked: SecurityRequirement): boolean {
  return Object.entries(asked.schemes).every(([scheme, scopes]) => {
    const have = held.schemes[scheme];
    return have !== undefined && scopes.every((scope) => have.includes(scope));
  });
}

/**
 * Requirements are alternatives (any one admits the call). Clients that called anonymously break
 * when the revision requires credentials (`*-anonymous-access-removed`); clients of a removed
 * alternative break when no remaining alternative asks for less than it did (then
 * `*-security-removed` is breaking; it stays info when the call became anonymous or another
 * alternative still admits those clients). `effective`: the requirements reach some operation.
 */
function compareRequirements(
  d: Diff,
  ids: Ids,
  args: MessageArgs,
  b: Side,
  r: Side,
  effective = true,
): void {
  const bAnonymous = anonymous(b.security);
  const rAnonymous = anonymous(r.security);
  if (effective && bAnonymous && !rAnonymous) d.changed(ids.anonymousRemoved, args, b.at, r.at);
  if (effective && !bAnonymous && rAnonymous) d.changed(ids.anonymousAdded, args, b.at, r.at);
  const bReqs = b.security?.requirements ?? [];
  const rReqs = r.security?.requirements ?? [];
  const m = matchBy(bReqs, rReqs, (x) => x.key);
  // The empty requirement `{}` (no authentication) has no name; its changes are the anonymity above.
  for (const { key, rev } of m.added) if (key) d.added(ids.added, { ...args, name: key }, rev);
  for (const { key, base } of m.removed) {
    if (!key) continue;
    const stranded = effective && !d.downgrade && !rAnonymous && !rReqs.some((x) => meets(base, x));
    d.removed(
      ids.removed,
      { ...args, name: key },
      base,
      stranded ? { severity: 'breaking', variant: 'stranded' } : {},
    );
  }
  for (const { key, base, rev } of m.both) {
    for (const scheme of Object.keys(rev.schemes)) {
      const sm = matchBy(base.schemes[scheme] ?? [], rev.schemes[scheme] ?? [], (x) => x);
      for (const { key: scope } of sm.added) {
        d.changed(ids.scopeAdded, { ...args, name: key, value: scope }, base, rev);
      }
      for (const { key: scope } of sm.removed) {
        d.changed(ids.scopeRemoved, { ...args, name: key, value: scope }, base, rev);
      }
    }
  }
}

/** components.securitySchemes (2.0 securityDefinitions): existence, type, OAuth flows and scopes. */
export function compareSecuritySchemes(d: Diff): void {
  const m = matchBy(d.base.securitySchemes, d.rev.securitySchemes, (s) => s.name);
  for (const { rev } of m.added) d.added('api-security-component-added', { name: rev.name }, rev);
  for (const { base } of m.removed)
    d.removed('api-security-component-removed', { name: base.name }, base);
  for (const { base, rev } of m.both) {
    const bt = base.scheme ? `${base.type} (${base.scheme})` : base.type;
    const rt = rev.scheme ? `${rev.type} (${rev.scheme})` : rev.type;
    if (bt !== rt) {
      d.changed(
        'api-security-component-type-changed',
        { name: rev.name, before: bt, after: rt },
        [base, 'type'],
        [rev, 'type'],
        {
          before: bt,
          after: rt,
        },
      );
    }
    const flows = matchBy(base.flows, rev.flows, (f) => f.name);
    for (const { base: bf, rev: rf } of flows.both) compareFlow(d, rev.name, bf, rf);
    for (const { rev: rf } of flows.added) {
      for (const scope of Object.keys(rf.scopes)) {
        d.added(
          'api-security-component-oauth-scope-added',
          { name: rev.name, flow: rf.name, scope },
          [rf, 'scopes', scope],
        );
      }
    }
    for (const { base: bf } of flows.removed) {
      for (const scope of Object.keys(bf.scopes)) {
        d.removed(
          'api-security-component-oauth-scope-removed',
          { name: rev.name, flow: bf.name, scope },
          [bf, 'scopes', scope],
        );
      }
    }
  }
}

function compareFlow(d: Diff, name: string, b: OAuthFlow, r: OAuthFlow): void {
  const flow = r.name;
  if (b.authorizationUrl !== r.authorizationUrl) {
    d.changed(
      'api-security-component-oauth-url-changed',
      { name, flow, before: b.authorizationUrl ?? '', after: r.authorizationUrl ?? '' },
      [b, 'authorizationUrl'],
      [r, 'authorizationUrl'],
      { before: b.authorizationUrl, after: r.authorizationUrl },
    );
  }
  if (b.tokenUrl !== r.tokenUrl) {
    d.changed(
      'api-security-component-oauth-token-url-changed',
      { name, flow, before: b.tokenUrl ?? '', after: r.tokenUrl ?? '' },
      [b, 'tokenUrl'],
      [r, 'tokenUrl'],
      { before: b.tokenUrl, after: r.tokenUrl },
    );
  }
  const scopes = matchEntries(b.scopes, r.scopes);
  for (const { key: scope } of scopes.added) {
    d.added('api-security-component-oauth-scope-added', { name, flow, scope }, [
      r,
      'scopes',
      scope,
    ]);
  }
  for (const { key: scope } of scopes.removed) {
    d.removed('api-security-component-oauth-scope-removed', { name, flow, scope }, [
      b,
      'scopes',
      scope,
    ]);
  }
  for (const { key: scope, base, rev } of scopes.both) {
    if (base !== rev) {
      d.changed(
        'api-security-component-oauth-scope-changed',
        { name, flow, scope },
        [b, 'scopes', scope],
        [r, 'scopes', scope],
        { before: base, after: rev },
      );
    }
  }
}
