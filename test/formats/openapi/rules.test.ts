import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Finding, Severity } from '../../../src/core/model.js';
import { OPENAPI_RULES } from '../../../src/formats/openapi/rules.js';
import { FIXTURES, diffIn, ids } from './helpers.js';

/**
 * One fixture pair per rule: fixtures/openapi/<rule>/{base,revision}.yaml fires the rule with the
 * exact finding; near-miss/{base,revision}.yaml must not fire it. Swapping base and revision fires
 * `swap` (when `opposite`, the swapped near-miss must not fire it either).
 */
interface Expect {
  rule: string;
  severity: Severity;
  file: 'base.yaml' | 'revision.yaml';
  line: number;
  /** Line of `baseLocation` when the element exists on both sides. */
  baseLine?: number;
}

interface Case extends Expect {
  /** Other rules the same pair fires (besides the versioning policy, checked in its own cases). */
  also?: string[];
  swap: Expect | null;
  opposite?: boolean;
  options?: Record<string, unknown>;
}

const POLICY = { minSunsetStableDays: 30 };

const CASES: Case[] = [
  {
    rule: 'api-deprecated-sunset-missing',
    options: POLICY,
    severity: 'breaking',
    file: 'revision.yaml',
    line: 8,
    baseLine: 7,
    swap: {
      rule: 'endpoint-reactivated',
      severity: 'info',
      file: 'base.yaml',
      line: 7,
      baseLine: 8,
    },
  },
  {
    rule: 'api-deprecated-sunset-parse',
    severity: 'breaking',
    file: 'revision.yaml',
    line: 9,
    baseLine: 7,
    swap: {
      rule: 'endpoint-reactivated',
      severity: 'info',
      file: 'base.yaml',
      line: 7,
      baseLine: 8,
    },
  },
  {
    rule: 'api-global-security-anonymous-access-removed',
    severity: 'breaking',
    file: 'revision.yaml',
    line: 5,
    baseLine: 5,
    opposite: true,
    swap: {
      rule: 'api-global-security-anonymous-access-added',
      severity: 'info',
      file: 'base.yaml',
      line: 5,
      baseLine: 5,
    },
  },
  {
    rule: 'api-security-anonymous-access-removed',
    severity: 'breaking',
    file: 'revision.yaml',
    line: 8,
    baseLine: 8,
    opposite: true,
    swap: {
      rule: 'api-security-anonymous-access-added',
      severity: 'info',
      file: 'base.yaml',
      line: 8,
      baseLine: 8,
    },
  },
  {
    rule: 'api-global-security-added',
    severity: 'info',
    file: 'revision.yaml',
    line: 6,
    // the operation inherits the new top-level requirement: anonymous calls are refused
    also: ['api-global-security-anonymous-access-removed'],
    opposite: true,
    swap: { rule: 'api-global-security-removed', severity: 'info', file: 'revision.yaml', line: 6 },
  },
  {
    rule: 'api-global-security-scope-added',
    severity: 'info',
    file: 'revision.yaml',
    line: 6,
    baseLine: 6,
    opposite: true,
    swap: {
      rule: 'api-global-security-scope-removed',
      severity: 'info',
      file: 'base.yaml',
      line: 6,
      baseLine: 6,
    },
  },
  {
    rule: 'api-invalid-stability-level',
    severity: 'breaking',
    file: 'revision.yaml',
    line: 8,
    opposite: true,
    swap: {
      rule: 'api-invalid-stability-level',
      severity: 'breaking',
      file: 'revision.yaml',
      line: 8,
    },
  },
  {
    rule: 'api-major-version-not-bumped',
    severity: 'info',
    file: 'revision.yaml',
    line: 4,
    baseLine: 4,
    also: ['api-removed-without-deprecation'],
    swap: { rule: 'endpoint-added', severity: 'info', file: 'base.yaml', line: 11 },
  },
  {
    rule: 'api-operation-id-added',
    severity: 'info',
    file: 'revision.yaml',
    line: 8,
    baseLine: 7,
    opposite: true,
    swap: {
      rule: 'api-operation-id-removed',
      severity: 'info',
      file: 'base.yaml',
      line: 7,
      baseLine: 8,
    },
  },
  {
    rule: 'api-operation-id-removed',
    severity: 'info',
    file: 'revision.yaml',
    line: 8,
    baseLine: 8,
    opposite: true,
    swap: {
      rule: 'api-operation-id-removed',
      severity: 'info',
      file: 'base.yaml',
      line: 8,
      baseLine: 8,
    },
  },
  {
    rule: 'api-path-removed-before-sunset',
    severity: 'breaking',
    file: 'base.yaml',
    line: 11,
    swap: { rule: 'endpoint-added', severity: 'info', file: 'base.yaml', line: 12 },
  },
  {
    rule: 'api-path-removed-with-deprecation',
    severity: 'info',
    file: 'base.yaml',
    line: 11,
    swap: { rule: 'endpoint-added', severity: 'info', file: 'base.yaml', line: 12 },
  },
  {
    rule: 'api-path-removed-without-deprecation',
    severity: 'breaking',
    file: 'base.yaml',
    line: 11,
    opposite: true,
    swap: { rule: 'endpoint-added', severity: 'info', file: 'base.yaml', line: 12 },
  },
  {
    rule: 'api-path-sunset-parse',
    severity: 'breaking',
    file: 'base.yaml',
    line: 13,
    swap: { rule: 'endpoint-added', severity: 'info', file: 'base.yaml', line: 11 },
  },
  {
    rule: 'api-removed-before-sunset',
    severity: 'breaking',
    file: 'base.yaml',
    line: 11,
    swap: { rule: 'endpoint-added', severity: 'info', file: 'base.yaml', line: 11 },
  },
  {
    rule: 'api-removed-with-deprecation',
    severity: 'info',
    file: 'base.yaml',
    line: 11,
    swap: { rule: 'endpoint-added', severity: 'info', file: 'base.yaml', line: 11 },
  },
  {
    rule: 'api-removed-without-deprecation',
    severity: 'breaking',
    file: 'base.yaml',
    line: 11,
    swap: { rule: 'endpoint-added', severity: 'info', file: 'base.yaml', line: 11 },
  },
  { rule: 'api-schema-removed', severity: 'info', file: 'base.yaml', line: 15, swap: null },
  {
    rule: 'api-security-added',
    severity: 'info',
    file: 'revision.yaml',
    line: 9,
    also: ['api-security-anonymous-access-removed'],
    opposite: true,
    swap: { rule: 'api-security-removed', severity: 'info', file: 'revision.yaml', line: 9 },
  },
  {
    rule: 'api-security-component-added',
    severity: 'info',
    file: 'revision.yaml',
    line: 22,
    opposite: true,
    swap: {
      rule: 'api-security-component-removed',
      severity: 'info',
      file: 'revision.yaml',
      line: 22,
    },
  },
  {
    rule: 'api-security-component-oauth-scope-added',
    severity: 'info',
    file: 'revision.yaml',
    line: 22,
    opposite: true,
    swap: {
      rule: 'api-security-component-oauth-scope-removed',
      severity: 'info',
      file: 'revision.yaml',
      line: 22,
    },
  },
  {
    rule: 'api-security-component-oauth-scope-changed',
    severity: 'info',
    file: 'revision.yaml',
    line: 20,
    baseLine: 20,
    opposite: true,
    swap: {
      rule: 'api-security-component-oauth-scope-changed',
      severity: 'info',
      file: 'base.yaml',
      line: 20,
      baseLine: 20,
    },
  },
  {
    rule: 'api-security-component-oauth-token-url-changed',
    severity: 'info',
    file: 'revision.yaml',
    line: 18,
    baseLine: 18,
    opposite: true,
    swap: {
      rule: 'api-security-component-oauth-token-url-changed',
      severity: 'info',
      file: 'base.yaml',
      line: 18,
      baseLine: 18,
    },
  },
  {
    rule: 'api-security-component-oauth-url-changed',
    severity: 'info',
    file: 'revision.yaml',
    line: 17,
    baseLine: 17,
    opposite: true,
    swap: {
      rule: 'api-security-component-oauth-url-changed',
      severity: 'info',
      file: 'base.yaml',
      line: 17,
      baseLine: 17,
    },
  },
  {
    rule: 'api-security-component-type-changed',
    severity: 'info',
    file: 'revision.yaml',
    line: 23,
    baseLine: 23,
    opposite: true,
    swap: {
      rule: 'api-security-component-type-changed',
      severity: 'info',
      file: 'base.yaml',
      line: 23,
      baseLine: 23,
    },
  },
  {
    rule: 'api-security-scope-added',
    severity: 'info',
    file: 'revision.yaml',
    line: 9,
    baseLine: 9,
    opposite: true,
    swap: {
      rule: 'api-security-scope-removed',
      severity: 'info',
      file: 'base.yaml',
      line: 9,
      baseLine: 9,
    },
  },
  {
    rule: 'api-stability-decreased',
    severity: 'breaking',
    file: 'revision.yaml',
    line: 8,
    baseLine: 8,
    opposite: true,
    swap: {
      rule: 'api-stability-increased',
      severity: 'info',
      file: 'base.yaml',
      line: 8,
      baseLine: 8,
    },
  },
  {
    rule: 'api-sunset-date-changed-too-small',
    severity: 'breaking',
    file: 'revision.yaml',
    line: 9,
    baseLine: 9,
    swap: null,
  },
  {
    rule: 'api-sunset-date-too-small',
    options: POLICY,
    severity: 'breaking',
    file: 'revision.yaml',
    line: 9,
    baseLine: 7,
    swap: {
      rule: 'endpoint-reactivated',
      severity: 'info',
      file: 'base.yaml',
      line: 7,
      baseLine: 8,
    },
  },
  {
    rule: 'api-tag-added',
    severity: 'info',
    file: 'revision.yaml',
    line: 8,
    baseLine: 7,
    opposite: true,
    swap: { rule: 'api-tag-removed', severity: 'info', file: 'base.yaml', line: 7, baseLine: 8 },
  },
  {
    rule: 'api-version-decreased',
    severity: 'info',
    file: 'revision.yaml',
    line: 4,
    baseLine: 4,
    also: ['api-removed-without-deprecation'],
    swap: { rule: 'endpoint-added', severity: 'info', file: 'base.yaml', line: 11 },
  },
  {
    rule: 'api-version-not-bumped',
    severity: 'info',
    file: 'revision.yaml',
    line: 4,
    baseLine: 4,
    also: ['api-removed-without-deprecation'],
    swap: { rule: 'endpoint-added', severity: 'info', file: 'base.yaml', line: 11 },
  },
  {
    rule: 'endpoint-added',
    severity: 'info',
    file: 'revision.yaml',
    line: 11,
    opposite: true,
    swap: {
      rule: 'api-removed-without-deprecation',
      severity: 'breaking',
      file: 'revision.yaml',
      line: 11,
    },
  },
  {
    rule: 'endpoint-deprecated',
    severity: 'info',
    file: 'revision.yaml',
    line: 8,
    baseLine: 7,
    opposite: true,
    swap: {
      rule: 'endpoint-reactivated',
      severity: 'info',
      file: 'base.yaml',
      line: 7,
      baseLine: 8,
    },
  },
  {
    rule: 'endpoint-deprecated-with-sunset',
    severity: 'info',
    file: 'revision.yaml',
    line: 9,
    baseLine: 7,
    opposite: true,
    swap: {
      rule: 'endpoint-reactivated',
      severity: 'info',
      file: 'base.yaml',
      line: 7,
      baseLine: 8,
    },
  },
  {
    rule: 'new-optional-request-default-parameter-to-existing-path',
    severity: 'info',
    file: 'revision.yaml',
    line: 8,
    opposite: true,
    swap: {
      rule: 'request-parameter-removed',
      severity: 'warning',
      file: 'revision.yaml',
      line: 8,
    },
  },
  {
    rule: 'new-optional-request-parameter',
    severity: 'info',
    file: 'revision.yaml',
    line: 9,
    opposite: true,
    swap: {
      rule: 'request-parameter-removed',
      severity: 'warning',
      file: 'revision.yaml',
      line: 9,
    },
  },
  {
    rule: 'new-request-path-parameter',
    severity: 'breaking',
    file: 'revision.yaml',
    line: 9,
    opposite: true,
    swap: {
      rule: 'request-parameter-removed',
      severity: 'warning',
      file: 'revision.yaml',
      line: 9,
    },
  },
  {
    rule: 'new-required-request-default-parameter-to-existing-path',
    severity: 'breaking',
    file: 'revision.yaml',
    line: 8,
    swap: {
      rule: 'request-parameter-removed',
      severity: 'warning',
      file: 'revision.yaml',
      line: 8,
    },
  },
  {
    rule: 'new-required-request-parameter',
    severity: 'breaking',
    file: 'revision.yaml',
    line: 9,
    swap: {
      rule: 'request-parameter-removed',
      severity: 'warning',
      file: 'revision.yaml',
      line: 9,
    },
  },
  {
    rule: 'request-body-added-optional',
    severity: 'info',
    file: 'revision.yaml',
    line: 12,
    opposite: true,
    swap: { rule: 'request-body-removed', severity: 'breaking', file: 'revision.yaml', line: 12 },
  },
  {
    rule: 'request-body-added-required',
    severity: 'breaking',
    file: 'revision.yaml',
    line: 12,
    swap: { rule: 'request-body-removed', severity: 'breaking', file: 'revision.yaml', line: 12 },
  },
  {
    rule: 'request-body-became-required',
    severity: 'breaking',
    file: 'revision.yaml',
    line: 13,
    baseLine: 12,
    opposite: true,
    swap: {
      rule: 'request-body-became-optional',
      severity: 'info',
      file: 'base.yaml',
      line: 12,
      baseLine: 13,
    },
  },
  {
    rule: 'request-body-media-type-removed',
    severity: 'breaking',
    file: 'base.yaml',
    line: 17,
    opposite: true,
    swap: { rule: 'request-body-media-type-added', severity: 'info', file: 'base.yaml', line: 17 },
  },
  {
    rule: 'request-body-media-type-schema-added',
    severity: 'breaking',
    file: 'revision.yaml',
    line: 14,
    baseLine: 14,
    opposite: true,
    swap: {
      rule: 'request-body-media-type-schema-removed',
      severity: 'info',
      file: 'base.yaml',
      line: 14,
      baseLine: 14,
    },
  },
  {
    rule: 'request-body-removed',
    severity: 'breaking',
    file: 'base.yaml',
    line: 12,
    opposite: true,
    swap: { rule: 'request-body-added-optional', severity: 'info', file: 'base.yaml', line: 12 },
  },
  {
    rule: 'request-parameter-became-not-allow-reserved',
    severity: 'breaking',
    file: 'revision.yaml',
    line: 9,
    baseLine: 11,
    opposite: true,
    swap: {
      rule: 'request-parameter-became-allow-reserved',
      severity: 'info',
      file: 'base.yaml',
      line: 11,
      baseLine: 9,
    },
  },
  {
    rule: 'request-parameter-became-required',
    severity: 'breaking',
    file: 'revision.yaml',
    line: 11,
    baseLine: 9,
    opposite: true,
    swap: {
      rule: 'request-parameter-became-optional',
      severity: 'info',
      file: 'base.yaml',
      line: 9,
      baseLine: 11,
    },
  },
  {
    rule: 'request-parameter-default-value-added',
    severity: 'breaking',
    file: 'revision.yaml',
    line: 13,
    baseLine: 9,
    opposite: true,
    swap: {
      rule: 'request-parameter-default-value-removed',
      severity: 'breaking',
      file: 'base.yaml',
      line: 9,
      baseLine: 13,
    },
  },
  {
    rule: 'request-parameter-default-value-changed',
    severity: 'breaking',
    file: 'revision.yaml',
    line: 13,
    baseLine: 13,
    opposite: true,
    swap: {
      rule: 'request-parameter-default-value-changed',
      severity: 'breaking',
      file: 'base.yaml',
      line: 13,
      baseLine: 13,
    },
  },
  {
    rule: 'request-parameter-default-value-removed',
    severity: 'breaking',
    file: 'revision.yaml',
    line: 9,
    baseLine: 13,
    opposite: true,
    swap: {
      rule: 'request-parameter-default-value-added',
      severity: 'breaking',
      file: 'base.yaml',
      line: 13,
      baseLine: 9,
    },
  },
  {
    rule: 'request-parameter-deprecated',
    severity: 'info',
    file: 'revision.yaml',
    line: 11,
    baseLine: 9,
    opposite: true,
    swap: {
      rule: 'request-parameter-reactivated',
      severity: 'info',
      file: 'base.yaml',
      line: 9,
      baseLine: 11,
    },
  },
  {
    rule: 'request-parameter-deprecated-sunset-missing',
    options: POLICY,
    severity: 'breaking',
    file: 'revision.yaml',
    line: 11,
    baseLine: 9,
    swap: {
      rule: 'request-parameter-reactivated',
      severity: 'info',
      file: 'base.yaml',
      line: 9,
      baseLine: 11,
    },
  },
  {
    rule: 'request-parameter-explode-changed',
    severity: 'breaking',
    file: 'revision.yaml',
    line: 11,
    baseLine: 9,
    opposite: true,
    swap: {
      rule: 'request-parameter-explode-changed',
      severity: 'breaking',
      file: 'base.yaml',
      line: 9,
      baseLine: 11,
    },
  },
  {
    rule: 'request-parameter-removed',
    severity: 'warning',
    file: 'base.yaml',
    line: 9,
    opposite: true,
    swap: { rule: 'new-optional-request-parameter', severity: 'info', file: 'base.yaml', line: 9 },
  },
  {
    rule: 'request-parameter-removed-before-sunset',
    severity: 'breaking',
    file: 'base.yaml',
    line: 9,
    swap: { rule: 'new-optional-request-parameter', severity: 'info', file: 'base.yaml', line: 9 },
  },
  {
    rule: 'request-parameter-removed-with-deprecation',
    severity: 'info',
    file: 'base.yaml',
    line: 9,
    swap: { rule: 'new-optional-request-parameter', severity: 'info', file: 'base.yaml', line: 9 },
  },
  {
    rule: 'request-parameter-style-changed',
    severity: 'breaking',
    file: 'revision.yaml',
    line: 11,
    baseLine: 9,
    opposite: true,
    swap: {
      rule: 'request-parameter-style-changed',
      severity: 'breaking',
      file: 'base.yaml',
      line: 9,
      baseLine: 11,
    },
  },
  {
    rule: 'request-parameter-sunset-date-changed-too-small',
    severity: 'breaking',
    file: 'revision.yaml',
    line: 12,
    baseLine: 12,
    swap: null,
  },
  {
    rule: 'request-parameter-sunset-date-too-small',
    options: POLICY,
    severity: 'breaking',
    file: 'revision.yaml',
    line: 12,
    baseLine: 9,
    swap: {
      rule: 'request-parameter-reactivated',
      severity: 'info',
      file: 'base.yaml',
      line: 9,
      baseLine: 11,
    },
  },
  {
    rule: 'request-parameter-sunset-deleted',
    severity: 'breaking',
    file: 'revision.yaml',
    line: 9,
    baseLine: 12,
    swap: null,
  },
  {
    rule: 'request-parameter-sunset-parse',
    severity: 'breaking',
    file: 'revision.yaml',
    line: 12,
    baseLine: 9,
    swap: {
      rule: 'request-parameter-reactivated',
      severity: 'info',
      file: 'base.yaml',
      line: 9,
      baseLine: 11,
    },
  },
  {
    rule: 'required-response-header-removed',
    severity: 'breaking',
    file: 'base.yaml',
    line: 12,
    opposite: true,
    swap: { rule: 'response-header-added', severity: 'info', file: 'base.yaml', line: 12 },
  },
  {
    rule: 'response-body-media-type-schema-removed',
    severity: 'breaking',
    file: 'revision.yaml',
    line: 12,
    baseLine: 12,
    opposite: true,
    swap: {
      rule: 'response-body-media-type-schema-added',
      severity: 'info',
      file: 'base.yaml',
      line: 12,
      baseLine: 12,
    },
  },
  {
    rule: 'response-header-added',
    severity: 'info',
    file: 'revision.yaml',
    line: 12,
    opposite: true,
    swap: {
      rule: 'optional-response-header-removed',
      severity: 'warning',
      file: 'revision.yaml',
      line: 12,
    },
  },
  {
    rule: 'response-header-became-optional',
    severity: 'breaking',
    file: 'revision.yaml',
    line: 12,
    baseLine: 13,
    opposite: true,
    swap: {
      rule: 'response-header-became-required',
      severity: 'info',
      file: 'base.yaml',
      line: 13,
      baseLine: 12,
    },
  },
  {
    rule: 'response-media-type-name-changed',
    severity: 'info',
    file: 'revision.yaml',
    line: 12,
    baseLine: 12,
    opposite: true,
    swap: {
      rule: 'response-media-type-name-changed',
      severity: 'info',
      file: 'base.yaml',
      line: 12,
      baseLine: 12,
    },
  },
  {
    rule: 'response-media-type-name-generalized',
    severity: 'breaking',
    file: 'revision.yaml',
    line: 12,
    baseLine: 12,
    opposite: true,
    swap: {
      rule: 'response-media-type-name-specialized',
      severity: 'info',
      file: 'base.yaml',
      line: 12,
      baseLine: 12,
    },
  },
  {
    rule: 'response-media-type-removed',
    severity: 'breaking',
    file: 'base.yaml',
    line: 15,
    opposite: true,
    swap: { rule: 'response-media-type-added', severity: 'info', file: 'base.yaml', line: 15 },
  },
  {
    rule: 'response-non-success-status-added',
    severity: 'info',
    file: 'revision.yaml',
    line: 11,
    opposite: true,
    swap: {
      rule: 'response-non-success-status-removed',
      severity: 'info',
      file: 'revision.yaml',
      line: 11,
    },
  },
  {
    rule: 'response-success-status-removed',
    severity: 'breaking',
    file: 'base.yaml',
    line: 11,
    opposite: true,
    swap: { rule: 'response-success-status-added', severity: 'info', file: 'base.yaml', line: 11 },
  },
  {
    rule: 'api-server-added',
    severity: 'info',
    file: 'revision.yaml',
    line: 7,
    opposite: true,
    swap: { rule: 'api-server-removed', severity: 'info', file: 'revision.yaml', line: 7 },
  },
  {
    rule: 'sunset-deleted',
    severity: 'breaking',
    file: 'revision.yaml',
    line: 7,
    baseLine: 9,
    swap: null,
  },
  {
    rule: 'unstable-endpoint-removed',
    severity: 'info',
    file: 'base.yaml',
    line: 11,
    swap: { rule: 'endpoint-added', severity: 'info', file: 'base.yaml', line: 11 },
  },
  {
    rule: 'webhook-added',
    severity: 'info',
    file: 'revision.yaml',
    line: 6,
    opposite: true,
    swap: { rule: 'webhook-removed', severity: 'breaking', file: 'revision.yaml', line: 6 },
  },
  // Webhook operations (3.1), judged from the subscriber's side: it reads the request the API
  // sends and writes the response. Each near miss makes the same change on a path operation (its
  // own rule fires, in the request's direction) or one that changes nothing.
  {
    rule: 'webhook-request-body-became-optional',
    severity: 'breaking',
    file: 'revision.yaml',
    line: 9,
    baseLine: 9,
    opposite: true,
    swap: {
      rule: 'webhook-request-body-became-required',
      severity: 'info',
      file: 'base.yaml',
      line: 9,
      baseLine: 9,
    },
  },
  {
    rule: 'webhook-request-body-removed',
    severity: 'breaking',
    file: 'base.yaml',
    line: 8,
    opposite: true,
    swap: { rule: 'webhook-request-body-added', severity: 'info', file: 'base.yaml', line: 8 },
  },
  {
    rule: 'webhook-request-media-type-added',
    severity: 'warning',
    file: 'revision.yaml',
    line: 17,
    opposite: true,
    swap: {
      rule: 'webhook-request-media-type-removed',
      severity: 'info',
      file: 'revision.yaml',
      line: 17,
    },
  },
  {
    rule: 'webhook-request-media-type-schema-removed',
    severity: 'breaking',
    file: 'revision.yaml',
    line: 11,
    baseLine: 11,
    opposite: true,
    swap: {
      rule: 'webhook-request-media-type-schema-added',
      severity: 'info',
      file: 'base.yaml',
      line: 11,
      baseLine: 11,
    },
  },
  {
    rule: 'webhook-response-media-type-schema-added',
    severity: 'breaking',
    file: 'revision.yaml',
    line: 12,
    baseLine: 12,
    opposite: true,
    swap: {
      rule: 'webhook-response-media-type-schema-removed',
      severity: 'info',
      file: 'base.yaml',
      line: 12,
      baseLine: 12,
    },
  },
  {
    rule: 'webhook-request-parameter-removed',
    severity: 'breaking',
    file: 'base.yaml',
    line: 9,
    opposite: true,
    swap: { rule: 'webhook-request-parameter-added', severity: 'info', file: 'base.yaml', line: 9 },
  },
  {
    rule: 'webhook-request-parameter-became-optional',
    severity: 'breaking',
    file: 'revision.yaml',
    line: 11,
    baseLine: 11,
    opposite: true,
    swap: {
      rule: 'webhook-request-parameter-became-required',
      severity: 'info',
      file: 'base.yaml',
      line: 11,
      baseLine: 11,
    },
  },
  {
    rule: 'webhook-response-status-removed',
    severity: 'breaking',
    file: 'base.yaml',
    line: 11,
    opposite: true,
    swap: { rule: 'webhook-response-status-added', severity: 'info', file: 'base.yaml', line: 11 },
  },
  {
    rule: 'webhook-response-media-type-removed',
    severity: 'breaking',
    file: 'base.yaml',
    line: 15,
    opposite: true,
    swap: {
      rule: 'webhook-response-media-type-added',
      severity: 'info',
      file: 'base.yaml',
      line: 15,
    },
  },
];

