// What a component's name says about it: custom or the platform's, its namespace, CumulusCI's tokens; as text for the
// few names that need it, and as bits computed once per distinct name at extraction (memberKind) for the rest.

// Object suffixes of custom components that projects define: custom objects and settings, custom metadata types, platform
// events, big objects, external objects (https://developer.salesforce.com/docs/atlas.en-us.api_meta.meta/api_meta/customobject.htm).
export const CUSTOM_OBJECT = /__(?:c|mdt|e|b|x)$/iu;
export const CUSTOM_FIELD = /__c$/iu;
/** Suffixes with a namespace-like double underscore that are not a namespace. */
const SUFFIX = /__(?:c|mdt|e|b|x|kav|ka|pc|r|share|history|feed|changeevent|tag|latitude__s|longitude__s|s)$/iu;
const SUFFIX_WORDS = [
  '__c',
  '__mdt',
  '__e',
  '__b',
  '__x',
  '__kav',
  '__ka',
  '__pc',
  '__r',
  '__share',
  '__history',
  '__feed',
  '__changeevent',
  '__tag',
  '__latitude__s',
  '__longitude__s',
  '__s',
];
const CUSTOM_OBJECT_SUFFIXES = ['__c', '__mdt', '__e', '__b', '__x'];
/** CumulusCI's namespace tokens: the project's namespace prefix (or nothing) once injected (https://cumulusci.readthedocs.io/en/stable/namespaces.html). */
const NAMESPACE_TOKENS = /%%%(?:NAMESPACE|NAMESPACED_ORG|NAMESPACE_DOT)%%%/gu;
/** Any other build-time token: what it becomes is not known here. */
export const OTHER_TOKEN = /%%%[A-Z_]+%%%/u;
/** A tab of the platform: `standard-Account`, or the tab of an object the platform creates (`Knowledge__kav`). */
export const STANDARD_TAB_NAME = /^standard-|__(?!(?:c|mdt|e|b|x)$)[a-z]+$/iu;

/** A name without CumulusCI's namespace tokens, which stand for the project's own namespace. */
export function withoutTokens(name: string): string {
  return name.includes('%%%') ? name.replace(NAMESPACE_TOKENS, '') : name;
}

/** A name part's namespace prefix (`ns` of `ns__Thing__c` or `ns__Thing`), or undefined. */
export function namespaceOf(part: string): string | undefined {
  const bare = part.replace(SUFFIX, '');
  const at = bare.indexOf('__');
  return at > 0 ? bare.slice(0, at) : undefined;
}

/**
 * Components the platform creates in new orgs, which projects reference without holding: record types `Master` and
 * `PersonAccount`, and the Sites and Experience Cloud controllers and pages new orgs come with
 * (https://help.salesforce.com/s/articleView?id=sf.sites_login_registration_setup.htm,
 * https://help.salesforce.com/s/articleView?id=sf.networks_custom_login_pages.htm).
 */
export const PLATFORM_RECORD_TYPES: ReadonlySet<string> = new Set(['master', 'personaccount']);
export const PLATFORM_APEX: ReadonlySet<string> = new Set(
  [
    'ChangePasswordController',
    'CommunitiesLandingController',
    'CommunitiesLoginController',
    'CommunitiesSelfRegConfirmController',
    'CommunitiesSelfRegController',
    'ForgotPasswordController',
    'LightningForgotPasswordController',
    'LightningLoginFormController',
    'LightningSelfRegisterController',
    'MicrobatchSelfRegController',
    'MyProfilePageController',
    'SiteLoginController',
    'SiteRegisterController',
  ].flatMap((name) => [name, `${name}Test`].map((n) => n.toLowerCase())),
);
export const PLATFORM_PAGES: ReadonlySet<string> = new Set(
  [
    'AnswersHome',
    'BandwidthExceeded',
    'ChangePassword',
    'CommunitiesLanding',
    'CommunitiesLogin',
    'CommunitiesSelfReg',
    'CommunitiesSelfRegConfirm',
    'CommunitiesTemplate',
    'Exception',
    'FileNotFound',
    'ForgotPassword',
    'ForgotPasswordConfirm',
    'IdeasHome',
    'InMaintenance',
    'MicrobatchSelfReg',
    'MyProfilePage',
    'SiteLogin',
    'SiteRegister',
    'SiteRegisterConfirm',
    'SiteTemplate',
    'StdExceptionTemplate',
    'Unauthorized',
    'UnderConstruction',
  ].map((n) => n.toLowerCase()),
);

const FNV_OFFSET = 0x811c9dc5 | 0;
const FNV_PRIME = 0x01000193;

function lower(c: number): number {
  return c >= 65 && c <= 90 ? c + 32 : c;
}

