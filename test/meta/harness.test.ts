// The rule-case harness fails where it should: each planted defect in a case (a file that does not parse, a related
// location on the wrong finding, a marker typo, a wrong message, a file left unread) gives a problem; the clean case none.
import { describe, expect, it } from 'vitest';
import { makeProject, SFDX_PROJECT, xml } from '../support/fixtures.js';
import { checkCase, messageProblems } from '../support/harness.js';

const RULE = 'welcome-email-before-site-live';
const NETWORKS = 'force-app/main/default/networks';

/** Two sites that send welcome emails before they are live: two findings, each with its own status as related location. */
function files(related: [string, string] = ['#1', '#2'], extra: Record<string, string> = {}): Record<string, string> {
  const network = (name: string, status: string, marker: string) =>
    xml(
      'Network',
      [
        `    <sendWelcomeEmail>true</sendWelcomeEmail> <!-- expect: ${RULE} notLive -->`,
        `    <site>${name}</site>`,
        `    <status>${status}</status> <!-- expect-related: ${RULE} ${marker} -->`,
        `    <urlPathPrefix>${name.toLowerCase()}</urlPathPrefix>`,
      ].join('\n'),
    );
  return {
    'sfdx-project.json': SFDX_PROJECT,
    [`${NETWORKS}/Customers.network-meta.xml`]: network('Customers', 'UnderConstruction', related[0]),
    [`${NETWORKS}/Partners.network-meta.xml`]: network('Partners', 'UnderConstruction', related[1]),
    ...extra,
  };
}

describe('the rule-case harness', () => {
  it('passes a case whose run matches its markers', async () => {
    expect(await checkCase(makeProject(files()), RULE)).toEqual([]);
  });

  it('fails a quiet file that does not parse', async () => {
    const broken = { [`${NETWORKS}/Quiet.network-meta.xml`]: xml('Network', '    <site>Quiet</sit>') };
    expect(await checkCase(makeProject(files(undefined, broken)), RULE)).toEqual([
      expect.stringMatching(/^reported but not expected: .*Quiet\.network-meta\.xml:3 parse-error$/),
    ]);
  });

  it('fails a related location marked on the other finding, or on none', async () => {
    const swapped = await checkCase(makeProject(files(['#2', '#1'])), RULE);
    expect(swapped).toHaveLength(2);
    expect(swapped[0]).toMatch(/^finding #1 .*: related \[.*Customers.*\], expected \[.*Partners.*\]$/);
    // Unnumbered, a marker belongs to every finding: here it is related to one only.
    expect(await checkCase(makeProject(files(['', '#2'])), RULE)).toEqual([expect.stringMatching(/^finding #2 .*: related/)]);
    expect(await checkCase(makeProject(files(['#1', '#3'])), RULE)).toContainEqual(
      expect.stringMatching(/expect-related #3, but the case expects 2 finding/),
    );
  });

  it('fails a marker it does not understand, and one naming an unknown rule', async () => {
    const typo = files();
    typo[`${NETWORKS}/Customers.network-meta.xml`] = typo[`${NETWORKS}/Customers.network-meta.xml`]!.replace(
      `<!-- expect-related: ${RULE} #1 -->`,
      `<!-- expect-realted: ${RULE} #1 -->`,
    );
    expect(await checkCase(makeProject(typo), RULE)).toContainEqual(
      expect.stringMatching(/Customers.*:5: a marker the harness does not understand/),
    );
    const unknown = files(undefined, {
      [`${NETWORKS}/Other.network-meta.xml`]: xml('Network', '    <site>Other</site> <!-- expect: welcome-email-befor-site-live -->'),
    });
    expect(await checkCase(makeProject(unknown), RULE)).toContainEqual(
      expect.stringMatching(/names an unknown rule welcome-email-befor-site-live/),
    );
  });

  it('checks an exact message where a case pins one', async () => {
    const pin = (message: string) => {
      const pinned = files();
      pinned[`${NETWORKS}/Customers.network-meta.xml`] = pinned[`${NETWORKS}/Customers.network-meta.xml`]!.replace(
        `notLive -->`,
        `notLive --> <!-- expect-message: ${RULE} ${message} -->`,
      );
      return makeProject(pinned);
    };
    expect(await checkCase(pin('Site Customers sends no email.'), RULE)).toEqual([
      expect.stringMatching(/^finding #1 .*: message ".*Customers.*UnderConstruction.*", expected "Site Customers sends no email\."$/),
    ]);
    const [problem] = await checkCase(pin('x'), RULE);
    const actual = /message "(.*)", expected/.exec(problem!)![1]!;
    expect(await checkCase(pin(actual), RULE)).toEqual([]);
  });

  it('fails a file of a case that is not read', async () => {
    const misnamed = files(undefined, { [`${NETWORKS}/Typo.network-meta.xlm`]: xml('Network', '') });
    expect(await checkCase(makeProject(misnamed), RULE)).toEqual([expect.stringMatching(/Typo\.network-meta\.xlm is not linted/)]);
  });
});

describe('message data', () => {
  const template = 'Site {{network}} has status {{ status }}.';
  it('accepts a message with every placeholder filled', () => {
    expect(messageProblems(template, 'Site Customers has status Live.')).toEqual([]);
  });
  it('refuses a placeholder left in, filled with nothing, or a message off its template', () => {
    expect(messageProblems(template, 'Site Customers has status {{status}}.')).toEqual([expect.stringMatching(/unfilled/)]);
    expect(messageProblems(template, 'Site  has status Live.')).toEqual([expect.stringMatching(/with nothing/)]);
    expect(messageProblems(template, 'Site Customers has no status.')).toEqual([expect.stringMatching(/does not follow/)]);
  });
});
