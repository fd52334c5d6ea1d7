/**
 * Why each structural OpenAPI rule matters to consumers, for `treaty rules <id>` and SARIF help.
 * Kept apart from the declarations (rules.ts merges it into every rule that declares no `why` of
 * its own); the before/after examples come from the rule's fixture pair (dist/rule-examples.json).
 */
export const OPENAPI_EXPLAIN: Readonly<
  Record<string, { why: string; example?: { before: string; after: string } }>
> = {
  'openapi-invalid-document': {
    why: 'Tools that validate the document (code generators, gateways, mock servers) reject it; treaty compared it anyway, as check and diff do unless --strict or the contract sets strict: true (lenient: true also compares in strict runs).',
    example: {
      before: 'info:\n  title: Pets\n  version: 1.0.0',
      after: 'info:\n  title: Pets\n  # version is required',
    },
  },
  'endpoint-added': {
    why: 'Adding an operation breaks nobody: existing clients never call it. It makes a minor version.',
  },
  'api-path-removed-with-deprecation': {
    why: 'The path was deprecated and its sunset (if any) has passed: clients had their notice, so the removal follows the policy.',
  },
  'api-removed-before-sunset': {
    why: 'The sunset date promised clients that the operation keeps working until then; removing it earlier breaks that promise.',
  },
  'api-removed-with-deprecation': {
    why: 'The operation was deprecated and its sunset (if any) has passed: clients had their notice, so the removal follows the policy.',
  },
  'unstable-endpoint-removed': {
    why: 'Draft and alpha operations carry no compatibility promise, so clients cannot rely on them staying.',
  },
  'api-operation-id-added': {
    why: 'Nothing on the wire changes; generated clients get a stable method name.',
  },
  'api-operation-id-removed': {
    why: 'Nothing on the wire changes, but clients generated from the spec name their methods after the operationId: regenerated code no longer compiles against callers of the old name.',
  },
  'api-tag-added': {
    why: 'Tags group operations in documentation and generated code; adding one changes no request or response.',
  },
  'api-tag-removed': {
    why: 'Tags group operations in documentation and generated code (some generators put each tag in its own class), so code generated again may move the method.',
  },
  'api-schema-removed': {
    why: 'Operations are compared by their resolved schemas, so this alone breaks no request; but clients or shared code that import the named schema lose it.',
  },
  'webhook-added': {
    why: 'A new webhook is only sent to receivers that subscribe to it; existing ones are unaffected.',
  },
  'api-server-added': {
    why: 'A new server URL is a deployment detail: existing clients keep using the one they know.',
  },
  'api-server-removed': {
    why: 'Clients configured with the removed server URL must switch to another one; servers are deployment metadata, so this is informational.',
  },
  'endpoint-deprecated': {
    why: 'Nothing breaks yet: clients are told to migrate before the operation is removed. Add x-sunset to say until when it stays.',
  },
  'endpoint-deprecated-with-sunset': {
    why: 'Nothing breaks yet: clients are told to migrate, and the sunset date says until when the operation keeps working.',
  },
  'endpoint-reactivated': {
    why: 'The operation is supported again; clients that were migrating away may stay.',
  },
  'api-deprecated-sunset-missing': {
    why: 'The deprecation policy promises clients a minimum notice period; without x-sunset nobody knows when the operation goes away.',
  },
  'api-deprecated-sunset-parse': {
    why: 'An x-sunset that is not an RFC 3339 date cannot be read by clients or tools, so the notice period is unknown.',
  },
  'api-path-sunset-parse': {
    why: 'An x-sunset that is not an RFC 3339 date cannot be checked, so nobody can tell whether removing or changing the operation respects its notice period.',
  },
  'api-sunset-date-too-small': {
    why: 'The deprecation policy promises clients a minimum notice period; a sunset sooner than that leaves them too little time to migrate.',
  },
  'api-sunset-date-changed-too-small': {
    why: 'Clients planned their migration around the announced sunset; moving it earlier than the minimum notice period cuts that time short.',
  },
  'sunset-deleted': {
    why: 'Clients planned their migration around the announced sunset; without it they no longer know how long the deprecated operation stays.',
  },
  'api-invalid-stability-level': {
    why: 'Clients and tools read x-stability-level to know which promise an operation carries; an unknown level gives no promise at all.',
  },
  'api-stability-decreased': {
    why: 'Clients adopted the operation at the stated stability; at a lower level it may change or disappear without the usual deprecation.',
  },
  'api-stability-increased': {
    why: 'The operation promises more stability than before; nothing breaks.',
  },
  'request-parameter-deprecated': {
    why: 'Nothing breaks yet: clients are told to stop sending the parameter before it is removed.',
  },
  'request-parameter-reactivated': {
    why: 'The parameter is supported again; clients may keep sending it.',
  },
  'request-parameter-deprecated-sunset-missing': {
    why: 'The deprecation policy promises clients a minimum notice period; without x-sunset nobody knows when the parameter goes away.',
  },
  'request-parameter-sunset-parse': {
    why: 'An x-sunset that is not an RFC 3339 date cannot be read by clients or tools, so the notice period is unknown.',
  },
  'request-parameter-sunset-date-too-small': {
    why: 'The deprecation policy promises clients a minimum notice period; a sunset sooner than that leaves them too little time to stop sending the parameter.',
  },
  'request-parameter-sunset-date-changed-too-small': {
    why: 'Clients planned around the announced sunset; moving it earlier than the minimum notice period cuts their time short.',
  },
  'request-parameter-sunset-deleted': {
    why: 'Clients planned around the announced sunset; without it they no longer know how long the parameter stays.',
  },
  'api-version-not-bumped': {
    why: 'Clients and registries read info.version to tell compatible releases apart; a breaking change under the same version looks safe to take.',
  },
  'api-version-decreased': {
    why: 'A version that goes down confuses every client, cache and registry that orders releases by version.',
  },
  'api-major-version-not-bumped': {
    why: 'Semantic versioning tells clients a minor release is safe to take; a breaking change needs a new major version.',
  },
  'new-optional-request-parameter': {
    why: 'Existing clients do not send the new parameter, which is fine because it is optional.',
  },
  'new-request-path-parameter': {
    why: 'The URL template gained a segment: requests of existing clients no longer match the path.',
  },
  'new-required-request-default-parameter-to-existing-path': {
    why: 'Every operation of the path now requires the parameter, and existing clients do not send it: their requests are rejected.',
  },
  'new-optional-request-default-parameter-to-existing-path': {
    why: 'Existing clients do not send the new parameter, which is fine because it is optional.',
  },
  'request-parameter-removed': {
    why: 'Clients keep sending the parameter; servers usually ignore unknown parameters, but what the client asked for (a filter, a limit) silently stops applying.',
  },
  'request-parameter-removed-with-deprecation': {
    why: 'The parameter was deprecated and its sunset (if any) has passed: clients had their notice.',
  },
  'request-parameter-removed-before-sunset': {
    why: 'The sunset date promised clients the parameter keeps working until then; removing it earlier breaks that promise.',
  },
  'request-parameter-became-optional': {
    why: 'Clients that always send the parameter stay valid.',
  },
  'request-parameter-default-value-added': {
    why: 'Clients that omit the parameter now get the default behaviour instead of none: the same request gives another result.',
  },
  'request-parameter-default-value-changed': {
    why: 'Clients that omit the parameter silently get another behaviour: the same request gives another result.',
  },
  'request-parameter-default-value-removed': {
    why: 'Clients that omit the parameter relied on the default; without it the server decides, and the same request may give another result.',
  },
  'request-parameter-style-changed': {
    why: 'The parameter is serialised differently (e.g. form → pipeDelimited): values sent the old way are parsed wrongly or rejected.',
  },
  'request-parameter-explode-changed': {
    why: 'Arrays and objects are serialised differently (ids=1&ids=2 vs ids=1,2): values sent the old way are parsed wrongly or rejected.',
  },
  'request-parameter-became-allow-reserved': {
    why: 'The server now also accepts reserved characters unencoded; percent-encoded values still work.',
  },
  'request-parameter-became-not-allow-reserved': {
    why: 'Clients that send reserved characters (/, ?, #) unencoded now have their values split or misread.',
  },
  'request-body-added-required': {
    why: 'Existing clients send no body, and one is now required: their requests are rejected.',
  },
  'request-body-added-optional': {
    why: 'Existing clients send no body, which stays valid.',
  },
  'request-body-removed': {
    why: 'Clients still send a body the operation no longer declares: it is ignored or rejected, and what it carried is lost.',
  },
  'request-body-became-required': {
    why: 'Clients that call without a body, as the old contract allowed, are now rejected.',
  },
  'request-body-became-optional': {
    why: 'Clients that always send a body stay valid.',
  },
  'request-body-media-type-added': {
    why: 'Clients keep sending the media types they know, which are still accepted.',
  },
  'request-body-media-type-schema-added': {
    why: 'The media type accepted any body before; bodies that do not match the new schema are now rejected.',
  },
  'request-body-media-type-schema-removed': {
    why: 'The media type now accepts any body; everything clients sent before stays valid.',
  },
  'response-success-status-added': {
    why: 'Clients may receive a success status they did not handle; most treat any 2xx alike, so this is informational.',
  },
  'response-non-success-status-added': {
    why: 'A new error status documents a failure that could happen anyway; clients already handle unexpected errors.',
  },
  'response-non-success-status-removed': {
    why: 'Clients no longer receive that error status; code handling it becomes dead but does not break.',
  },
  'response-media-type-added': {
    why: 'Clients that ask for the media types they know (Accept) keep getting them.',
  },
  'response-media-type-name-changed': {
    why: 'Only media type parameters (e.g. charset) changed; clients that match on the type itself are unaffected.',
  },
  'response-media-type-name-generalized': {
    why: 'A wider media type (application/*) lets the server answer in formats clients cannot parse.',
  },
  'response-media-type-name-specialized': {
    why: 'A narrower media type is one that clients already accepted.',
  },
  'response-body-media-type-schema-added': {
    why: 'The response now documents its shape; clients receive what they received before.',
  },
  'response-body-media-type-schema-removed': {
    why: 'Without a schema the response may carry any body: clients that parse the documented shape can no longer rely on it.',
  },
  'response-header-added': {
    why: 'Clients ignore headers they do not know.',
  },
  'required-response-header-removed': {
    why: 'Clients that read the header (a rate limit, a location, a request id) no longer get it, and code that relies on it fails.',
  },
  'optional-response-header-removed': {
    why: 'Clients that used the header when present stop receiving it and lose the information.',
  },
  'response-header-became-optional': {
    why: 'Clients that expect the header on every response may now get responses without it.',
  },
  'response-header-became-required': {
    why: 'Clients now always receive a header they already handled when present.',
  },
  'api-security-added': {
    why: 'An operation that needed no credentials, or other ones, now asks for them: clients that do not send them get 401 or 403. Reported as info like oasdiff; review it.',
  },
  'api-security-removed': {
    why: 'Clients that authenticate with the removed requirement are fine when another alternative still admits them (info); otherwise their calls are refused.',
  },
  'api-security-anonymous-access-added': {
    why: 'Anonymous calls are now also accepted; clients that send credentials still work.',
  },
  'api-security-scope-added': {
    why: 'Tokens issued with the old scopes lack the new one: clients may get 403 until they request it. Reported as info like oasdiff; review it.',
  },
  'api-security-scope-removed': {
    why: 'Clients need fewer scopes than before; their tokens still carry the old ones.',
  },
  'api-global-security-added': {
    why: 'Every operation without its own security now inherits the requirement: clients that do not send the credentials get 401 or 403. Reported as info like oasdiff; review it.',
  },
  'api-global-security-removed': {
    why: 'Operations inheriting the requirement accept clients of another alternative or anonymous calls; when no remaining alternative admits its clients, their calls are refused.',
  },
  'api-global-security-anonymous-access-removed': {
    why: 'Operations that inherit the top-level security no longer accept anonymous calls: clients without credentials get 401.',
  },
  'api-global-security-anonymous-access-added': {
    why: 'Operations that inherit the top-level security now also accept anonymous calls; clients that send credentials still work.',
  },
  'api-global-security-scope-added': {
    why: 'Tokens issued with the old scopes lack the new one: clients of inheriting operations may get 403 until they request it.',
  },
  'api-global-security-scope-removed': {
    why: 'Clients need fewer scopes than before; their tokens still carry the old ones.',
  },
  'api-security-component-added': {
    why: 'A new security scheme changes nothing until an operation requires it.',
  },
  'api-security-component-removed': {
    why: 'Operations no longer reference the scheme (those that do are reported on their own); clients configured with it should move on.',
  },
  'api-security-component-type-changed': {
    why: 'Clients authenticate the old way (e.g. an API key header instead of a bearer token) and are refused wherever the scheme is required.',
  },
  'api-security-component-oauth-url-changed': {
    why: 'Clients send users to the old authorization URL until they update their OAuth configuration.',
  },
  'api-security-component-oauth-token-url-changed': {
    why: 'Clients request tokens from the old URL until they update their OAuth configuration.',
  },
  'api-security-component-oauth-scope-added': {
    why: 'A new scope changes nothing until an operation requires it.',
  },
  'api-security-component-oauth-scope-removed': {
    why: 'Clients that request the removed scope may be refused a token by the authorization server.',
  },
  'api-security-component-oauth-scope-changed': {
    why: 'Only the scope description changed (what users see on the consent screen); tokens and calls are unaffected.',
  },
};