const VERSIONING = new Set([
  'api-version-not-bumped',
  'api-version-decreased',
  'api-major-version-not-bumped',
]);

function relevant(findings: Finding[], rule: string): Finding[] {
  return VERSIONING.has(rule) ? findings : findings.filter((f) => !VERSIONING.has(f.rule));
}

function check(findings: Finding[], e: Expect, dir: string): void {
  const hits = findings.filter((f) => f.rule === e.rule);
  expect(hits, `${e.rule} fired ${hits.length} times`).toHaveLength(1);
  const f = hits[0]!;
  expect(f.severity).toBe(e.severity);
  expect(f.location.file).toBe(path.join(FIXTURES, dir, e.file));
  expect(f.location.line).toBe(e.line);
  expect(f.location.column).toBeGreaterThan(0);
  if (e.baseLine === undefined) expect(f.baseLocation).toBeUndefined();
  else {
    const other = e.file === 'base.yaml' ? 'revision.yaml' : 'base.yaml';
    expect(f.baseLocation?.file).toBe(path.join(FIXTURES, dir, other));
    expect(f.baseLocation?.line).toBe(e.baseLine);
  }
  expect(f.message.length).toBeGreaterThan(10);
  expect(
    f.affects === undefined ||
      f.affects.every((a) => /^([A-Z]+ \/|webhook '[^']+' [A-Z]+$)/.test(a)),
  ).toBe(true);
}

describe('OpenAPI structural rules: fixture pairs', () => {
  for (const c of CASES) {
    describe(c.rule, () => {
      const options = c.options ?? {};
      it('fires on base → revision with the exact finding', async () => {
        const findings = relevant(
          await diffIn(c.rule, 'base.yaml', 'revision.yaml', options),
          c.rule,
        );
        expect(ids(findings)).toEqual([c.rule, ...(c.also ?? [])].sort());
        check(findings, c, c.rule);
      });
      it('does not fire on the near miss', async () => {
        const findings = await diffIn(`${c.rule}/near-miss`, 'base.yaml', 'revision.yaml', options);
        expect(ids(findings)).not.toContain(c.rule);
      });
      it(`swapped: ${c.swap ? c.swap.rule : 'no opposite finding'}`, async () => {
        const findings = relevant(
          await diffIn(c.rule, 'revision.yaml', 'base.yaml', options),
          c.rule,
        );
        if (!c.swap) {
          expect(ids(findings)).not.toContain(c.rule);
          return;
        }
        // The swapped pair's "base" is revision.yaml: flip the expected file names back.
        check(findings, c.swap, c.rule);
        if (c.opposite) {
          const near = await diffIn(`${c.rule}/near-miss`, 'revision.yaml', 'base.yaml', options);
          expect(ids(near)).not.toContain(c.swap.rule);
        }
      });
    });
  }
});

describe('OpenAPI structural rules: coverage', () => {
  it('every rule has a fixture that fires it and a near miss', () => {
    const covered = new Set([
      ...CASES.map((c) => c.rule),
      ...CASES.filter((c) => c.opposite).map((c) => c.swap!.rule),
      'openapi-invalid-document', // lenient loading: test/formats/openapi/load.test.ts
    ]);
    const missing = OPENAPI_RULES.map((r) => r.id).filter((id) => !covered.has(id));
    expect(missing).toEqual([]);
    for (const c of CASES) {
      expect(existsSync(path.join(FIXTURES, c.rule, 'near-miss', 'revision.yaml')), c.rule).toBe(
        true,
      );
    }
  });

  it("covers every oasdiff ERR/WARN check of the structural groups, at oasdiff's level", () => {
    // From shared/reference/openapi-checks.md: paths/operations/webhooks, request parameters
    // (existence, required, default, deprecation), request body, responses, response headers
    // (existence, required), deprecation/sunset/stability. Schema-level ERR/WARN ids (bodies,
    // properties, parameter and header schemas) belong to the JSON Schema comparator.
    const ERR = [
      'api-path-removed-before-sunset',
      'api-path-removed-without-deprecation',
      'api-removed-before-sunset',
      'api-removed-without-deprecation',
      'webhook-removed',
      'api-deprecated-sunset-missing',
      'api-deprecated-sunset-parse',
      'api-invalid-stability-level',
      'api-path-sunset-parse',
      'api-stability-decreased',
      'api-sunset-date-changed-too-small',
      'api-sunset-date-too-small',
      'sunset-deleted',
      'request-parameter-deprecated-sunset-missing',
      'request-parameter-sunset-date-changed-too-small',
      'request-parameter-sunset-date-too-small',
      'request-parameter-sunset-deleted',
      'request-parameter-sunset-parse',
      'new-request-path-parameter',
      'new-required-request-default-parameter-to-existing-path',
      'new-required-request-parameter',
      'request-parameter-became-required',
      'request-parameter-default-value-added',
      'request-parameter-default-value-changed',
      'request-parameter-default-value-removed',
      'request-parameter-removed-before-sunset',
      'required-response-header-removed',
      'response-header-became-optional',
      'request-body-added-required',
      'request-body-became-required',
      'request-body-media-type-removed',
      'request-body-media-type-schema-added',
      'request-body-removed',
      // WARN in the reference table, ERR in current oasdiff: a response that loses its schema may
      // return any body (treaty follows the current checker).
      'response-body-media-type-schema-removed',
      'response-media-type-name-generalized',
      'response-media-type-removed',
      'response-success-status-removed',
    ];
    const WARN = ['request-parameter-removed', 'optional-response-header-removed'];
    const byPeer = new Map(
      OPENAPI_RULES.flatMap((r) => (r.equivalents.oasdiff ?? []).map((id) => [id, r] as const)),
    );
    for (const [ids, severity] of [
      [ERR, 'breaking'],
      [WARN, 'warning'],
    ] as const) {
      for (const id of ids) {
        expect(byPeer.get(id)?.severity, id).toBe(severity);
      }
    }
    expect(ERR.length + WARN.length).toBe(39);
  });

  it('every case names a catalogue rule with the declared severity', () => {
    const byId = new Map(OPENAPI_RULES.map((r) => [r.id, r]));
    for (const c of CASES) {
      for (const e of [c, ...(c.swap ? [c.swap] : [])]) {
        expect(byId.has(e.rule), e.rule).toBe(true);
      }
    }
  });
});