/**
 * The hash names are compared by: FNV-1a over the characters, ASCII letters lower-cased. It is only used for plain
 * (ASCII) names, whose characters are their UTF-8 bytes.
 */
export function hashName(name: string, start = 0, end = name.length): number {
  let hash = FNV_OFFSET;
  for (let k = start; k < end; k++) hash = Math.imul(hash ^ lower(name.charCodeAt(k)), FNV_PRIME);
  return hash;
}

const PLATFORM_HASHES: ReadonlySet<number> = new Set(
  [...PLATFORM_APEX, ...PLATFORM_PAGES, ...PLATFORM_RECORD_TYPES].map((n) => hashName(n)),
);

// A distinct name's kind (RefTable.memberKinds): what the index's quick path needs to know about it, from its text alone.
/** ASCII without `%`: the kind and hash decide; otherwise only the text can (URL escapes, tokens, non-ASCII). */
export const PLAIN = 1;
/** A namespace prefix: the project's own, or another's (the index knows the project's). */
export const NAMESPACED = 2;
/** Ends with `__c`: a custom field (or object). */
export const ENDS_C = 4;
/** Ends with a custom object's suffix (`__c`, `__mdt`, `__e`, `__b`, `__x`). */
export const OBJECT_SUFFIX = 8;
/** A platform tab (`standard-Account`, `Knowledge__kav`). */
export const STANDARD_TAB = 16;
/** A platform application (`standard__Sales`). */
export const STANDARD_APP = 32;
/** Maybe the platform's own Apex class, page or record type (its text confirms). */
export const PLATFORM_NAME = 64;

function endsWith(source: string, start: number, end: number, suffix: string): boolean {
  const n = suffix.length;
  if (end - start < n) return false;
  for (let k = 0; k < n; k++) if (lower(source.charCodeAt(end - n + k)) !== suffix.charCodeAt(k)) return false;
  return true;
}

function endsWithAny(source: string, start: number, end: number, suffixes: readonly string[]): boolean {
  for (const suffix of suffixes) if (endsWith(source, start, end, suffix)) return true;
  return false;
}

function startsWith(source: string, start: number, end: number, prefix: string): boolean {
  const n = prefix.length;
  if (end - start < n) return false;
  for (let k = 0; k < n; k++) if (lower(source.charCodeAt(start + k)) !== prefix.charCodeAt(k)) return false;
  return true;
}

/** Whether source[start, end) ends with `__` and letters (a suffix such as `__kav`): the tab of a platform object. */
function endsWithSuffixWord(source: string, start: number, end: number): boolean {
  let k = end - 1;
  while (k >= start && (source.charCodeAt(k) | 32) >= 97 && (source.charCodeAt(k) | 32) <= 122) k--;
  return k < end - 1 && k - 1 >= start && source.charCodeAt(k) === 95 && source.charCodeAt(k - 1) === 95;
}

/** What source[start, end), a name's rest after its owner, is (PLAIN, NAMESPACED, ...); `hash` is its hashName. */
export function memberKind(source: string, start: number, end: number, hash: number): number {
  // One pass: plain characters, and the first `__` (searched within the name only: the source is often the whole file).
  let at = -1;
  for (let k = start; k < end; k++) {
    const c = source.charCodeAt(k);
    if (c >= 0x80 || c === 37) return 0;
    if (c === 95 && at < 0 && k + 1 < end && source.charCodeAt(k + 1) === 95) at = k;
  }
  let kind = PLAIN;
  if (source.charCodeAt(start) === 115 || source.charCodeAt(start) === 83) {
    if (startsWith(source, start, end, 'standard-')) kind |= STANDARD_TAB;
    if (startsWith(source, start, end, 'standard__')) kind |= STANDARD_APP;
  }
  // `Name__c` is a suffix only, the common case.
  if (at >= 0 && !(at === end - 3 && lower(source.charCodeAt(end - 1)) === 99)) {
    const tail = end - at;
    // `Name__c`: only a suffix; `ns__Name__c`, `ns__Class`: a namespace.
    let suffixOnly = false;
    for (const w of SUFFIX_WORDS) if (w.length === tail && endsWith(source, start, end, w)) suffixOnly = true;
    if (!suffixOnly) kind |= NAMESPACED;
  }
  if (endsWith(source, start, end, '__c')) kind |= ENDS_C | OBJECT_SUFFIX;
  else if (endsWithAny(source, start, end, CUSTOM_OBJECT_SUFFIXES)) kind |= OBJECT_SUFFIX;
  else if (endsWithSuffixWord(source, start, end)) kind |= STANDARD_TAB;
  if (PLATFORM_HASHES.has(hash)) kind |= PLATFORM_NAME;
  return kind;
}
